//! «Отклонить»: the reason, which the resident reads in the list and in the letter.

use crate::components::field::{passed, TextArea};
use crate::components::form::{FormAlert, FormState, SubmitButton};
use crate::session::use_session;
use domkom_dto::{rules, FieldError, RejectRequest, ServiceRequest};
use leptos::prelude::*;

/// The longest reason (the server's limit).
const REASON_MAX: usize = 500;

fn rejection(reason: &str) -> Result<RejectRequest, Vec<FieldError>> {
    let reject = RejectRequest {
        reason: reason.trim().to_owned(),
    };
    let problems = rules::check_reject_request(&reject);
    passed(reject, problems)
}

/// Folded until asked for: it is the rarer move.
#[component]
pub fn RejectForm(request: RwSignal<ServiceRequest>) -> impl IntoView {
    let session = use_session();
    let id = request.with_untracked(|r| r.id);
    let reason = RwSignal::new(String::new());
    let form = FormState::default();
    let submit = form.on_submit(
        move || rejection(&reason.get_untracked()),
        async move |reject: RejectRequest| {
            let rejected = session
                .authorized(async |c| c.reject_service_request(id, &reject).await)
                .await?;
            request.set(rejected);
            Ok(())
        },
    );
    let errors = form.errors;
    view! {
        <details class="card reject">
            <summary data-test="reject-open">"Отклонить заявку"</summary>
            <form id="reject-form" class="form" novalidate on:submit=submit>
                <FormAlert message=form.alert />
                <TextArea name="reason" label="Причина (её увидит житель)" value=reason errors max=REASON_MAX rows=3 />
                <SubmitButton label="Отклонить" busy_label="Отклоняем…" pending=form.pending class="button button-danger" id="reject-submit" />
            </form>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::rejection;
    use crate::components::field::refusals;

    #[test]
    fn a_reason_is_required_and_trimmed() {
        assert_eq!(rejection("  Нет мастера \n").unwrap().reason, "Нет мастера");
        assert_eq!(refusals(rejection(" ")).len(), 1);
        assert_eq!(refusals(rejection(&"я".repeat(501)))[0].0, "reason");
    }
}
