//! «Период отображения»: the months the statement shows, chosen among the closed periods
//! and kept in the address.

use crate::components::field::FieldErrors;
use crate::components::load::Loaded;
use crate::format;
use crate::navigation::use_navigation;
use domkom_dto::{ChargePeriodSummary, FieldError};
use domkom_values::{AccountId, Period};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

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
pub(super) fn RangeForm(
    id: AccountId,
    from: Option<Period>,
    to: Option<Period>,
    closed: Loaded<Vec<ChargePeriodSummary>>,
) -> impl IntoView {
    let (from, to) = (RwSignal::new(from), RwSignal::new(to));
    let errors = FieldErrors::default();
    let navigation = use_navigation();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match check_range(from.get_untracked(), to.get_untracked()) {
            Err(e) => errors.set(vec![e]),
            Ok((from, to)) => {
                errors.set(Vec::new());
                navigation.refine(
                    &format!("/accounts/{id}/payments?from={from}&to={to}"),
                    false,
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

#[cfg(test)]
mod tests {
    use super::check_range;

    #[test]
    fn a_range_is_a_start_before_an_end_and_at_most_120_months() {
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
    }
}
