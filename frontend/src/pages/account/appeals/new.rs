//! «Новое обращение»: the topic, the text, a contact for the answer (from the profile)
//! and photos; then the thread it starts.

use crate::components::appeals::picker::PhotoPicker;
use crate::components::field::{passed, Field, Select, TextArea};
use crate::components::form::{FormAlert, FormState, SubmitButton};
use crate::components::load::{load, show};
use crate::navigation::use_navigation;
use crate::pages::account::use_account;
use crate::session::use_session;
use domkom_client::Upload;
use domkom_dto::rules::{self, APPEAL_TEXT_MAX};
use domkom_dto::{FieldError, NewAppeal};
use leptos::prelude::*;

/// What the form holds.
#[derive(Clone, Copy)]
struct Inputs {
    topic: RwSignal<String>,
    text: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
}

/// The appeal typed, with the server's own check (a contact is a phone or an e-mail).
fn new_appeal(
    topic: &str,
    text: &str,
    phone: &str,
    email: &str,
) -> Result<NewAppeal, Vec<FieldError>> {
    let filled = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let appeal = NewAppeal {
        topic: topic.to_owned(),
        text: text.trim().to_owned(),
        contact_phone: filled(phone),
        contact_email: filled(email),
    };
    let problems = rules::check_new_appeal(&appeal);
    passed(appeal, problems)
}

#[component]
pub fn NewAppealPage() -> impl IntoView {
    let session = use_session();
    let id = use_account().id;
    let topics = load(
        session,
        "Лицевой счёт не найден среди ваших.",
        async move |c| c.appeal_topics(id).await,
    );
    view! {
        <section class="section section-narrow" aria-labelledby="new-appeal-title">
            <h2 id="new-appeal-title">"Новое обращение"</h2>
            <p class="muted">
                "Обращение получит управляющая организация. Ответ появится в разделе «Обращения» и придёт на указанный e-mail."
            </p>
            {show(topics, "Загружаем темы…", |t| view! { <NewAppealForm topics=t.topics /> })}
        </section>
    }
}

#[component]
fn NewAppealForm(topics: Vec<String>) -> impl IntoView {
    let session = use_session();
    let account = use_account().id;
    let navigation = use_navigation();
    let (phone, email) = session
        .user_untracked()
        .map(|u| (u.phone, u.email))
        .unwrap_or_default();
    let inputs = Inputs {
        topic: RwSignal::new(topics.first().cloned().unwrap_or_default()),
        text: RwSignal::new(String::new()),
        phone: RwSignal::new(phone),
        email: RwSignal::new(email),
    };
    let photos = RwSignal::new(Vec::<Upload>::new());
    let form = FormState::default();
    let submit = form.on_submit(
        move || {
            let get = |s: RwSignal<String>| s.get_untracked();
            new_appeal(
                &get(inputs.topic),
                &get(inputs.text),
                &get(inputs.phone),
                &get(inputs.email),
            )
        },
        async move |appeal: NewAppeal| {
            let attached = photos.get_untracked();
            let written = session
                .authorized(async |c| c.create_appeal(account, &appeal, &attached).await)
                .await?;
            navigation.go(&format!(
                "/accounts/{account}/appeals/{}",
                written.summary.id
            ));
            Ok(())
        },
    );
    let options: Vec<(String, String)> = topics.into_iter().map(|t| (t.clone(), t)).collect();
    let errors = form.errors;
    view! {
        <form id="appeal-form" class="card form" novalidate on:submit=submit>
            <FormAlert message=form.alert />
            <Select name="topic" label="Тема" value=inputs.topic errors options />
            <TextArea name="text" label="Текст обращения" value=inputs.text errors max=APPEAL_TEXT_MAX />
            <fieldset class="contact">
                <legend>"Куда ответить"</legend>
                <p class="field-hint">"Укажите телефон, e-mail или оба."</p>
                <Field
                    name="contact_phone"
                    label="Телефон"
                    kind="tel"
                    value=inputs.phone
                    errors
                    autocomplete="tel"
                    required=false
                />
                <Field
                    name="contact_email"
                    label="E-mail"
                    kind="email"
                    value=inputs.email
                    errors
                    autocomplete="email"
                    required=false
                />
            </fieldset>
            <PhotoPicker photos errors />
            <SubmitButton label="Отправить обращение" busy_label="Отправляем…" pending=form.pending id="appeal-submit" />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::new_appeal;
    use crate::components::field::refusals;

    const TOPIC: &str = "Содержание и ремонт дома";

    #[test]
    fn the_appeal_is_trimmed_and_an_empty_contact_left_out() {
        let appeal = new_appeal(TOPIC, " Течёт кран \n", " +7 912 345-67-89 ", " ").unwrap();
        assert_eq!(appeal.text, "Течёт кран");
        assert_eq!(appeal.contact_phone.as_deref(), Some("+7 912 345-67-89"));
        assert_eq!(appeal.contact_email, None);
    }

    #[test]
    fn the_server_s_rules_are_told_at_their_fields() {
        assert_eq!(
            refusals(new_appeal(TOPIC, "Течёт кран", "", "")),
            [(
                "contact_phone".to_owned(),
                "Укажите телефон или e-mail для ответа".to_owned()
            )]
        );
        let fields: Vec<String> = refusals(new_appeal(TOPIC, " ", "12", "почта"))
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(fields, ["text", "contact_phone", "contact_email"]);
        assert_eq!(
            refusals(new_appeal(TOPIC, &"я".repeat(4001), "", "a@b.ru")),
            [("text".to_owned(), "Не более 4000 символов".to_owned())]
        );
    }
}
