//! «Оплатить»: pays the account online. The amount is prefilled with what is left to pay
//! and may be changed; the provider's page takes the money and sends the payer back to
//! «Платежи», which shows how it ended (`PaymentOutcome`).

use super::field::Field;
use super::form::{FormAlert, FormState, SubmitButton};
use crate::format;
use crate::session::{use_session, Session};
use domkom_dto::{rules, FieldError, OnlinePayment, OnlinePaymentStatus, StartPayment};
use domkom_values::{AccountId, Money, OnlinePaymentId, PaymentId};
use leptos::prelude::*;

/// The amount typed, as the request, or what to fix.
fn payment(amount: &str) -> Result<StartPayment, Vec<FieldError>> {
    let Ok(amount) = amount.parse::<Money>() else {
        return Err(vec![FieldError::new(
            "pay_amount",
            "format",
            "Введите сумму в рублях, например 1521,13",
        )]);
    };
    let request = StartPayment {
        amount,
        for_period: None,
        service_request_id: None,
    };
    let problems = rules::check_start_payment(&request);
    match problems.is_empty() {
        true => Ok(request),
        false => Err(problems
            .into_iter()
            .map(|e| FieldError {
                field: "pay_amount".into(),
                ..e
            })
            .collect()),
    }
}

/// «1521,13»: how the field shows a prefilled amount.
fn typed(amount: Money) -> String {
    let k = amount.kopecks().max(0);
    format!("{},{:02}", k / 100, k % 100)
}

#[component]
pub fn PayButton(account: AccountId, suggested: Money) -> impl IntoView {
    let session = use_session();
    let open = RwSignal::new(false);
    let amount = RwSignal::new(if suggested.is_positive() {
        typed(suggested)
    } else {
        String::new()
    });
    let form = FormState::renaming(&[("amount", "pay_amount")]);
    // One key for this form: a double click or a retried request is the same payment.
    let key = format!(
        "spa-{account}-{}-{}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e12) as u64
    );
    let submit = form.on_submit(
        move || payment(&amount.get_untracked()),
        async move |request: StartPayment| {
            let started = session
                .authorized(async |c| c.start_payment(account, &request, Some(&key)).await)
                .await?;
            if let (Some(url), Some(window)) = (started.confirmation_url, web_sys::window()) {
                let _ = window.location().assign(&url);
            }
            Ok(())
        },
    );
    let errors = form.errors;
    view! {
        <div class="pay">
            <Show when=move || !open.get()>
                <button type="button" class="button" id="pay-open" on:click=move |_| open.set(true)>
                    "Оплатить"
                </button>
            </Show>
            <Show when=move || open.get()>
                <form id="pay-form" class="form" novalidate on:submit=submit.clone()>
                    <FormAlert message=form.alert />
                    <Field
                        name="pay_amount"
                        label="Сумма, ₽"
                        value=amount
                        errors=errors
                        inputmode="decimal"
                        hint="Можно оплатить больше — переплата учтётся в следующих месяцах"
                    />
                    <SubmitButton label="Перейти к оплате" busy_label="Переходим…" pending=form.pending id="pay-submit" />
                </form>
            </Show>
        </div>
    }
}

/// Reads of a pending payment before the page stops asking: five minutes.
const POLLS: u32 = 150;

/// How the payment `id` the provider sent the payer back with ended; asks again every two
/// seconds while it is pending. `done` hears when it has succeeded.
#[component]
pub fn PaymentOutcome(
    account: AccountId,
    id: OnlinePaymentId,
    credited: Callback<PaymentId>,
) -> impl IntoView {
    let state = RwSignal::new(None::<Result<OnlinePayment, String>>);
    let session = use_session();
    poll(
        Poll {
            session,
            account,
            id,
            state,
            credited,
        },
        POLLS,
    );
    move || {
        let (class, text) = match state.get()? {
            Err(e) => ("notice notice-error", e),
            Ok(p) => outcome(&p),
        };
        Some(
            view! { <p class=class role="status" id="payment-outcome" data-status=move || state.get().and_then(Result::ok).map(|p| p.status.as_str())>{text}</p> },
        )
    }
}

/// What the page shows of a payment.
fn outcome(p: &OnlinePayment) -> (&'static str, String) {
    let sum = format::money(p.amount);
    match p.status {
        OnlinePaymentStatus::Pending => (
            "notice notice-info",
            format!("Ждём подтверждения оплаты {sum}…"),
        ),
        OnlinePaymentStatus::Succeeded => (
            "notice notice-success",
            format!("Оплата {sum} прошла и зачислена на лицевой счёт."),
        ),
        OnlinePaymentStatus::Canceled => (
            "notice notice-warning",
            format!("Оплата {sum} отменена: деньги не списаны."),
        ),
        OnlinePaymentStatus::Expired => (
            "notice notice-warning",
            format!("Время на оплату {sum} истекло: деньги не списаны."),
        ),
    }
}

#[derive(Clone, Copy)]
struct Poll {
    session: Session,
    account: AccountId,
    id: OnlinePaymentId,
    state: RwSignal<Option<Result<OnlinePayment, String>>>,
    credited: Callback<PaymentId>,
}

fn poll(p: Poll, left: u32) {
    leptos::task::spawn_local(async move {
        let read = p
            .session
            .authorized(async |c| c.online_payment(p.account, p.id).await)
            .await
            .map_err(|e| super::form::describe(&e));
        let (status, payment) = match &read {
            Ok(o) => (Some(o.status), o.payment_id),
            Err(_) => (None, None),
        };
        p.state.set(Some(read));
        match (status, payment) {
            (Some(OnlinePaymentStatus::Pending), _) if left > 1 => {
                set_timeout(move || poll(p, left - 1), std::time::Duration::from_secs(2));
            }
            (Some(OnlinePaymentStatus::Succeeded), Some(payment)) => p.credited.run(payment),
            _ => {}
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_amount_is_read_in_rubles_and_must_be_positive() {
        assert_eq!(
            payment(" 1 521,13 ").map(|r| r.amount),
            Ok(Money::from_kopecks(152_113))
        );
        assert_eq!(
            payment("1500").map(|r| r.amount),
            Ok(Money::from_kopecks(150_000))
        );
        for bad in ["", "0", "-5", "много", "1,234"] {
            let fields: Vec<String> = payment(bad)
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect();
            assert_eq!(fields, ["pay_amount"], "{bad}");
        }
        assert_eq!(typed(Money::from_kopecks(152_113)), "1521,13");
        assert_eq!(typed(Money::from_kopecks(-5)), "0,00");
    }
}
