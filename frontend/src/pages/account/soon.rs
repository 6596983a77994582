//! «Платежи» (5 on the manual's рис. 6) while it is being built: it says so, and shows
//! what the account card already knows, the money of the last closed period.

use super::home::MoneyCard;
use super::use_account;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn AccountPayments() -> impl IntoView {
    let account = use_account();
    let charges = format!("/accounts/{}/charges", account.id);
    move || {
        account.card.get().and_then(Result::ok).map(|card| {
            view! {
                <section class="section" aria-labelledby="payments-title">
                    <h2 id="payments-title">"Платежи"</h2>
                    <p class="notice notice-info" data-test="section-soon">
                        "Раздел готовится: скоро здесь будут движение денежных средств за выбранный период (долг или переплата на начало и конец, начисления, перерасчёты, поступления) и оплата онлайн."
                    </p>
                    <div class="card-grid">
                        <MoneyCard money=card.money notice=card.notice />
                        <section class="card" aria-labelledby="meanwhile-title">
                            <h3 id="meanwhile-title">"Что уже можно посмотреть"</h3>
                            <p>
                                "Начисления, перерасчёты и пени по месяцам — в разделе "
                                <A href=charges.clone()>"«Начисления»"</A> "."
                            </p>
                        </section>
                    </div>
                </section>
            }
        })
    }
}
