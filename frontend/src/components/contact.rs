//! Where a resident lives and how to reach them, on the desk: the address, the account
//! and the contact they gave (the phone and the e-mail are links).

use super::layout::tel_href;
use domkom_dto::Contact;
use leptos::prelude::*;

#[component]
pub fn ResidentFacts(address: String, account_number: String, contact: Contact) -> impl IntoView {
    view! {
        <dl id="resident" class="facts facts-compact card">
            <div>
                <dt>"Адрес"</dt>
                <dd data-test="address">{address}</dd>
            </div>
            <div>
                <dt>"Лицевой счёт"</dt>
                <dd data-test="account-number">{account_number}</dd>
            </div>
            {contact.phone.map(|phone| view! {
                <div>
                    <dt>"Телефон"</dt>
                    <dd><a href=tel_href(&phone) data-test="contact-phone">{phone.clone()}</a></dd>
                </div>
            })}
            {contact.email.map(|email| view! {
                <div>
                    <dt>"E-mail"</dt>
                    <dd><a href=format!("mailto:{email}") data-test="contact-email">{email.clone()}</a></dd>
                </div>
            })}
        </dl>
    }
}
