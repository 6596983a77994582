//! Step 3 of «Добавить лицевой счёт»: the account number and one proof, checked by the
//! server; its refusals are shown at the fields.

use super::Step;
use crate::components::field::{collect, passed, required, Field, FieldErrors};
use crate::components::form::{report, FormAlert, FormState, SubmitButton, CHECK_FIELDS};
use crate::format;
use crate::navigation::use_navigation;
use crate::session::use_session;
use domkom_client::dto::ErrorCode;
use domkom_client::Error;
use domkom_dto::{AccountKind, FieldError, LinkAccount, OrganizationSummary};
use domkom_values::OrganizationId;
use leptos::prelude::*;

/// Which proof the resident gives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Proof {
    Code,
    Total,
}

/// The details form as typed.
struct Typed {
    number: String,
    proof: Proof,
    code: String,
    total: String,
}

/// The request that links the account, or what to fix.
fn link_request(
    organization_id: OrganizationId,
    kind: AccountKind,
    typed: Typed,
) -> Result<LinkAccount, Vec<FieldError>> {
    let account_number = typed.number.trim().to_owned();
    let code = typed.code.trim().to_owned();
    let total = format::parse_rubles(&typed.total);
    let problems = collect([
        required("account_number", &account_number),
        match typed.proof {
            Proof::Code => required("link_code", &code),
            Proof::Total if typed.total.trim().is_empty() => {
                required("last_receipt_total", &typed.total)
            }
            Proof::Total => total.is_none().then(|| {
                FieldError::new(
                    "last_receipt_total",
                    "invalid",
                    "Введите сумму в рублях, например 3 456,78",
                )
            }),
        },
    ]);
    let by_code = typed.proof == Proof::Code;
    let request = LinkAccount {
        organization_id,
        account_number,
        link_code: by_code.then_some(code),
        last_receipt_total: if by_code { None } else { total },
        kind: Some(kind),
    };
    passed(request, problems)
}

/// Step 3: the account number and the proof.
#[component]
pub(super) fn ProveAccount(
    org: OrganizationSummary,
    kind: RwSignal<AccountKind>,
    step: RwSignal<Step>,
) -> impl IntoView {
    let session = use_session();
    let navigation = use_navigation();
    let number = RwSignal::new(String::new());
    let proof = RwSignal::new(Proof::Code);
    let code = RwSignal::new(String::new());
    let total = RwSignal::new(String::new());
    let form = FormState::default();
    let organization_id = org.id;

    let submit = form.on_submit(
        move || {
            let typed = Typed {
                number: number.get_untracked(),
                proof: proof.get_untracked(),
                code: code.get_untracked(),
                total: total.get_untracked(),
            };
            link_request(organization_id, kind.get_untracked(), typed)
        },
        // The form tells the server's refusals itself: they depend on the proof given.
        async move |request: LinkAccount| {
            match session
                .authorized(async |c| c.link_account(&request).await)
                .await
            {
                Ok(account) => navigation.go(&format!("/accounts/{}?added=1", account.id)),
                Err(e) => form.alert.set(Some(refusal(&e, form.errors, &request))),
            }
            Ok(())
        },
    );
    let errors = form.errors;

    view! {
        <section class="card" aria-labelledby="details-title">
            <h2 id="details-title">"Номер лицевого счёта и подтверждение"</h2>
            <div class="chosen" data-test="chosen-organization">
                <div>
                    <strong>{org.name.clone()}</strong>
                    <span class="muted">{org.address.clone()}</span>
                </div>
                <button
                    type="button"
                    class="button button-quiet"
                    on:click=move |_| step.set(Step::Organization)
                >
                    "Изменить"
                </button>
            </div>
            <form id="link-form" class="form" novalidate on:submit=submit>
                <FormAlert message=form.alert />
                <Field
                    name="account_number"
                    label="Номер лицевого счёта"
                    value=number
                    errors=errors
                    hint="Указан в квитанции"
                />
                <ProofInputs proof code total errors />
                <SubmitButton label="Добавить лицевой счёт" busy_label="Проверяем…" pending=form.pending />
            </form>
        </section>
    }
}

