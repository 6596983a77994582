//! «Регистрация»: a new resident's account, activated by a link sent to the e-mail.

use super::activate::ResendLetter;
use crate::components::field::{confirmation, passed, Field};
use crate::components::form::{FormAlert, FormState, SubmitButton};
use crate::components::page::Page;
use crate::navigation::Link;
use crate::session::use_session;
use domkom_dto::{rules, FieldError, Register};
use leptos::prelude::*;

/// The registration form as typed.
struct Typed {
    login: String,
    email: String,
    full_name: String,
    phone: String,
    password: String,
    password_confirm: String,
}

/// The request the form sends (names, addresses and phone trimmed), or what to fix.
fn registration(typed: Typed) -> Result<Register, Vec<FieldError>> {
    let form = Register {
        login: typed.login.trim().to_owned(),
        email: typed.email.trim().to_owned(),
        full_name: typed.full_name.trim().to_owned(),
        phone: typed.phone.trim().to_owned(),
        password: typed.password,
    };
    let mut problems = rules::check_register(&form);
    problems.extend(confirmation(
        "password_confirm",
        &form.password,
        &typed.password_confirm,
    ));
    passed(form, problems)
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    // The address the activation letter went to, once registered.
    let sent_to = RwSignal::new(None::<String>);
    view! {
        <Page title="Регистрация" class="page page-narrow">
            <Show
                when=move || sent_to.get().is_some()
                fallback=move || view! { <RegisterForm sent_to /> }
            >
                <Registered sent_to />
            </Show>
        </Page>
    }
}

#[component]
fn RegisterForm(sent_to: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let login = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let full_name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let password_confirm = RwSignal::new(String::new());
    let form = FormState::default();
    let submit = form.on_submit(
        move || {
            registration(Typed {
                login: login.get_untracked(),
                email: email.get_untracked(),
                full_name: full_name.get_untracked(),
                phone: phone.get_untracked(),
                password: password.get_untracked(),
                password_confirm: password_confirm.get_untracked(),
            })
        },
        async move |request: Register| {
            session.client().register(&request).await?;
            sent_to.set(Some(request.email));
            Ok(())
        },
    );
    let errors = form.errors;
    view! {
        <form id="register-form" class="card form" novalidate on:submit=submit>
            <FormAlert message=form.alert />
            <Field
                name="login"
                label="Логин"
                value=login
                errors=errors
                autocomplete="username"
                hint="От 3 до 32 символов: латинские буквы, цифры, точка, дефис, подчёркивание"
            />
            <Field
                name="email"
                label="E-mail"
                kind="email"
                value=email
                errors=errors
                autocomplete="email"
                hint="На него придёт ссылка для активации"
            />
            <Field
                name="full_name"
                label="ФИО"
                value=full_name
                errors=errors
                autocomplete="name"
            />
            <Field
                name="phone"
                label="Телефон"
                kind="tel"
                value=phone
                errors=errors
                autocomplete="tel"
                hint="Например, +7 912 345-67-89"
            />
            <Field
                name="password"
                label="Пароль"
                kind="password"
                value=password
                errors=errors
                autocomplete="new-password"
                hint="Не короче 8 символов, хотя бы одна буква и одна цифра"
            />
            <Field
                name="password_confirm"
                label="Повторите пароль"
                kind="password"
                value=password_confirm
                errors=errors
                autocomplete="new-password"
            />
            <SubmitButton
                label="Зарегистрироваться"
                busy_label="Регистрируем…"
                pending=form.pending
            />
        </form>
        <p class="after-form">
            "Уже зарегистрированы? " <Link href="/login">"Войти"</Link>
        </p>
    }
}

/// Where the activation letter went, and the way to ask for it again.
#[component]
fn Registered(sent_to: RwSignal<Option<String>>) -> impl IntoView {
    let address = move || sent_to.get().unwrap_or_default();
    view! {
        <div class="card">
            <p class="notice notice-success" role="status">
                "Почти готово! Мы отправили письмо со ссылкой для активации на "
                <strong>{address}</strong>
                ". Перейдите по ссылке из письма, чтобы активировать учётную запись."
            </p>
            <p class="muted">
                "Письмо не пришло? Проверьте папку «Спам» — ссылка действует 24 часа. Или отправьте письмо ещё раз:"
            </p>
            <ResendLetter login=Signal::derive(address) />
            <p>
                <Link href="/login">"Перейти ко входу"</Link>
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{registration, Typed};
    use crate::components::field::refusals;
    use domkom_dto::Register;

    fn typed() -> Typed {
        Typed {
            login: " newcomer ".into(),
            email: " Newcomer@Example.ru ".into(),
            full_name: " Смирнова Ольга Петровна ".into(),
            phone: " +7 912 000-11-22 ".into(),
            password: " first-pass1".into(),
            password_confirm: " first-pass1".into(),
        }
    }

    #[test]
    fn a_good_form_is_the_request_trimmed_but_the_password() {
        assert_eq!(
            registration(typed()).unwrap(),
            Register {
                login: "newcomer".into(),
                email: "Newcomer@Example.ru".into(),
                full_name: "Смирнова Ольга Петровна".into(),
                phone: "+7 912 000-11-22".into(),
                password: " first-pass1".into(),
            }
        );
    }

    #[test]
    fn an_empty_form_asks_for_every_field() {
        let empty = Typed {
            login: String::new(),
            email: " ".into(),
            full_name: String::new(),
            phone: String::new(),
            password: String::new(),
            password_confirm: String::new(),
        };
        let fields: Vec<String> = refusals(registration(empty))
            .into_iter()
            .map(|(field, message)| {
                assert_eq!(message, "Заполните это поле", "{field}");
                field
            })
            .collect();
        assert_eq!(
            fields,
            [
                "login",
                "email",
                "full_name",
                "phone",
                "password",
                "password_confirm"
            ]
        );
    }

    #[test]
    fn each_bad_input_is_told_at_its_field() {
        let cases: [(fn(&mut Typed), &str, &str); 5] = [
            (
                |t| t.login = "new comer".into(),
                "login",
                "Логин может содержать только латинские буквы, цифры, точку, дефис и подчёркивание",
            ),
            (
                |t| t.email = "newcomer@example".into(),
                "email",
                "Введите адрес электронной почты, например ivanov@mail.ru",
            ),
            (
                |t| t.phone = "912".into(),
                "phone",
                "Введите номер телефона, например +7 912 345-67-89",
            ),
            (
                |t| {
                    t.password = "password".into();
                    t.password_confirm = "password".into();
                },
                "password",
                "Пароль — от 8 до 128 символов, хотя бы одна буква и одна цифра",
            ),
            (
                |t| t.password_confirm = "first-pass2".into(),
                "password_confirm",
                "Пароли не совпадают",
            ),
        ];
        for (spoil, field, message) in cases {
            let mut form = typed();
            spoil(&mut form);
            assert_eq!(
                refusals(registration(form)),
                [(field.to_owned(), message.to_owned())]
            );
        }
    }
}
