//! «Заказать услугу»: a service of the catalogue (`?service=ID` picks one), the preferred
//! date and time of day, a comment and a contact (from the profile); then the list.

use super::NOT_LINKED;
use crate::clock;
use crate::components::field::{passed, Field, FieldErrors, Select, TextArea};
use crate::components::form::{FormAlert, FormState, SubmitButton};
use crate::components::load::{load, show};
use crate::components::service_requests::price_per_unit;
use crate::navigation::use_navigation;
use crate::pages::account::use_account;
use crate::session::use_session;
use chrono::{Duration, NaiveDate};
use domkom_dto::rules::{self, BOOKING_DAYS};
use domkom_dto::{time, FieldError, NewServiceRequest, PageQuery, PaidService, TimeSlot};
use domkom_values::PaidServiceId;
use leptos::prelude::*;

/// The longest comment (the server's limit).
const COMMENT_MAX: usize = 2000;

/// What the form holds, as typed.
#[derive(Clone, Default)]
struct Typed {
    service: String,
    date: String,
    slot: String,
    comment: String,
    phone: String,
    email: String,
}

/// The request typed, with the server's own check; `today` is the reader's.
fn new_request(t: &Typed, today: NaiveDate) -> Result<NewServiceRequest, Vec<FieldError>> {
    let filled = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let service = t.service.parse::<PaidServiceId>().ok();
    let date = time::parse_date(&t.date);
    let request = NewServiceRequest {
        paid_service_id: service.unwrap_or_default(),
        // A date not typed is told below; today passes the rules meanwhile.
        preferred_date: date.unwrap_or(today),
        time_slot: TimeSlot::parse(&t.slot).unwrap_or(TimeSlot::Any),
        comment: t.comment.trim().to_owned(),
        contact_phone: filled(&t.phone),
        contact_email: filled(&t.email),
    };
    let mut problems: Vec<FieldError> = [
        service
            .is_none()
            .then(|| FieldError::new("paid_service_id", "required", "Выберите услугу")),
        date.is_none()
            .then(|| FieldError::new("preferred_date", "required", "Укажите дату")),
    ]
    .into_iter()
    .flatten()
    .collect();
    problems.extend(rules::check_new_service_request(&request, today));
    passed(request, problems)
}

#[component]
pub fn NewServiceRequestPage() -> impl IntoView {
    let session = use_session();
    let id = use_account().id;
    let catalogue = load(session, NOT_LINKED, async move |c| {
        let all = PageQuery {
            limit: Some(100),
            offset: None,
        };
        c.paid_services(id, all).await
    });
    view! {
        <section class="section section-narrow" aria-labelledby="new-request-title">
            <h2 id="new-request-title">"Заказать услугу"</h2>
            <p class="muted">
                "Организация согласует с вами время и стоимость работ. Ответ появится в разделе «Платные услуги» и придёт на указанный e-mail."
            </p>
            {show(
                catalogue,
                "Загружаем услуги…",
                |c| {
                    if c.items.is_empty() {
                        return view! {
                            <p id="no-services" class="card empty">"Организация пока не предлагает платных услуг."</p>
                        }
                            .into_any();
                    }
                    view! { <RequestForm services=c.items /> }.into_any()
                },
            )}
        </section>
    }
}

