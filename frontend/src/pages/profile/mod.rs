//! «Мой профиль»: what we know about the user, and the forms to change it.

mod delete;
mod details;
mod email;
mod password;
mod subscriptions;

use crate::components::page::Page;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = use_session();
    view! {
        <Page title="Мой профиль">
            <div class="profile-grid">
                <ProfileView />
                <Show when=move || {
                    session.user().is_some_and(|u| u.role == domkom_dto::Role::Resident)
                }>
                    <subscriptions::SubscriptionsForm />
                </Show>
                <details::ProfileForm />
                <email::EmailForm />
                <password::PasswordForm />
                <delete::DeleteForm />
            </div>
        </Page>
    }
}

/// The profile as stored on the server.
#[component]
fn ProfileView() -> impl IntoView {
    let session = use_session();
    let field = move |pick: fn(&domkom_dto::User) -> String| {
        move || session.user().map(|u| pick(&u)).unwrap_or_default()
    };
    view! {
        <section id="profile-view" class="card" aria-labelledby="profile-view-title">
            <h2 id="profile-view-title">"Сведения"</h2>
            <dl class="facts">
                <div>
                    <dt>"Логин"</dt>
                    <dd data-field="login">{field(|u| u.login.clone())}</dd>
                </div>
                <div>
                    <dt>"E-mail"</dt>
                    <dd data-field="email">{field(|u| u.email.clone())}</dd>
                </div>
                <div>
                    <dt>"ФИО"</dt>
                    <dd data-field="full_name">{field(|u| u.full_name.clone())}</dd>
                </div>
                <div>
                    <dt>"Телефон"</dt>
                    <dd data-field="phone">{field(|u| u.phone.clone())}</dd>
                </div>
            </dl>
        </section>
    }
}
