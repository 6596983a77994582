//! «Вход»: sign in by login or e-mail.

use super::activate::ResendLetter;
use crate::components::field::{collect, required, Field, FieldErrors};
use crate::components::form::{report, FormAlert, FormStatus, SubmitButton, CHECK_FIELDS};
use crate::components::page::Page;
use crate::navigation::{use_navigation, Link};
use crate::session::use_session;
use domkom_client::dto::ErrorCode;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

const INACTIVE: &str = "Учётная запись ещё не активирована. Подтвердите e-mail: откройте \
                        письмо, которое мы отправили при регистрации, и перейдите по ссылке в нём.";

/// Where to go after signing in: `?next=` when it is a page of this site (a link that
/// needed a signed-in user, such as the e-mail confirmation), else the user's start (the
/// accounts, the desk), known once signed in.
fn next_page(next: Option<String>) -> Option<String> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let navigation = use_navigation();
    let next = next_page(navigation.query("next"));
    let target = move || {
        next.clone()
            .unwrap_or_else(|| session.home().path.to_owned())
    };
    if session.is_signed_in_untracked() {
        navigation.replace(&target());
        return ().into_any();
    }
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let alert = RwSignal::new(None::<String>);
    let status = RwSignal::new(session.take_farewell().map(str::to_owned));
    let inactive = RwSignal::new(false);
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let (login_value, password_value) = (login.get_untracked(), password.get_untracked());
        let problems = collect([
            required("login", &login_value),
            required("password", &password_value),
        ]);
        alert.set((!problems.is_empty()).then(|| CHECK_FIELDS.to_owned()));
        status.set(None);
        inactive.set(false);
        errors.set(problems);
        if alert.get_untracked().is_some() {
            return;
        }
        pending.set(true);
        let target = target.clone();
        spawn_local(async move {
            match session.sign_in(login_value.trim(), &password_value).await {
                Ok(()) => {
                    pending.set(false);
                    navigation.go(&target());
                }
                Err(e) => {
                    let message = if e.code() == Some(ErrorCode::AccountInactive) {
                        inactive.set(true);
                        INACTIVE.to_owned()
                    } else {
                        report(&e, errors, &[])
                    };
                    alert.set(Some(message));
                    pending.set(false);
                }
            }
        });
    };

    // Whoever starts typing will soon need the routes (`welcome`), which the page shown
    // by itself did not wait for: they come while the password is typed.
    let warm_up = |_| {
        #[cfg(target_arch = "wasm32")]
        crate::boot::preload("welcome");
    };

    view! {
        <Page title="Вход" class="page page-narrow">
            <form id="login-form" class="card form" novalidate on:submit=submit on:focusin=warm_up>
                <FormStatus message=status />
                <FormAlert message=alert />
                <Show when=move || inactive.get()>
                    <ResendLetter login=login />
                </Show>
                <Field
                    name="login"
                    label="Логин или e-mail"
                    value=login
                    errors=errors
                    autocomplete="username"
                />
                <Field
                    name="password"
                    label="Пароль"
                    kind="password"
                    value=password
                    errors=errors
                    autocomplete="current-password"
                />
                <SubmitButton label="Войти" busy_label="Входим…" pending=pending />
                <p class="form-links">
                    <Link href="/password/forgot">"Забыли пароль?"</Link>
                </p>
            </form>
            <p class="after-form">
                "Впервые здесь? " <Link href="/register">"Зарегистрироваться"</Link>
            </p>
        </Page>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::next_page;

    #[test]
    fn only_pages_of_this_site_are_gone_to_after_sign_in() {
        let go = |next: &str| next_page(Some(next.to_owned()));
        assert_eq!(
            go("/email/confirm?token=abc").as_deref(),
            Some("/email/confirm?token=abc")
        );
        for elsewhere in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "",
        ] {
            assert_eq!(go(elsewhere), None, "{elsewhere}");
        }
        assert_eq!(next_page(None), None);
    }
}