#[component]
fn RequestForm(services: Vec<PaidService>) -> impl IntoView {
    let session = use_session();
    let account = use_account().id;
    let navigation = use_navigation();
    let asked = navigation.query_untracked("service");
    let first = match services.as_slice() {
        [only] => Some(only.id.to_string()),
        _ => asked.filter(|a| services.iter().any(|s| s.id.to_string() == *a)),
    };
    let (phone, email) = session
        .user_untracked()
        .map(|u| (u.phone, u.email))
        .unwrap_or_default();
    let today = clock::today();
    let service = RwSignal::new(first.unwrap_or_default());
    let date = RwSignal::new((today + Duration::days(1)).to_string());
    let slot = RwSignal::new(TimeSlot::Any.as_str().to_owned());
    let comment = RwSignal::new(String::new());
    let (phone, email) = (RwSignal::new(phone), RwSignal::new(email));
    let form = FormState::default();
    let submit = form.on_submit(
        move || {
            let typed = Typed {
                service: service.get_untracked(),
                date: date.get_untracked(),
                slot: slot.get_untracked(),
                comment: comment.get_untracked(),
                phone: phone.get_untracked(),
                email: email.get_untracked(),
            };
            new_request(&typed, clock::today())
        },
        async move |request: NewServiceRequest| {
            session
                .authorized(async |c| c.request_service(account, &request).await)
                .await?;
            navigation.go(&format!("/accounts/{account}/service-requests"));
            Ok(())
        },
    );
    let slots: Vec<(String, String)> = TimeSlot::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect();
    let errors = form.errors;
    view! {
        <form id="request-form" class="card form" novalidate on:submit=submit>
            <FormAlert message=form.alert />
            <ServicePicker services service errors />
            <Field
                name="preferred_date"
                label="Желаемая дата"
                kind="date"
                value=date
                errors
                min=today.to_string()
                max=(today + Duration::days(BOOKING_DAYS)).to_string()
            />
            <Select name="time_slot" label="Время" value=slot errors options=slots />
            <TextArea name="comment" label="Комментарий" value=comment errors max=COMMENT_MAX rows=4 />
            <fieldset class="contact">
                <legend>"Как с вами связаться"</legend>
                <p class="field-hint">"Укажите телефон, e-mail или оба."</p>
                <Field name="contact_phone" label="Телефон" kind="tel" value=phone errors autocomplete="tel" required=false />
                <Field name="contact_email" label="E-mail" kind="email" value=email errors autocomplete="email" required=false />
            </fieldset>
            <SubmitButton label="Отправить заявку" busy_label="Отправляем…" pending=form.pending id="request-submit" />
        </form>
    }
}

/// The catalogue as a choice of one: name, price, description.
#[component]
fn ServicePicker(
    services: Vec<PaidService>,
    service: RwSignal<String>,
    errors: FieldErrors,
) -> impl IntoView {
    let error = move || errors.message("paid_service_id");
    view! {
        <fieldset
            id="paid_service_id"
            class="field service-picker"
            tabindex="-1"
            class:field-invalid=move || error().is_some()
            aria-describedby=move || error().map(|_| "paid_service_id-error")
        >
            <legend>"Услуга"</legend>
            {services
                .into_iter()
                .map(|s| {
                    let value = s.id.to_string();
                    let test_id = value.clone();
                    let checked = {
                        let value = value.clone();
                        move || service.with(|v| *v == value)
                    };
                    view! {
                        <label class="service-option" data-test="service-option" data-service-id=test_id>
                            <input
                                type="radio"
                                name="paid_service_id"
                                value=value.clone()
                                prop:checked=checked
                                on:change=move |_| service.set(value.clone())
                            />
                            <span class="service-text">
                                <span class="service-name">{s.data.name}</span>
                                <span class="service-price" data-test="price">
                                    {price_per_unit(s.data.price, &s.data.unit)}
                                </span>
                                {(!s.data.description.is_empty())
                                    .then(|| view! { <span class="muted service-description">{s.data.description}</span> })}
                            </span>
                        </label>
                    }
                })
                .collect_view()}
            {move || error().map(|text| view! { <p class="field-error" id="paid_service_id-error">{text}</p> })}
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::field::refusals;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn typed() -> Typed {
        Typed {
            service: "3".into(),
            date: "2026-12-05".into(),
            slot: "evening".into(),
            comment: " Течёт смеситель \n".into(),
            phone: " ".into(),
            email: " a@b.ru ".into(),
        }
    }

    #[test]
    fn the_request_is_read_from_the_inputs() {
        let r = new_request(&typed(), today()).unwrap();
        assert_eq!(r.paid_service_id, PaidServiceId(3));
        assert_eq!(
            r.preferred_date,
            NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
        );
        assert_eq!(r.time_slot, TimeSlot::Evening);
        assert_eq!(r.comment, "Течёт смеситель");
        assert_eq!(
            (r.contact_phone, r.contact_email.as_deref()),
            (None, Some("a@b.ru"))
        );
    }

    #[test]
    fn the_server_s_rules_are_told_at_their_fields() {
        let nothing = Typed {
            service: String::new(),
            date: String::new(),
            email: String::new(),
            ..typed()
        };
        let fields: Vec<String> = refusals(new_request(&nothing, today()))
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(
            fields,
            ["paid_service_id", "preferred_date", "contact_phone"]
        );
        let past = Typed {
            date: "2026-11-30".into(),
            comment: "я".repeat(2001),
            ..typed()
        };
        assert_eq!(
            refusals(new_request(&past, today())),
            [
                (
                    "preferred_date".to_owned(),
                    "Дата — с 01.12.2026 по 01.12.2027".to_owned()
                ),
                ("comment".to_owned(), "Не более 2000 символов".to_owned()),
            ]
        );
    }
}
