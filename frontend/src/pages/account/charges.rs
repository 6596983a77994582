//! «Начисления» (3 on the manual's рис. 6): the closed periods, and for the chosen one the
//! base and adjusted charge of every service with how it was computed, the
//! recalculations with their reasons, the corrections of earlier months' penalties, and
//! the totals.

use super::home::NOT_CLOSED;
use super::payments::CorrectionList;
use super::use_account;
use crate::components::load::{load, show};
use crate::components::receipt::ReceiptButton;
use crate::format;
use crate::labels;
use crate::navigation::use_navigation;
use crate::session::use_session;
use domkom_dto::{
    ChargePeriodSummary, ExplainedLine, PeriodCharges, PeriodRange, RecalculationLine,
};
use domkom_values::{AccountId, Money, Period, Quantity};
use leptos::prelude::*;

#[component]
pub fn AccountCharges() -> impl IntoView {
    let session = use_session();
    let id = use_account().id;
    let periods = load(
        session,
        "Лицевой счёт не найден среди ваших.",
        async move |c| c.account_charges(id, &PeriodRange::default()).await,
    );
    view! {
        <section class="section" aria-labelledby="charges-title">
            <h2 id="charges-title">"Начисления"</h2>
            {show(
                periods,
                "Загружаем периоды…",
                move |list| {
                    if list.is_empty() {
                        view! {
                            <p class="notice notice-info" data-test="no-periods">{NOT_CLOSED}</p>
                        }
                            .into_any()
                    } else {
                        view! { <Periods id list /> }.into_any()
                    }
                },
            )}
        </section>
    }
}

