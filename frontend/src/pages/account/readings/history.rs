//! A meter's history: the monthly consumption as bars and every reading sent (by the
//! resident, the company or a registry), corrections included, over the last 12 months.

use crate::components::chart::{Bar, BarChart, Legend, Month};
use crate::components::load::{load, show};
use crate::format;
use crate::labels;
use crate::session::use_session;
use domkom_dto::{ConsumptionMethod, MeterHistory as History, PeriodRange, ReadingEntry};
use domkom_values::{AccountId, MeterId, Quantity};
use leptos::prelude::*;

#[component]
pub(super) fn MeterHistory(
    account: AccountId,
    meter: MeterId,
    zones: i32,
    unit: String,
) -> impl IntoView {
    let session = use_session();
    let history = load(
        session,
        "История этого счётчика не найдена.",
        async move |c| {
            c.meter_history(account, meter, &PeriodRange::default())
                .await
        },
    );
    view! {
        <div class="meter-history" id=format!("history-{meter}") data-test="history">
            {show(
                history,
                "Загружаем историю…",
                move |h| view! { <HistoryBody history=h zones unit=unit.clone() /> },
            )}
        </div>
    }
}

fn method_class(method: ConsumptionMethod) -> &'static str {
    match method {
        ConsumptionMethod::Meter => "chart-bar-meter",
        ConsumptionMethod::Average => "chart-bar-average",
        ConsumptionMethod::Norm => "chart-bar-norm",
    }
}

#[component]
fn HistoryBody(history: History, zones: i32, unit: String) -> impl IntoView {
    let chart = if history.consumption.is_empty() {
        view! {
            <p class="muted" data-test="no-consumption">
                "Расхода по закрытым периодам за этот год ещё нет."
            </p>
        }
        .into_any()
    } else {
        let mut legend = Vec::new();
        for method in [
            ConsumptionMethod::Meter,
            ConsumptionMethod::Average,
            ConsumptionMethod::Norm,
        ] {
            if history.consumption.iter().any(|c| c.method == method) {
                legend.push(Legend {
                    class: method_class(method),
                    label: labels::consumption_method(method),
                });
            }
        }
        let months = history
            .consumption
            .iter()
            .map(|c| Month {
                period: c.period,
                bars: vec![Bar {
                    class: method_class(c.method),
                    value: c.total.thousandths(),
                }],
                title: format!(
                    "{}: {} {}, {}",
                    format::period(c.period),
                    format::volume(c.total),
                    unit,
                    labels::consumption_method(c.method)
                ),
            })
            .collect();
        view! {
            <BarChart
                caption=format!("Расход по месяцам, {unit}")
                months
                legend
                scale=|thousandths| format::volume(Quantity::from_thousandths(thousandths))
            />
        }
        .into_any()
    };
    let readings = if history.readings.is_empty() {
        view! { <p class="muted" data-test="no-readings">"Показаний за этот год не передавали."</p> }
            .into_any()
    } else {
        view! { <ReadingsList readings=history.readings zones unit /> }.into_any()
    };
    view! {
        {chart}
        <h4 class="history-title">"Переданные показания"</h4>
        {readings}
    }
}

/// Newest first, one entry a reading: period and value, then when and who sent it, and
/// whether it was corrected; a list rather than a table, so that a year of readings
/// stays short on a phone.
#[component]
fn ReadingsList(readings: Vec<ReadingEntry>, zones: i32, unit: String) -> impl IntoView {
    view! {
        <ul class="plain-list history-list">
            {readings
                .into_iter()
                .map(|r| {
                    let mark = match (r.current, r.correction) {
                        (true, true) => Some("исправление"),
                        (false, true) => Some("исправление, заменено более поздним"),
                        (false, false) => Some("заменено более поздним"),
                        (true, false) => None,
                    };
                    view! {
                        <li
                            data-test="history-reading"
                            data-period=r.period.to_string()
                            data-zone=r.zone
                            data-value=r.value.thousandths()
                            data-current=r.current.to_string()
                            data-correction=r.correction.to_string()
                            class:replaced=!r.current
                        >
                            <span class="history-period">
                                {format::period(r.period)}
                                {(zones > 1).then(|| format!(", зона {}", r.zone))}
                            </span>
                            <span class="num strong">{format::volume(r.value)} " " {unit.clone()}</span>
                            <span class="sub">
                                {format::date(r.taken_on)} ", " {labels::reading_source(r.source)}
                                {r.rolled_over.then_some(", переход через ноль")}
                                {mark.map(|m| format!("; {m}"))}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
