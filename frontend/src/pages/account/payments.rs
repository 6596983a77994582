//! «Платежи» (5 on the manual's рис. 6), движение денежных средств: the periods to show
//! («Период отображения»), and for them the debt or advance at the start and the end of
//! each month, what was charged, recalculated, fined and paid, the corrections of earlier
//! months' penalties with their reasons, the payments themselves, the totals and the
//! months as bars; then the payments received after the last closed period, which no
//! statement month holds yet.

use super::home::NOT_CLOSED;
use super::use_account;
use crate::components::chart::{Bar, BarChart, Legend, Month};
use crate::components::field::FieldErrors;
use crate::components::load::{load, show, Loaded};
use crate::format;
use crate::labels;
use crate::session::use_session;
use domkom_dto::{
    AccountPayment, ChargePeriodSummary, FieldError, MoneyMovement, PenaltyCorrectionLine,
    PeriodRange, Statement, StatementPeriod,
};
use domkom_values::Period;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

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
    let query = use_query_map();
    let range = Memo::new(move |_| {
        query.with(|q| PeriodRange {
            from: q.get("from"),
            to: q.get("to"),
        })
    });
    view! {
        <section class="section" aria-labelledby="payments-title">
            <h2 id="payments-title">"Платежи"</h2>
            {move || {
                let range = range.get();
                view! { <StatementView id range closed /> }
            }}
            <PaymentsSince />
        </section>
    }
}

#[component]
fn StatementView(
    id: i64,
    range: PeriodRange,
    closed: Loaded<Vec<ChargePeriodSummary>>,
) -> impl IntoView {
    let session = use_session();
    let asked = range.clone();
    let statement = load(session, NOT_LINKED, async move |c| {
        c.account_statement(id, &asked).await
    });
    show(
        statement,
        "Загружаем движение средств…",
        move |s| {
            if s.periods.is_empty() && range == PeriodRange::default() {
                return view! {
                    <p class="notice notice-info" data-test="no-statement">
                        {s.notice.clone().unwrap_or_else(|| NOT_CLOSED.to_owned())}
                    </p>
                }
                .into_any();
            }
            view! {
                <RangeForm id from=s.from to=s.to closed />
                <StatementBody statement=s />
            }
            .into_any()
        },
    )
}

/// The most months one statement shows (the API refuses more).
const MONTHS_MAX: i32 = 120;

/// The range the form asks for, or why the API would refuse it (at `from`).
fn check_range(from: Option<Period>, to: Option<Period>) -> Result<(Period, Period), FieldError> {
    let refuse = |message| FieldError::new("from", "range", message);
    let (Some(from), Some(to)) = (from, to) else {
        return Err(refuse("Выберите начало и конец"));
    };
    if from > to {
        Err(refuse("Начало не может быть позже конца"))
    } else if from.months_until(to) + 1 > MONTHS_MAX {
        Err(refuse("Не более 120 месяцев за раз"))
    } else {
        Ok((from, to))
    }
}

/// «Период отображения»: from and to among the closed periods, the API's range first.
#[component]
fn RangeForm(
    id: i64,
    from: Option<Period>,
    to: Option<Period>,
    closed: Loaded<Vec<ChargePeriodSummary>>,
) -> impl IntoView {
    let (from, to) = (RwSignal::new(from), RwSignal::new(to));
    let errors = FieldErrors::default();
    let navigate = use_navigate();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match check_range(from.get_untracked(), to.get_untracked()) {
            Err(e) => errors.set(vec![e]),
            Ok((from, to)) => {
                errors.set(Vec::new());
                let options = NavigateOptions {
                    scroll: false,
                    ..Default::default()
                };
                navigate(
                    &format!("/accounts/{id}/payments?from={from}&to={to}"),
                    options,
                );
            }
        }
    };
    let select = move |name: &'static str, label: &'static str, value: RwSignal<Option<Period>>| {
        let error = move || errors.message(name);
        view! {
            <div class="field period-field" class:field-invalid=move || error().is_some()>
                <label for=name>{label}</label>
                <select
                    id=name
                    name=name
                    data-test=format!("range-{name}")
                    on:change=move |ev| value.set(event_target_value(&ev).parse().ok())
                >
                    {move || {
                        closed
                            .get()
                            .and_then(Result::ok)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|p| {
                                let period = Some(p.period);
                                view! {
                                    <option
                                        value=p.period.to_string()
                                        prop:selected=move || value.get() == period
                                    >
                                        {format::period(p.period)}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                {move || error().map(|text| view! { <p class="field-error" id=format!("{name}-error")>{text}</p> })}
            </div>
        }
    };
    view! {
        <form id="range-form" class="card range-form" novalidate on:submit=submit aria-label="Период отображения">
            {select("from", "С", from)}
            {select("to", "По", to)}
            <button type="submit" class="button button-quiet">"Показать"</button>
        </form>
    }
}

/// The statement of the range: the totals, the months as bars, and month by month.
#[component]
fn StatementBody(statement: Statement) -> impl IntoView {
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
        <PeriodsTable periods=statement.periods totals=statement.totals />
    }
    .into_any()
}

/// «долг 1 234,56 ₽», «переплата 500,00 ₽» or «0,00 ₽»: a balance says which it is.
fn balance(kopecks: i64) -> String {
    match kopecks {
        k if k > 0 => format!("долг {}", format::money(k)),
        k if k < 0 => format!("переплата {}", format::money(-k)),
        _ => format::money(0),
    }
}

/// The range at a glance: where it started, what happened, where it ended.
#[component]
fn Totals(totals: MoneyMovement, first: Period, last: Period) -> impl IntoView {
    let row = |label: String, test: &'static str, text: String, kopecks: i64| {
        view! {
            <div>
                <dt>{label}</dt>
                <dd data-test=test data-kopecks=kopecks>{text}</dd>
            </div>
        }
    };
    let money = |k: i64| format::money(k);
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
                    <dd data-test="closing" data-kopecks=totals.closing>{balance(totals.closing)}</dd>
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
                        value: charged,
                    },
                    Bar {
                        class: "chart-bar-paid",
                        value: p.money.paid,
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
                scale=format::rubles
            />
        </section>
    }
}