/// The choice of the proof and the input of the one chosen.
#[component]
fn ProofInputs(
    proof: RwSignal<Proof>,
    code: RwSignal<String>,
    total: RwSignal<String>,
    errors: FieldErrors,
) -> impl IntoView {
    view! {
        <fieldset class="field toggle">
            <legend>"Чем подтвердить"</legend>
            <ProofOption proof value=Proof::Code id="proof-code" label="Код привязки с квитанции" />
            <ProofOption
                proof
                value=Proof::Total
                id="proof-total"
                label="Сумма последней квитанции"
            />
        </fieldset>
        {move || match proof.get() {
            Proof::Code => {
                view! {
                    <Field
                        name="link_code"
                        label="Код привязки"
                        value=code
                        errors=errors
                        hint="Напечатан в квитанции; большие и маленькие буквы не различаются"
                    />
                }
                    .into_any()
            }
            Proof::Total => {
                view! {
                    <Field
                        name="last_receipt_total"
                        label="Сумма последней квитанции, ₽"
                        value=total
                        errors=errors
                        inputmode="decimal"
                        hint="Точно как в строке «Итого к оплате», например 3 456,78"
                    />
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn ProofOption(
    proof: RwSignal<Proof>,
    value: Proof,
    id: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <label class="radio" for=id>
            <input
                type="radio"
                id=id
                name="proof"
                prop:checked=move || proof.get() == value
                on:change=move |_| proof.set(value)
            />
            {label}
        </label>
    }
}

/// Puts the server's refusal of `request` at the fields and returns the form's message.
fn refusal(e: &Error, errors: FieldErrors, request: &LinkAccount) -> String {
    let proof_field = if request.link_code.is_some() {
        "link_code"
    } else {
        "last_receipt_total"
    };
    if e.code() == Some(ErrorCode::LinkRefused) {
        // The number and the proof are checked together: the message goes to the proof,
        // the last thing typed.
        errors.set(vec![FieldError::new(
            proof_field,
            "link_refused",
            e.message(),
        )]);
        CHECK_FIELDS.to_owned()
    } else if e.status() == Some(429) {
        errors.set(Vec::new());
        too_many_tries(e.retry_after())
    } else {
        // The server names the proof `link_code` whichever was missing. An account of
        // another kind is told at its number.
        let rename = [
            ("link_code", proof_field),
            ("last_receipt_total", proof_field),
            ("kind", "account_number"),
        ];
        report(e, errors, &rename)
    }
}

/// The message for a 429, with the wait when the server said it.
fn too_many_tries(retry_after: Option<u64>) -> String {
    let when = retry_after.map_or_else(
        || "позже".to_owned(),
        |s| format!("через {}", format::wait(s).trim_end_matches('.')),
    );
    format!(
        "Слишком много неверных попыток. Проверьте данные по квитанции и попробуйте снова {when}."
    )
}

#[cfg(test)]
mod tests {
    use super::{link_request, Proof, Typed};
    use crate::components::field::refusals;
    use domkom_dto::{AccountKind, LinkAccount};
    use domkom_values::{Money, OrganizationId};

    fn typed(number: &str, proof: Proof, code: &str, total: &str) -> Typed {
        Typed {
            number: number.into(),
            proof,
            code: code.into(),
            total: total.into(),
        }
    }

    fn link(typed: Typed) -> Result<LinkAccount, Vec<domkom_dto::FieldError>> {
        link_request(OrganizationId(7), AccountKind::Kapremont, typed)
    }

    #[test]
    fn the_number_with_the_proof_given_is_the_request() {
        assert_eq!(
            link(typed(" 1001 ", Proof::Code, " ab12cd ", "3 456,78")),
            Ok(LinkAccount {
                organization_id: OrganizationId(7),
                account_number: "1001".into(),
                link_code: Some("ab12cd".into()),
                last_receipt_total: None,
                kind: Some(AccountKind::Kapremont),
            })
        );
        assert_eq!(
            link(typed("1001", Proof::Total, "ab12cd", " 3 456,78 ")),
            Ok(LinkAccount {
                organization_id: OrganizationId(7),
                account_number: "1001".into(),
                link_code: None,
                last_receipt_total: Some(Money::from_kopecks(345_678)),
                kind: Some(AccountKind::Kapremont),
            })
        );
    }

    #[test]
    fn each_bad_input_is_told_at_its_field() {
        let one = |field: &str, message: &str| vec![(field.to_owned(), message.to_owned())];
        assert_eq!(
            refusals(link(typed(" ", Proof::Code, "ab12cd", ""))),
            one("account_number", "Заполните это поле")
        );
        // Only the proof chosen is asked for.
        assert_eq!(
            refusals(link(typed("1001", Proof::Code, " ", "3 456,78"))),
            one("link_code", "Заполните это поле")
        );
        assert_eq!(
            refusals(link(typed("1001", Proof::Total, "ab12cd", " "))),
            one("last_receipt_total", "Заполните это поле")
        );
        assert_eq!(
            refusals(link(typed("1001", Proof::Total, "", "3 456,789"))),
            one(
                "last_receipt_total",
                "Введите сумму в рублях, например 3 456,78"
            )
        );
    }
}
