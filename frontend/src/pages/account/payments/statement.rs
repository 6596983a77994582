//! The statement of a range at a glance: the totals and the months as bars, then the
//! table month by month.

use super::table::PeriodsTable;
use crate::components::chart::{Bar, BarChart, Legend, Month};
use crate::format;
use domkom_dto::{MoneyMovement, Statement, StatementPeriod};
use domkom_values::{AccountId, Money, Period};
use leptos::prelude::*;

/// The statement of the range: the totals, the months as bars, and month by month.
#[component]
pub(super) fn StatementBody(id: AccountId, statement: Statement) -> impl IntoView {
    if statement.periods.is_empty() {
        return view! {
            <p class="notice notice-info" data-test="no-statement">
                "В выбранные месяцы закрытых периодов нет."
            </p>
        }
        .into_any();
    }
    let first = statement.periods[0].period;
    let last = statement.periods[statement.periods.len() - 1].period;
    view! {
        <div class="statement-top">
            <Totals totals=statement.totals first last />
            <MoneyChart periods=statement.periods.clone() />
        </div>
        <PeriodsTable id periods=statement.periods totals=statement.totals />
    }
    .into_any()
}

/// «долг 1 234,56 ₽», «переплата 500,00 ₽» or «0,00 ₽»: a balance says which it is.
fn balance(amount: Money) -> String {
    match amount {
        m if m.is_positive() => format!("долг {}", format::money(m)),
        m if m.is_negative() => format!("переплата {}", format::money(-m)),
        m => format::money(m),
    }
}

/// The range at a glance: where it started, what happened, where it ended.
#[component]
fn Totals(totals: MoneyMovement, first: Period, last: Period) -> impl IntoView {
    let row = |label: String, test: &'static str, text: String, amount: Money| {
        view! {
            <div>
                <dt>{label}</dt>
                <dd data-test=test data-kopecks=amount.kopecks()>{text}</dd>
            </div>
        }
    };
    let money = format::money;
    view! {
        <section id="statement-totals" class="card" aria-labelledby="statement-totals-title">
            <h3 id="statement-totals-title">
                "Движение средств: " {format::period(first)}
                {(first != last).then(|| format!(" — {}", format::period(last)))}
            </h3>
            <dl class="totals totals-wide">
                {row(
                    format!("На начало {}", format::period_genitive(first)),
                    "opening",
                    balance(totals.opening),
                    totals.opening,
                )}
                {row("Начислено".into(), "charged", money(totals.charged), totals.charged)}
                {row("Перерасчёты".into(), "recalculated", money(totals.recalculated), totals.recalculated)}
                {row("Пени".into(), "penalties", money(totals.penalties), totals.penalties)}
                {row("Оплачено".into(), "paid", money(totals.paid), totals.paid)}
                <div class="totals-sum">
                    <dt>{format!("На конец {}", format::period_genitive(last))}</dt>
                    <dd data-test="closing" data-kopecks=totals.closing.kopecks()>{balance(totals.closing)}</dd>
                </div>
            </dl>
        </section>
    }
}

/// Charged (with recalculations and penalties) against paid, month by month.
#[component]
fn MoneyChart(periods: Vec<StatementPeriod>) -> impl IntoView {
    let months = periods
        .iter()
        .map(|p| {
            let charged = p.money.charged + p.money.recalculated + p.money.penalties;
            Month {
                period: p.period,
                bars: vec![
                    Bar {
                        class: "chart-bar-charged",
                        value: charged.kopecks(),
                    },
                    Bar {
                        class: "chart-bar-paid",
                        value: p.money.paid.kopecks(),
                    },
                ],
                title: format!(
                    "{}: начислено {}, оплачено {}",
                    format::period(p.period),
                    format::money(charged),
                    format::money(p.money.paid)
                ),
            }
        })
        .collect();
    let legend = vec![
        Legend {
            class: "chart-bar-charged",
            label: "начислено с перерасчётами и пенями",
        },
        Legend {
            class: "chart-bar-paid",
            label: "оплачено",
        },
    ];
    view! {
        <section class="card" aria-label="Начислено и оплачено по месяцам">
            <BarChart
                id="money-chart"
                caption="Начислено и оплачено по месяцам".to_owned()
                months
                legend
                scale=|kopecks| format::rubles(Money::from_kopecks(kopecks))
            />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::balance;
    use domkom_values::Money;

    #[test]
    fn a_balance_says_whether_it_is_a_debt() {
        let kopecks = Money::from_kopecks;
        assert_eq!(balance(kopecks(123_456)), "долг 1\u{a0}234,56\u{a0}₽");
        assert_eq!(balance(kopecks(-50_000)), "переплата 500,00\u{a0}₽");
        assert_eq!(balance(kopecks(0)), "0,00\u{a0}₽");
    }
}
