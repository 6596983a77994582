//! «Принять»: the time agreed with the resident and the price (the catalogue's, when it
//! has one, to start with).

use crate::components::field::{passed, Field, FieldErrors};
use crate::components::form::{renamed, FormAlert, FormState, SubmitButton};
use crate::session::use_session;
use crate::{clock, format};
use chrono::NaiveDate;
use domkom_dto::{rules, time, AcceptRequest, FieldError, ServiceRequest, TimeSlot};
use leptos::prelude::*;

/// The server checks `scheduled_at`; the form asks its date apart from its time.
const RENAME: &[(&str, &str)] = &[("scheduled_at", "scheduled_date")];

/// The time and the price typed, with the server's own check; `today` is the reader's.
fn acceptance(
    date: &str,
    time: &str,
    price: &str,
    today: NaiveDate,
) -> Result<AcceptRequest, Vec<FieldError>> {
    let day = time::parse_date(date);
    // A time input gives `HH:MM`, some browsers `HH:MM:SS`.
    let at = time::parse_time(time.trim());
    let price = format::parse_rubles(price);
    let mut problems: Vec<FieldError> = [
        day.is_none()
            .then(|| FieldError::new("scheduled_date", "required", "Укажите дату")),
        at.is_none()
            .then(|| FieldError::new("scheduled_time", "required", "Укажите время")),
        price.is_none().then(|| {
            FieldError::new(
                "price",
                "format",
                "Введите цену в рублях, например 1500 или 1500,50",
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let accept = AcceptRequest {
        scheduled_at: day.unwrap_or(today).and_time(at.unwrap_or_default()),
        price: price.unwrap_or_default(),
    };
    problems.extend(renamed(rules::check_accept_request(&accept, today), RENAME));
    passed(accept, problems)
}

/// Where the slot the resident chose starts: the time to start from.
fn slot_start(slot: TimeSlot) -> &'static str {
    match slot {
        TimeSlot::Afternoon => "12:00",
        TimeSlot::Evening => "17:00",
        TimeSlot::Morning | TimeSlot::Any => "09:00",
    }
}

#[component]
pub fn AcceptForm(request: RwSignal<ServiceRequest>) -> impl IntoView {
    let session = use_session();
    let r = request.get_untracked();
    let date = RwSignal::new(r.preferred_date.to_string());
    let time = RwSignal::new(slot_start(r.time_slot).to_owned());
    let price = RwSignal::new(r.listed_price.map(format::typed_rubles).unwrap_or_default());
    let form = FormState::renaming(RENAME);
    let submit = form.on_submit(
        move || {
            acceptance(
                &date.get_untracked(),
                &time.get_untracked(),
                &price.get_untracked(),
                clock::today(),
            )
        },
        async move |accept: AcceptRequest| {
            let accepted = session
                .authorized(async |c| c.accept_service_request(r.id, &accept).await)
                .await?;
            request.set(accepted);
            Ok(())
        },
    );
    let errors: FieldErrors = form.errors;
    view! {
        <form id="accept-form" class="card form" novalidate on:submit=submit>
            <h3>"Принять заявку"</h3>
            <p class="muted">"Согласуйте с жителем время и стоимость: он получит письмо."</p>
            <FormAlert message=form.alert />
            <div class="field-pair">
                <Field name="scheduled_date" label="Дата" kind="date" value=date errors />
                <Field name="scheduled_time" label="Время" kind="time" value=time errors />
            </div>
            <Field name="price" label="Стоимость, ₽" value=price errors inputmode="decimal" />
            <SubmitButton label="Принять" busy_label="Принимаем…" pending=form.pending id="accept-submit" />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::field::refusals;
    use domkom_values::Money;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn the_local_time_and_the_price_in_kopecks() {
        let a = acceptance("2026-12-20", "10:30", "1 500,50", today()).unwrap();
        assert_eq!(a.scheduled_at.to_string(), "2026-12-20 10:30:00");
        assert_eq!(a.price, Money::from_kopecks(150_050));
        let seconds = acceptance("2026-12-20", "10:30:00", "0", today()).unwrap();
        assert_eq!(seconds.scheduled_at, a.scheduled_at);
    }

    #[test]
    fn what_the_server_would_refuse_is_told_at_its_field() {
        let fields = |r| {
            refusals(r)
                .into_iter()
                .map(|(field, _)| field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(acceptance("", "", "много", today())),
            ["scheduled_date", "scheduled_time", "price"]
        );
        assert_eq!(
            refusals(acceptance("2026-11-30", "10:00", "2000000", today())),
            [
                (
                    "scheduled_date".to_owned(),
                    "Дата — с 01.12.2026 по 01.12.2027".to_owned()
                ),
                (
                    "price".to_owned(),
                    "Цена — от нуля до 1\u{a0}000\u{a0}000,00\u{a0}₽".to_owned()
                ),
            ]
        );
        assert_eq!(slot_start(TimeSlot::Evening), "17:00");
    }
}
