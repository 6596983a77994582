//! «Платежи» (5 on the manual's рис. 6), движение денежных средств: the periods to show
//! («Период отображения»), and for them the debt or advance at the start and the end of
//! each month, what was charged, recalculated, fined and paid, the corrections of earlier
//! months' penalties with their reasons, the payments themselves, the totals and the
//! months as bars; then the payments received after the last closed period, which no
//! statement month holds yet.

mod range;
mod statement;
mod table;

pub(super) use table::CorrectionList;

use super::home::NOT_CLOSED;
use super::use_account;
use crate::components::load::{load, load_keyed, show, Loaded};
use crate::components::pay::{Paid, PayButton, PaymentOutcome};
use crate::format;
use crate::navigation::use_navigation;
use crate::session::use_session;
use domkom_dto::OnlinePayment;
use domkom_dto::{ChargePeriodSummary, PeriodRange};
use domkom_values::{AccountId, OnlinePaymentId};
use leptos::prelude::*;
use range::RangeForm;
use statement::StatementBody;
use table::PaymentList;

const NOT_LINKED: &str = "Лицевой счёт не найден среди ваших.";

/// The earliest period the API takes: with it as `from`, the charges list holds every
/// closed period, which are the choices of the period selector.
fn every_period() -> String {
    format!("{}-01", domkom_values::period::YEARS.start())
}

#[component]
pub fn AccountPayments() -> impl IntoView {
    let session = use_session();
    let id = use_account().id;
    let closed = load(session, NOT_LINKED, async move |c| {
        let every = PeriodRange {
            from: Some(every_period()),
            to: None,
        };
        c.account_charges(id, &every).await
    });
    // The range lives in the address (`?from=YYYY-MM&to=YYYY-MM`): it can be bookmarked
    // and survives a reload. Without it the API shows its default, the last 12 months.
    let navigation = use_navigation();
    let range = Memo::new(move |_| PeriodRange {
        from: navigation.query("from"),
        to: navigation.query("to"),
    });
    let online = navigation
        .query_untracked("online")
        .and_then(|v| v.parse().ok());
    view! {
        <section class="section" aria-labelledby="payments-title">
            <h2 id="payments-title">"Платежи"</h2>
            <PayNow id online />
            <StatementView id range closed />
            <PaymentsSince />
        </section>
    }
}

/// The statement of `range`, with the form that picks another one.
#[component]
fn StatementView(
    id: AccountId,
    range: Memo<PeriodRange>,
    closed: Loaded<Vec<ChargePeriodSummary>>,
) -> impl IntoView {
    let session = use_session();
    // One resource for every range: the previous statement stays until the next arrives.
    let statement = load_keyed(
        session,
        NOT_LINKED,
        move || range.get(),
        async move |c, asked| c.account_statement(id, asked).await,
    );
    show(
        statement,
        "Загружаем движение средств…",
        move |s| {
            if s.periods.is_empty() && range.get_untracked() == PeriodRange::default() {
                return view! {
                    <p class="notice notice-info" data-test="no-statement">
                        {s.notice.clone().unwrap_or_else(|| NOT_CLOSED.to_owned())}
                    </p>
                }
                .into_any();
            }
            view! {
                <RangeForm id from=s.from to=s.to closed />
                <StatementBody id statement=s />
            }
            .into_any()
        },
    )
}

/// «Оплатить» with what is left to pay, and how the payment the provider sent the payer
/// back with (`?online=ID`) ended.
#[component]
fn PayNow(id: AccountId, online: Option<OnlinePaymentId>) -> impl IntoView {
    let card = use_account().card;
    // The card shows a payment credited after it was read once it is read again; read
    // again, it has the payment, so this does not repeat.
    let refresh = Callback::new(move |online: OnlinePayment| {
        let Some(payment) = online.payment_id else {
            return;
        };
        let shown = matches!(
            card.get_untracked(),
            Some(Ok(c)) if c.pending_payments.iter().any(|p| p.id == payment)
        );
        if !shown {
            card.refetch();
        }
    });
    let outcome = online.map(|payment| {
        view! { <PaymentOutcome account=id id=payment paid=Paid::Charges succeeded=refresh /> }
    });
    let button = move || {
        let card = card.get().and_then(Result::ok)?;
        let left = card
            .money
            .and_then(|m| m.balance.checked_sub(m.paid_since))
            .unwrap_or_default();
        Some(view! { <PayButton account=id suggested=left /> })
    };
    view! {
        <div id="pay-now" class="card section">
            {outcome}
            {button}
        </div>
    }
}

/// Payments received that the last closed period does not count (they arrived after it
/// closed, or are dated after it): no statement month holds them until the next close,
/// and the resident wants to see that a payment arrived.
#[component]
fn PaymentsSince() -> impl IntoView {
    let card = use_account().card;
    move || {
        let card = card.get().and_then(Result::ok)?;
        let title = match &card.money {
            Some(m) => format!("Поступления после {}", format::period_genitive(m.period)),
            None => "Поступления".to_owned(),
        };
        let payments = card.pending_payments;
        Some(view! {
            <section id="recent-payments" class="card section" aria-labelledby="recent-title">
                <h3 id="recent-title">{title}</h3>
                {if payments.is_empty() {
                    view! { <p class="muted" data-test="no-recent">"Платежей пока не поступало."</p> }
                        .into_any()
                } else {
                    view! {
                        <p class="muted">"Войдут в движение средств, когда закроется следующий расчётный период."</p>
                        <PaymentList payments />
                    }
                        .into_any()
                }}
            </section>
        })
    }
}
