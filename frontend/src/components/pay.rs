//! «Оплатить»: pays online — the account's charges (the amount prefilled with what is
//! left to pay and changeable) or a done service request (its agreed price). The
//! provider's page takes the money and sends the payer back to the page that started it
//! («Платежи», «Платные услуги»), which shows how it ended (`PaymentOutcome`).

use super::field::Field;
use super::form::{FormAlert, FormState, SubmitButton};
use crate::format;
use crate::session::{use_session, Session};
use domkom_dto::{rules, FieldError, OnlinePayment, OnlinePaymentStatus, StartPayment};
use domkom_values::{AccountId, Money, OnlinePaymentId, ServiceRequestId};
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

/// One key per form or button: a double click or a retried request is the same payment.
fn payment_key(account: AccountId) -> String {
    format!(
        "spa-{account}-{}-{}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e12) as u64
    )
}

/// Starts the payment and sends the payer to the provider's page.
async fn start(
    session: Session,
    account: AccountId,
    request: &StartPayment,
    key: &str,
) -> domkom_client::Result<()> {
    let started = session
        .authorized(async |c| c.start_payment(account, request, Some(key)).await)
        .await?;
    if let (Some(url), Some(window)) = (started.confirmation_url, web_sys::window()) {
        let _ = window.location().assign(&url);
    }
    Ok(())
}

/// Pays the account's charges: the amount is asked first.
#[component]
pub fn PayButton(account: AccountId, suggested: Money) -> impl IntoView {
    let session = use_session();
    let open = RwSignal::new(false);
    let amount = RwSignal::new(if suggested.is_positive() {
        format::typed_rubles(suggested)
    } else {
        String::new()
    });
    let form = FormState::renaming(&[("amount", "pay_amount")]);
    let key = payment_key(account);
    let submit = form.on_submit(
        move || payment(&amount.get_untracked()),
        async move |request: StartPayment| start(session, account, &request, &key).await,
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

/// Pays a done service request: its agreed price, nothing to type.
#[component]
pub fn PayRequestButton(
    account: AccountId,
    request: ServiceRequestId,
    price: Money,
) -> impl IntoView {
    let session = use_session();
    let form = FormState::default();
    let key = payment_key(account);
    let submit = form.on_submit(
        move || {
            Ok(StartPayment {
                amount: price,
                for_period: None,
                service_request_id: Some(request),
            })
        },
        async move |request: StartPayment| start(session, account, &request, &key).await,
    );
    view! {
        <form class="pay pay-request" data-test="pay-request" on:submit=submit>
            <FormAlert message=form.alert />
            <SubmitButton label="Оплатить" busy_label="Переходим к оплате…" pending=form.pending />
        </form>
    }
}

/// What an online payment paid: the page tells its outcome in these words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paid {
    Charges,
    Service,
}

/// Reads of a pending payment before the page stops asking: five minutes.
const POLLS: u32 = 150;

/// How the payment `id` the provider sent the payer back with ended; asks again every two
/// seconds while it is pending. `succeeded` hears when it has succeeded.
#[component]
pub fn PaymentOutcome(
    account: AccountId,
    id: OnlinePaymentId,
    paid: Paid,
    succeeded: Callback<OnlinePayment>,
) -> impl IntoView {
    let state = RwSignal::new(None::<Result<OnlinePayment, String>>);
    let session = use_session();
    poll(
        Poll {
            session,
            account,
            id,
            state,
            succeeded,
        },
        POLLS,
    );
    move || {
        let (class, text) = match state.get()? {
            Err(e) => ("notice notice-error", e),
            Ok(p) => outcome(&p, paid),
        };
        Some(
            view! { <p class=class role="status" id="payment-outcome" data-status=move || state.get().and_then(Result::ok).map(|p| p.status.as_str())>{text}</p> },
        )
    }
}

/// What the page shows of a payment.
fn outcome(p: &OnlinePayment, paid: Paid) -> (&'static str, String) {
    let sum = format::money(p.amount);
    match p.status {
        OnlinePaymentStatus::Pending => (
            "notice notice-info",
            format!("Ждём подтверждения оплаты {sum}…"),
        ),
        OnlinePaymentStatus::Succeeded => (
            "notice notice-success",
            match paid {
                Paid::Charges => format!("Оплата {sum} прошла и зачислена на лицевой счёт."),
                Paid::Service => format!("Оплата {sum} прошла: услуга оплачена."),
            },
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
    succeeded: Callback<OnlinePayment>,
}

fn poll(p: Poll, left: u32) {
    leptos::task::spawn_local(async move {
        let read = p
            .session
            .authorized(async |c| c.online_payment(p.account, p.id).await)
            .await
            .map_err(|e| super::form::describe(&e));
        p.state.set(Some(read.clone()));
        match read.map(|o| (o.status, o)) {
            Ok((OnlinePaymentStatus::Pending, _)) if left > 1 => {
                set_timeout(move || poll(p, left - 1), std::time::Duration::from_secs(2));
            }
            Ok((OnlinePaymentStatus::Succeeded, payment)) => p.succeeded.run(payment),
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
    }
}
