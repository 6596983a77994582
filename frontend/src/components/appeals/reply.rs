//! Writing in the thread: the resident's message (text and photos) or the staff's answer
//! (text).

use super::picker::PhotoPicker;
use super::Party;
use crate::components::field::{passed, TextArea};
use crate::components::form::{FormAlert, FormState, FormStatus, SubmitButton};
use crate::session::use_session;
use domkom_client::Upload;
use domkom_dto::rules::{self, APPEAL_TEXT_MAX};
use domkom_dto::{Appeal, FieldError, NewMessage};
use leptos::prelude::*;

/// The message typed, as the server checks it.
pub fn message(text: &str) -> Result<NewMessage, Vec<FieldError>> {
    let message = NewMessage {
        text: text.trim().to_owned(),
    };
    let problems = rules::check_new_message(&message);
    passed(message, problems)
}

/// The form under the thread. The appeal as the server has it after the message replaces
/// `appeal`; the form is then empty again.
#[component]
pub fn MessageForm(party: Party, appeal: RwSignal<Appeal>) -> impl IntoView {
    let session = use_session();
    let text = RwSignal::new(String::new());
    let photos = RwSignal::new(Vec::<Upload>::new());
    let form = FormState::default();
    let (title, label, submit_label, busy, done) = match party {
        Party::Resident => (
            "Написать в обращение",
            "Сообщение",
            "Отправить",
            "Отправляем…",
            "Сообщение отправлено.",
        ),
        Party::Staff => (
            "Ответить жителю",
            "Ответ",
            "Ответить",
            "Отправляем ответ…",
            "Ответ отправлен: житель увидит его в личном кабинете и получит письмо.",
        ),
    };
    let submit = form.on_submit(
        move || message(&text.get_untracked()),
        async move |message: NewMessage| {
            let id = appeal.with_untracked(|a| a.summary.id);
            let attached = photos.get_untracked();
            let written = session
                .authorized(async |c| party.write(c, id, &message, &attached).await)
                .await?;
            appeal.set(written);
            text.set(String::new());
            photos.set(Vec::new());
            form.status.set(Some(done.to_owned()));
            Ok(())
        },
    );
    view! {
        <form id="message-form" class="card form" novalidate on:submit=submit aria-labelledby="message-form-title">
            <h3 id="message-form-title">{title}</h3>
            <FormAlert message=form.alert />
            <FormStatus message=form.status />
            <TextArea name="text" label=label value=text errors=form.errors max=APPEAL_TEXT_MAX rows=4 />
            {party.sends_photos().then(|| view! { <PhotoPicker photos errors=form.errors /> })}
            <SubmitButton label=submit_label busy_label=busy pending=form.pending id="message-submit" />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::message;
    use crate::components::field::refusals;

    #[test]
    fn a_message_is_trimmed_and_at_most_4000_characters() {
        assert_eq!(
            message("  Спасибо, течь устранена \n").unwrap().text,
            "Спасибо, течь устранена"
        );
        assert_eq!(
            refusals(message(" \n ")),
            [("text".to_owned(), "Заполните это поле".to_owned())]
        );
        assert!(message(&"я".repeat(4000)).is_ok());
        assert_eq!(refusals(message(&"я".repeat(4001)))[0].0, "text");
    }
}
