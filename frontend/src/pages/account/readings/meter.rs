//! One meter's card: what it is, its verification, the readings billed and sent, the
//! inputs for this period's reading, the checked consumption and the history.

use super::form::{Entry, ReadingsForm};
use super::history::MeterHistory;
use super::preview::estimate;
use super::request::meter_field;
use crate::format;
use crate::labels;
use domkom_dto::{AccountMeter, MeterZoneState, SubmittedValue, VerificationState};
use domkom_values::{AccountId, MeterId, Money, Period};
use leptos::prelude::*;

/// The verification's state as the page marks it (`data-state`).
fn verification_state(state: VerificationState) -> &'static str {
    match state {
        VerificationState::Valid => "valid",
        VerificationState::DueSoon => "due_soon",
        VerificationState::Expired => "expired",
    }
}

/// «, зона 2» after a fact of a meter with several zones; nothing for a single zone.
fn zone_suffix(zones: i32, zone: i32) -> String {
    if zones > 1 {
        format!(", зона {zone}")
    } else {
        String::new()
    }
}

/// The label of a zone's value input: «Зона 2, кВт·ч», or «Показание, м³» for one zone.
fn input_label(zones: i32, zone: i32, unit: &str) -> String {
    if zones > 1 {
        format!("Зона {zone}, {unit}")
    } else {
        format!("Показание, {unit}")
    }
}

/// When the billed reading was counted: «за март 2026», or «при установке».
fn billed_when(period: Option<Period>) -> String {
    match period {
        Some(p) => format!("за {}", format::period_in_text(p)),
        None => "при установке".to_owned(),
    }
}

#[component]
pub(super) fn MeterCard(
    account: AccountId,
    meter: AccountMeter,
    /// The window's period.
    period: Period,
    form: ReadingsForm,
    open: RwSignal<Vec<MeterId>>,
) -> impl IntoView {
    let id = meter.id;
    let title_id = format!("meter-{id}-title");
    let state = verification_state(meter.verification);
    let warning = meter.verification_warning.clone().map(|text| {
        let class = if meter.verification == VerificationState::Expired {
            "notice notice-error"
        } else {
            "notice notice-warning"
        };
        view! { <p class=class data-test="verification-warning" data-state=state>{text}</p> }
    });
    let errors = form.errors;
    let meter_error = {
        let field = meter_field(id);
        move || {
            errors
                .message(&field)
                .map(|text| view! { <p class="field-error" data-test="meter-error">{text}</p> })
        }
    };
    let (zones, unit) = (meter.zones, meter.unit.clone());
    let accepts = meter.accepts_readings.to_string();
    let title = view! {
        <h3 id=title_id.clone() class="meter-title">
            {meter.service_name.clone()}
            <span class="sub">{labels::resource(meter.resource)} ", " {meter.unit.clone()}</span>
        </h3>
    };
    view! {
        <section
            class="card meter-card"
            data-test="meter"
            data-meter-id=id.get()
            data-accepts=accepts
            aria-labelledby=title_id
        >
            {title}
            <MeterFacts meter=meter.clone() period />
            {warning}
            {meter_error}
            <div class="zone-inputs">
                <MeterInputs meter period form />
            </div>
            <Checked meter=id form />
            <HistoryToggle account meter=id zones unit open />
        </section>
    }
}

/// The meter's facts. Two columns on a phone too: the card stays short enough to see
/// the input.
#[component]
fn MeterFacts(meter: AccountMeter, period: Period) -> impl IntoView {
    let (zones, unit) = (meter.zones, meter.unit.clone());
    let billed = billed_when(meter.billed_period);
    let state = verification_state(meter.verification);
    let facts_zones = meter
        .readings
        .iter()
        .map(|z| {
            view! {
                <div>
                    <dt>"Учтено " {billed.clone()} {zone_suffix(zones, z.zone)}</dt>
                    <dd data-test="billed" data-zone=z.zone data-value=z.billed.thousandths()>
                        {format::volume(z.billed)} " " {unit.clone()}
                    </dd>
                </div>
                <div>
                    <dt>"Отправлено за " {format::period_in_text(period)} {zone_suffix(zones, z.zone)}</dt>
                    <Sent zone=z.zone submitted=z.submitted.clone() unit=unit.clone() />
                </div>
            }
        })
        .collect_view();
    view! {
        <dl class="meter-facts">
            <div>
                <dt>"Заводской номер"</dt>
                <dd data-test="serial">{meter.serial}</dd>
            </div>
            {(zones > 1)
                .then(|| {
                    view! {
                        <div>
                            <dt>"Тарифных зон"</dt>
                            <dd>{zones}</dd>
                        </div>
                    }
                })}
            <div>
                <dt>"Поверка до"</dt>
                <dd data-test="verification" data-state=state>{format::date(meter.verification_due)}</dd>
            </div>
            {facts_zones}
        </dl>
    }
}

/// The inputs of the meter's zones, or why it takes no reading this period.
#[component]
fn MeterInputs(meter: AccountMeter, period: Period, form: ReadingsForm) -> impl IntoView {
    if !meter.accepts_readings {
        return view! {
            <p class="muted" data-test="no-input">
                "Показания по этому счётчику за " {format::period_in_text(period)}
                " не принимаются: срок поверки истекает раньше конца периода."
            </p>
        }
        .into_any();
    }
    let entries: Vec<Entry> = form.entries.with_value(|all| {
        all.iter()
            .filter(|e| e.at.meter_id == meter.id)
            .copied()
            .collect()
    });
    let unit = meter.unit;
    entries
        .into_iter()
        .filter_map(|entry| {
            let zone = meter.readings.iter().find(|z| z.zone == entry.at.zone)?;
            let label = input_label(meter.zones, entry.at.zone, &unit);
            Some(view! { <ZoneInput entry label zone=zone.clone() unit=unit.clone() form /> })
        })
        .collect_view()
        .into_any()
}

