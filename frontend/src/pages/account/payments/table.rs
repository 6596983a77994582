//! «По месяцам»: the statement month by month, with the corrections of earlier months'
//! penalties and the payments of each month folded under it.

use crate::components::receipt::ReceiptButton;
use crate::format;
use crate::labels;
use domkom_dto::{AccountPayment, MoneyMovement, PenaltyCorrectionLine, StatementPeriod};
use domkom_values::{AccountId, Money};
use leptos::prelude::*;

/// Month by month, each with its payments folded under it, and the totals row.
#[component]
pub(super) fn PeriodsTable(
    id: AccountId,
    periods: Vec<StatementPeriod>,
    totals: MoneyMovement,
) -> impl IntoView {
    view! {
        <section class="card section" aria-labelledby="statement-title">
            <h3 id="statement-title">"По месяцам"</h3>
            <div class="table-wrap">
                <table id="statement-table" class="table table-stack statement-table">
                    <thead>
                        <tr>
                            <th scope="col">"Период"</th>
                            <th scope="col" class="num">"Долг/переплата на начало"</th>
                            <th scope="col" class="num">"Начислено"</th>
                            <th scope="col" class="num">"Перерасчёт"</th>
                            <th scope="col" class="num">"Пени"</th>
                            <th scope="col" class="num">"Оплачено"</th>
                            <th scope="col" class="num">"Долг/переплата на конец"</th>
                        </tr>
                    </thead>
                    {periods.into_iter().rev().map(|p| view! { <PeriodRows id period=p /> }).collect_view()}
                    <tbody class="statement-totals-row" data-test="statement-total">
                        <MoneyRow label="Итого".into() money=totals />
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The money columns of one row; `label` heads it.
#[component]
fn MoneyRow(label: String, money: MoneyMovement) -> impl IntoView {
    // A zero recalculation or penalty is left out on a phone, where each is a line.
    let cell = |label: &'static str, test: &'static str, amount: Money| {
        let optional = matches!(test, "recalculated" | "penalties");
        view! {
            <td data-label=label class="num" class:zero=optional && amount.is_zero() data-test=test data-kopecks=amount.kopecks()>
                {format::money(amount)}
            </td>
        }
    };
    view! {
        <tr>
            <th scope="row">{label}</th>
            <BalanceCell label="На начало" test="opening" amount=money.opening />
            {cell("Начислено", "charged", money.charged)}
            {cell("Перерасчёт", "recalculated", money.recalculated)}
            {cell("Пени", "penalties", money.penalties)}
            {cell("Оплачено", "paid", money.paid)}
            <BalanceCell label="На конец" test="closing" amount=money.closing />
        </tr>
    }
}

/// A balance in a narrow column: the amount, and under it whether it is a debt or an
/// advance.
#[component]
fn BalanceCell(label: &'static str, test: &'static str, amount: Money) -> impl IntoView {
    let word = match amount {
        m if m.is_positive() => Some("долг"),
        m if m.is_negative() => Some("переплата"),
        _ => None,
    };
    view! {
        <td data-label=label class="num" class:strong=test == "closing" data-test=test data-kopecks=amount.kopecks()>
            // One child: on a phone the label and the value share a row.
            <span>
                {format::money(amount.abs())}
                {word.map(|w| view! { <span class="sub">{w}</span> })}
            </span>
        </td>
    }
}

/// One month: its money, the corrections of earlier months' penalties in it, the
/// payments dated in it, and its receipt.
#[component]
fn PeriodRows(id: AccountId, period: StatementPeriod) -> impl IntoView {
    let corrections = (!period.penalty_corrections.is_empty()).then(|| {
        view! {
            <tr class="explain-row">
                <td colspan="7">
                    <CorrectionList corrections=period.penalty_corrections />
                </td>
            </tr>
        }
    });
    let count = period.payments.len();
    let payments = (count > 0).then(|| {
        view! {
            <tr class="explain-row">
                <td colspan="7">
                    <details data-test="period-payments">
                        <summary>{format!("Платежи за месяц: {count}")}</summary>
                        <PaymentList payments=period.payments />
                    </details>
                </td>
            </tr>
        }
    });
    view! {
        <tbody class="charge-line" data-test="statement-period" data-period=period.period.to_string()>
            <MoneyRow label=format::period(period.period) money=period.money />
            {corrections}
            {payments}
            <tr class="explain-row">
                <td colspan="7">
                    <ReceiptButton account=id period=period.period />
                </td>
            </tr>
        </tbody>
    }
}

/// Corrections of earlier months' penalties, each with its reason (which names the month)
/// and amount: they are part of the month's penalties, so the resident sees why those
/// are lower, or below zero.
#[component]
pub(in crate::pages::account) fn CorrectionList(
    corrections: Vec<PenaltyCorrectionLine>,
) -> impl IntoView {
    view! {
        <ul class="plain-list payment-list" data-test="penalty-corrections">
            {corrections
                .into_iter()
                .map(|c| {
                    view! {
                        <li
                            data-test="penalty-correction"
                            data-period=c.corrects_period.to_string()
                            data-kopecks=c.amount.kopecks()
                        >
                            <span>{c.reason}</span>
                            <span class="num strong">{format::money(c.amount)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Payments as date, amount and source.
#[component]
pub(super) fn PaymentList(payments: Vec<AccountPayment>) -> impl IntoView {
    view! {
        <ul class="plain-list payment-list">
            {payments
                .into_iter()
                .map(|p| {
                    view! {
                        <li data-test="payment" data-kopecks=p.amount.kopecks()>
                            <span>{format::date(p.paid_on)}</span>
                            <span class="muted">{labels::payment_source(&p.source).to_owned()}</span>
                            <span class="num strong">{format::money(p.amount)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