/// The period picker, the months at a glance and the chosen period, which lives in the
/// address (`?period=YYYY-MM`) so it can be bookmarked and survives a reload.
#[component]
fn Periods(id: AccountId, list: Vec<ChargePeriodSummary>) -> impl IntoView {
    let navigation = use_navigation();
    let newest = list[0].period;
    let known: Vec<Period> = list.iter().map(|p| p.period).collect();
    let selected = Memo::new(move |_| {
        navigation
            .query("period")
            .and_then(|p| p.parse().ok())
            .filter(|p| known.contains(p))
            .unwrap_or(newest)
    });
    let pick = Callback::new(move |period: Period| {
        navigation.refine(&format!("/accounts/{id}/charges?period={period}"), true);
    });
    let options = list.clone();
    view! {
        <div class="card period-bar">
            <div class="field period-field">
                <label for="period">"Период"</label>
                <select
                    id="period"
                    name="period"
                    data-test="period-select"
                    on:change=move |ev| {
                        if let Ok(period) = event_target_value(&ev).parse() {
                            pick.run(period);
                        }
                    }
                >
                    {options
                        .into_iter()
                        .map(|p| {
                            let is_selected = move || selected.get() == p.period;
                            view! {
                                <option value=p.period.to_string() prop:selected=is_selected>
                                    {format::period(p.period)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <MonthsChart list selected pick />
        </div>
        {move || {
            let period = selected.get();
            view! { <PeriodDetail id period /> }
        }}
    }
}

/// The totals of the months as bars, oldest on the left; a bar picks its month.
#[component]
fn MonthsChart(
    list: Vec<ChargePeriodSummary>,
    selected: Memo<Period>,
    pick: Callback<Period>,
) -> impl IntoView {
    // Bar heights are proportions of kopecks.
    let highest = list
        .iter()
        .map(|p| p.total)
        .max()
        .unwrap_or(Money::ZERO)
        .kopecks()
        .max(1);
    view! {
        <figure class="months-chart" aria-labelledby="months-chart-title">
            <figcaption id="months-chart-title" class="muted">
                "Итого начислено по месяцам"
            </figcaption>
            <div class="bars">
                {list
                    .into_iter()
                    .rev()
                    .map(|p| {
                        let height = (p.total.kopecks().max(0) * 100 / highest).max(2);
                        let period = p.period;
                        let current = move || selected.get() == period;
                        let label = format!(
                            "{}: {}",
                            format::period(period),
                            format::money(p.total),
                        );
                        let month = format::period(period).chars().take(3).collect::<String>();
                        view! {
                            <button
                                type="button"
                                class="bar"
                                class:bar-current=current
                                aria-pressed=move || if current() { "true" } else { "false" }
                                aria-label=label.clone()
                                title=label
                                on:click=move |_| pick.run(period)
                            >
                                <span class="bar-fill" style:height=format!("{height}%")></span>
                                <span class="bar-month" aria-hidden="true">{month}</span>
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </figure>
    }
}

#[component]
fn PeriodDetail(id: AccountId, period: Period) -> impl IntoView {
    let session = use_session();
    let charges = load(
        session,
        "Начисления за этот период не найдены.",
        async move |c| c.period_charges(id, &period.to_string()).await,
    );
    view! {
        <section id="period-charges" class="card section" data-period=period.to_string() aria-labelledby="period-title">
            <div class="section-head">
                <h3 id="period-title">"Начисления за " {format::period_in_text(period)}</h3>
                <ReceiptButton account=id period />
            </div>
            {show(charges, "Загружаем начисления…", |c| view! { <PeriodBody charges=c /> })}
        </section>
    }
}

#[component]
fn PeriodBody(charges: PeriodCharges) -> impl IntoView {
    let lines = if charges.lines.is_empty() {
        view! { <p class="muted" data-test="no-lines">"В этом периоде начислений по услугам нет."</p> }
            .into_any()
    } else {
        view! { <LinesTable lines=charges.lines /> }.into_any()
    };
    view! {
        {lines}
        <Totals
            charged=charges.charged
            recalculated=charges.recalculated
            penalties=charges.penalties
            total=charges.total
        />
        {(!charges.penalty_corrections.is_empty())
            .then(|| view! { <CorrectionList corrections=charges.penalty_corrections /> })}
        <Recalculations items=charges.recalculations />
    }
}

#[component]
fn LinesTable(lines: Vec<ExplainedLine>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table id="charges-table" class="table table-stack charges-table">
                <thead>
                    <tr>
                        <th scope="col">"Услуга"</th>
                        <th scope="col" class="num">"Объём"</th>
                        <th scope="col" class="num">"Тариф"</th>
                        <th scope="col" class="num">"Начислено"</th>
                        <th scope="col" class="num">"Перерасчёт"</th>
                        <th scope="col" class="num">"Итого"</th>
                    </tr>
                </thead>
                {lines.into_iter().map(|line| view! { <Line line /> }).collect_view()}
            </table>
        </div>
    }
}

/// One service: its numbers, then «Как рассчитано» folded below them. Each line is a
/// `<tbody>` of its own so that the two rows stay together.
#[component]
fn Line(line: ExplainedLine) -> impl IntoView {
    let quantity = if line.common_volume != Quantity::ZERO && line.volume == Quantity::ZERO {
        line.common_volume
    } else {
        line.volume
    };
    let common = (line.common_volume != Quantity::ZERO && line.volume != Quantity::ZERO).then(|| {
        view! {
            <span class="sub">"ОДН " {format::volume(line.common_volume)} " " {line.unit.clone()}</span>
        }
    });
    let zone = (line.zone != 0).then(|| view! { <span class="sub">"Зона " {line.zone}</span> });
    let unchanged = line.recalculated.is_zero();
    let since = line
        .tariff_from
        .map(|d| view! { <span class="sub">"с " {format::date(d)}</span> });
    view! {
        <tbody
            class="charge-line"
            data-test="charge-line"
            data-method=line.method.clone()
            data-service=line.service.clone()
        >
            <tr>
                <th scope="row" data-label="Услуга">
                    {line.service.clone()}
                    {zone}
                    <span class="sub">{labels::method(&line.method).to_owned()}</span>
                </th>
                // One child per cell: on phones the label and the value share a row.
                <td data-label="Объём" class="num">
                    <span>{format::volume(quantity)} " " {line.unit.clone()} {common}</span>
                </td>
                <td data-label="Тариф" class="num">
                    <span>{format::tariff(line.tariff)} {since}</span>
                </td>
                <td data-label="Начислено" class="num" data-test="amount" data-kopecks=line.amount.kopecks()>
                    {format::money(line.amount)}
                </td>
                <td
                    data-label="Перерасчёт"
                    class="num"
                    class:unchanged=unchanged
                    data-test="recalculated"
                    data-kopecks=line.recalculated.kopecks()
                >
                    {format::money(line.recalculated)}
                </td>
                <td
                    data-label="Итого"
                    class="num strong"
                    class:unchanged=unchanged
                    data-test="adjusted"
                    data-kopecks=line.adjusted.kopecks()
                >
                    {format::money(line.adjusted)}
                </td>
            </tr>
            <tr class="explain-row">
                <td colspan="6">
                    <details data-test="explain">
                        <summary>"Как рассчитано"</summary>
                        <p class="explanation">{line.explanation}</p>
                    </details>
                </td>
            </tr>
        </tbody>
    }
}

#[component]
fn Totals(charged: Money, recalculated: Money, penalties: Money, total: Money) -> impl IntoView {
    let row = |label: &'static str, test: &'static str, amount: Money| {
        view! {
            <div>
                <dt>{label}</dt>
                <dd data-test=test data-kopecks=amount.kopecks()>{format::money(amount)}</dd>
            </div>
        }
    };
    view! {
        <dl id="charges-totals" class="totals" aria-label="Итоги периода">
            {row("Начислено", "charged", charged)}
            {row("Перерасчёты", "recalculated", recalculated)}
            {row("Пени", "penalties", penalties)}
            <div class="totals-sum">
                <dt>"Итого за период"</dt>
                <dd data-test="total" data-kopecks=total.kopecks()>{format::money(total)}</dd>
            </div>
        </dl>
    }
}

/// Recalculations booked in the period, for it or for earlier months, with the reasons.
#[component]
fn Recalculations(items: Vec<RecalculationLine>) -> impl IntoView {
    let body = if items.is_empty() {
        view! { <p class="muted" data-test="no-recalculations">"Перерасчётов в этом периоде не было."</p> }
            .into_any()
    } else {
        view! {
            <ul class="recalc-list">
                {items
                    .into_iter()
                    .map(|r| {
                        view! {
                            <li data-test="recalculation">
                                <div class="recalc-head">
                                    <span>
                                        <strong>{r.service}</strong>
                                        " за " {format::period_in_text(r.corrects_period)}
                                    </span>
                                    <span class="num strong" data-kopecks=r.amount.kopecks()>{format::money(r.amount)}</span>
                                </div>
                                <p class="muted">{r.reason}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="recalcs" aria-labelledby="recalcs-title">
            <h4 id="recalcs-title">"Перерасчёты"</h4>
            {body}
        </section>
    }
}