/// The meter's consumption and estimated charge, once checked.
#[component]
fn Checked(meter: MeterId, form: ReadingsForm) -> impl IntoView {
    move || {
        form.preview
            .with(|p| {
                p.as_ref()
                    .and_then(|r| r.meters.iter().find(|m| m.meter_id == meter).cloned())
            })
            .map(|m| {
                view! {
                    <p class="estimate" data-test="estimate" data-consumption=m.consumption.thousandths() data-kopecks=m.charge.map(Money::kopecks)>
                        "Расход " <strong>{format::volume(m.consumption)} " " {m.unit}</strong>
                        ", начисление " <strong>{estimate(m.charge)}</strong>
                    </p>
                }
            })
    }
}

/// «История показаний» and, opened, the history itself.
#[component]
fn HistoryToggle(
    account: AccountId,
    meter: MeterId,
    zones: i32,
    unit: String,
    open: RwSignal<Vec<MeterId>>,
) -> impl IntoView {
    let is_open = move || open.with(|o| o.contains(&meter));
    let toggle = move |_| {
        open.update(|o| match o.iter().position(|m| *m == meter) {
            Some(i) => {
                o.remove(i);
            }
            None => o.push(meter),
        })
    };
    view! {
        <button
            type="button"
            class="button button-quiet history-toggle"
            data-test="history-toggle"
            aria-expanded=move || if is_open() { "true" } else { "false" }
            aria-controls=format!("history-{meter}")
            on:click=toggle
        >
            {move || if is_open() { "Скрыть историю" } else { "История показаний" }}
        </button>
        {move || {
            is_open().then(|| view! { <MeterHistory account meter zones unit=unit.clone() /> })
        }}
    }
}

/// The reading already sent for the period, or that none was.
#[component]
fn Sent(zone: i32, submitted: Option<SubmittedValue>, unit: String) -> impl IntoView {
    match submitted {
        Some(s) => view! {
            <dd data-test="submitted" data-zone=zone data-value=s.value.thousandths() data-sent="true">
                {format::volume(s.value)} " " {unit}
                <span class="sub">
                    {format::date(s.taken_on)} ", " {labels::reading_source(s.source)}
                    {s.rolled_over.then_some(", переход через ноль")}
                </span>
            </dd>
        }
        .into_any(),
        None => view! {
            <dd data-test="submitted" data-zone=zone data-sent="false" class="muted">
                "ещё не передано"
            </dd>
        }
        .into_any(),
    }
}

/// The value of one zone with the «перешёл через ноль» box under it.
#[component]
fn ZoneInput(
    entry: Entry,
    label: String,
    zone: MeterZoneState,
    unit: String,
    form: ReadingsForm,
) -> impl IntoView {
    let name = entry.at.value_field();
    let rolled_name = entry.at.rolled_field();
    let errors = form.errors;
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let rolled_error_id = format!("{rolled_name}-error");
    let error = {
        let name = name.clone();
        Signal::derive(move || errors.message(&name))
    };
    let rolled_error = {
        let name = rolled_name.clone();
        Signal::derive(move || errors.message(&name))
    };
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if error.with(Option::is_some) {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let replaces = zone.submitted.is_some();
    view! {
        <div class="zone-input">
            <div class="field" class:field-invalid=move || error.with(Option::is_some)>
                <label for=name.clone()>{label}</label>
                <input
                    id=name.clone()
                    name=name.clone()
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    placeholder=format::volume(zone.base)
                    data-base=zone.base.thousandths()
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by
                    prop:value=move || entry.value.get()
                    on:input=move |ev| {
                        entry.value.set(event_target_value(&ev));
                        form.edited(entry);
                    }
                />
                <p class="field-hint" id=hint_id>
                    "Предыдущее: " {format::volume(zone.base)} " " {unit}
                    {replaces.then_some(". Новое показание заменит отправленное")}
                </p>
                {move || error.get().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
            </div>
            <div class="field field-check" class:field-invalid=move || rolled_error.with(Option::is_some)>
                <label class="checkbox" for=rolled_name.clone()>
                    <input
                        type="checkbox"
                        id=rolled_name.clone()
                        name=rolled_name.clone()
                        prop:checked=move || entry.rolled.get()
                        on:change=move |ev| {
                            entry.rolled.set(event_target_checked(&ev));
                            form.edited(entry);
                        }
                    />
                    "Счётчик перешёл через ноль"
                </label>
                {move || {
                    rolled_error
                        .get()
                        .map(|text| view! { <p class="field-error" id=rolled_error_id.clone()>{text}</p> })
                }}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{billed_when, input_label, zone_suffix};

    #[test]
    fn a_zone_is_named_only_on_a_meter_with_several() {
        assert_eq!(zone_suffix(1, 1), "");
        assert_eq!(zone_suffix(2, 2), ", зона 2");
        assert_eq!(input_label(1, 1, "м³"), "Показание, м³");
        assert_eq!(input_label(3, 2, "кВт·ч"), "Зона 2, кВт·ч");
    }

    #[test]
    fn the_billed_reading_says_when_it_counted() {
        assert_eq!(billed_when(None), "при установке");
        assert_eq!(billed_when("2026-10".parse().ok()), "за октябрь 2026");
    }
}