/// Month by month, each with its payments folded under it, and the totals row.
#[component]
fn PeriodsTable(periods: Vec<StatementPeriod>, totals: MoneyMovement) -> impl IntoView {
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
                    {periods.into_iter().rev().map(|p| view! { <PeriodRows period=p /> }).collect_view()}
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
    let cell = |label: &'static str, test: &'static str, kopecks: i64| {
        let optional = matches!(test, "recalculated" | "penalties");
        view! {
            <td data-label=label class="num" class:zero=optional && kopecks == 0 data-test=test data-kopecks=kopecks>
                {format::money(kopecks)}
            </td>
        }
    };
    view! {
        <tr>
            <th scope="row">{label}</th>
            <BalanceCell label="На начало" test="opening" kopecks=money.opening />
            {cell("Начислено", "charged", money.charged)}
            {cell("Перерасчёт", "recalculated", money.recalculated)}
            {cell("Пени", "penalties", money.penalties)}
            {cell("Оплачено", "paid", money.paid)}
            <BalanceCell label="На конец" test="closing" kopecks=money.closing />
        </tr>
    }
}

/// A balance in a narrow column: the amount, and under it whether it is a debt or an
/// advance.
#[component]
fn BalanceCell(label: &'static str, test: &'static str, kopecks: i64) -> impl IntoView {
    let word = match kopecks {
        k if k > 0 => Some("долг"),
        k if k < 0 => Some("переплата"),
        _ => None,
    };
    view! {
        <td data-label=label class="num" class:strong=test == "closing" data-test=test data-kopecks=kopecks>
            // One child: on a phone the label and the value share a row.
            <span>
                {format::money(kopecks.abs())}
                {word.map(|w| view! { <span class="sub">{w}</span> })}
            </span>
        </td>
    }
}

/// One month: its money, the corrections of earlier months' penalties in it, then the
/// payments dated in it.
#[component]
fn PeriodRows(period: StatementPeriod) -> impl IntoView {
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
        </tbody>
    }
}

/// Corrections of earlier months' penalties, each with its reason (which names the month)
/// and amount: they are part of the month's penalties, so the resident sees why those
/// are lower, or below zero.
#[component]
pub(super) fn CorrectionList(corrections: Vec<PenaltyCorrectionLine>) -> impl IntoView {
    view! {
        <ul class="plain-list payment-list" data-test="penalty-corrections">
            {corrections
                .into_iter()
                .map(|c| {
                    view! {
                        <li
                            data-test="penalty-correction"
                            data-period=c.corrects_period.to_string()
                            data-kopecks=c.amount
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
fn PaymentList(payments: Vec<AccountPayment>) -> impl IntoView {
    view! {
        <ul class="plain-list payment-list">
            {payments
                .into_iter()
                .map(|p| {
                    view! {
                        <li data-test="payment" data-kopecks=p.amount>
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

#[cfg(test)]
mod tests {
    use super::{balance, check_range};

    #[test]
    fn ranges_and_balances() {
        let p = |text: &str| text.parse().ok();
        let months = |from, to| check_range(p(from), p(to)).map_err(|e| e.message);
        assert_eq!(
            months("2025-11", "2026-10"),
            Ok((p("2025-11").unwrap(), p("2026-10").unwrap()))
        );
        assert!(months("2026-10", "2026-10").is_ok());
        assert!(months("2016-01", "2025-12").is_ok());
        assert_eq!(
            months("2016-01", "2026-01").unwrap_err(),
            "Не более 120 месяцев за раз"
        );
        assert_eq!(
            months("2026-10", "2026-09").unwrap_err(),
            "Начало не может быть позже конца"
        );
        assert!(check_range(None, p("2026-10")).is_err());
        assert_eq!(balance(123_456), "долг 1\u{a0}234,56\u{a0}₽");
        assert_eq!(balance(-50_000), "переплата 500,00\u{a0}₽");
        assert_eq!(balance(0), "0,00\u{a0}₽");
    }
}
