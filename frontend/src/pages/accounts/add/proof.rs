//! Step 3 of «Добавить лицевой счёт»: the account number and one proof, checked by the
//! server; its refusals are shown at the fields.

use super::Step;
use crate::components::field::{collect, required, Field, FieldErrors};
use crate::components::form::{report, FormAlert, SubmitButton, CHECK_FIELDS};
use crate::format;
use crate::session::use_session;
use domkom_client::dto::ErrorCode;
use domkom_dto::{AccountKind, FieldError, LinkAccount, OrganizationSummary};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// Which proof the resident gives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Proof {
    Code,
    Total,
}

/// Step 3: the account number and the proof.
#[component]
pub(super) fn ProveAccount(
    org: OrganizationSummary,
    kind: RwSignal<AccountKind>,
    step: RwSignal<Step>,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let number = RwSignal::new(String::new());
    let proof = RwSignal::new(Proof::Code);
    let code = RwSignal::new(String::new());
    let total = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let organization_id = org.id;

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let account_number = number.get_untracked().trim().to_owned();
        let by_code = proof.get_untracked() == Proof::Code;
        let code_value = code.get_untracked().trim().to_owned();
        let total_text = total.get_untracked();
        let kopecks = format::parse_rubles(&total_text);
        let problems = collect([
            required("account_number", &account_number),
            if by_code {
                required("link_code", &code_value)
            } else if total_text.trim().is_empty() {
                required("last_receipt_total", &total_text)
            } else {
                kopecks.is_none().then(|| {
                    FieldError::new(
                        "last_receipt_total",
                        "invalid",
                        "Введите сумму в рублях, например 3 456,78",
                    )
                })
            },
        ]);
        alert.set((!problems.is_empty()).then(|| CHECK_FIELDS.to_owned()));
        errors.set(problems);
        if alert.get_untracked().is_some() {
            return;
        }
        let form = LinkAccount {
            organization_id,
            account_number,
            link_code: by_code.then_some(code_value),
            last_receipt_total: if by_code { None } else { kopecks },
            kind: Some(kind.get_untracked()),
        };
        let proof_field = if by_code {
            "link_code"
        } else {
            "last_receipt_total"
        };
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match session
                .authorized(async |c| c.link_account(&form).await)
                .await
            {
                Ok(account) => {
                    pending.set(false);
                    navigate(
                        &format!("/accounts/{}?added=1", account.id),
                        Default::default(),
                    );
                }
                Err(e) if e.code() == Some(ErrorCode::LinkRefused) => {
                    // The number and the proof are checked together: the message goes to
                    // the proof, the last thing typed.
                    errors.set(vec![FieldError::new(
                        proof_field,
                        "link_refused",
                        e.message(),
                    )]);
                    alert.set(Some(CHECK_FIELDS.to_owned()));
                    pending.set(false);
                }
                Err(e) if e.status() == Some(429) => {
                    errors.set(Vec::new());
                    alert.set(Some(too_many_tries(e.retry_after())));
                    pending.set(false);
                }
                Err(e) => {
                    // The server names the proof `link_code` whichever was missing.
                    // An account of another kind is told at its number.
                    let rename = [
                        ("link_code", proof_field),
                        ("last_receipt_total", proof_field),
                        ("kind", "account_number"),
                    ];
                    alert.set(Some(report(&e, errors, &rename)));
                    pending.set(false);
                }
            }
        });
    };

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
                <FormAlert message=alert />
                <Field
                    name="account_number"
                    label="Номер лицевого счёта"
                    value=number
                    errors=errors
                    hint="Указан в квитанции"
                />
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
                <SubmitButton label="Добавить лицевой счёт" busy_label="Проверяем…" pending=pending />
            </form>
        </section>
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
