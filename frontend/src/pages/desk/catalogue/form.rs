//! A service of the catalogue, new or changed: name, description, price per unit or
//! «по договорённости», unit, and whether residents see it.

use super::Editing;
use crate::components::field::{passed, Checkbox, Field, TextArea};
use crate::components::form::{FormAlert, FormState, SubmitButton};
use crate::format;
use crate::session::use_session;
use domkom_dto::{rules, FieldError, PaidService, PaidServiceData};
use leptos::prelude::*;

/// The longest description (the server's limit).
const DESCRIPTION_MAX: usize = 2000;

/// What the form holds, as typed.
#[derive(Clone, Default)]
struct Typed {
    name: String,
    description: String,
    price: String,
    by_agreement: bool,
    unit: String,
    active: bool,
}

/// The service typed, with the server's own check.
fn service_data(t: &Typed) -> Result<PaidServiceData, Vec<FieldError>> {
    let price = (!t.by_agreement).then(|| format::parse_rubles(&t.price));
    let data = PaidServiceData {
        name: t.name.trim().to_owned(),
        description: t.description.trim().to_owned(),
        price: price.flatten(),
        unit: t.unit.trim().to_owned(),
        active: t.active,
    };
    let mut problems = rules::check_paid_service(&data);
    if price == Some(None) {
        problems.push(FieldError::new(
            "price",
            "format",
            "Введите цену в рублях, например 1500 или 1500,50, или отметьте «По договорённости»",
        ));
    }
    passed(data, problems)
}

#[component]
pub fn ServiceForm(
    service: Option<PaidService>,
    saved: Callback<()>,
    editing: RwSignal<Editing>,
) -> impl IntoView {
    let session = use_session();
    let id = service.as_ref().map(|s| s.id);
    let d = service.map(|s| s.data).unwrap_or_else(|| PaidServiceData {
        unit: "услуга".into(),
        active: true,
        ..Default::default()
    });
    let name = RwSignal::new(d.name);
    let description = RwSignal::new(d.description);
    let price = RwSignal::new(d.price.map(format::typed_rubles).unwrap_or_default());
    let by_agreement = RwSignal::new(id.is_some() && d.price.is_none());
    let unit = RwSignal::new(d.unit);
    let active = RwSignal::new(d.active);
    let form = FormState::default();
    let submit = form.on_submit(
        move || {
            service_data(&Typed {
                name: name.get_untracked(),
                description: description.get_untracked(),
                price: price.get_untracked(),
                by_agreement: by_agreement.get_untracked(),
                unit: unit.get_untracked(),
                active: active.get_untracked(),
            })
        },
        async move |data: PaidServiceData| {
            session
                .authorized(async |c| match id {
                    Some(id) => c.update_paid_service(id, &data).await,
                    None => c.create_paid_service(&data).await,
                })
                .await?;
            saved.run(());
            Ok(())
        },
    );
    let errors = form.errors;
    let title = if id.is_some() {
        "Изменить услугу"
    } else {
        "Новая услуга"
    };
    view! {
        <form id="service-form" class="card form section-narrow" novalidate on:submit=submit>
            <h3>{title}</h3>
            <FormAlert message=form.alert />
            <Field name="name" label="Название" value=name errors />
            <TextArea name="description" label="Описание" value=description errors max=DESCRIPTION_MAX rows=3 />
            <div class="field-pair">
                <Show when=move || !by_agreement.get()>
                    <Field name="price" label="Цена, ₽" value=price errors inputmode="decimal" />
                </Show>
                <Field name="unit" label="За что" value=unit errors hint="услуга, час, шт." />
            </div>
            <Checkbox name="by_agreement" label="Цена по договорённости" checked=by_agreement />
            <Checkbox name="active" label="Доступна жителям" checked=active />
            <div class="button-row">
                <SubmitButton label="Сохранить" busy_label="Сохраняем…" pending=form.pending id="service-submit" />
                <button type="button" class="button button-quiet" on:click=move |_| editing.set(Editing::None)>
                    "Отмена"
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::field::refusals;
    use domkom_values::Money;

    fn typed() -> Typed {
        Typed {
            name: " Вызов сантехника ".into(),
            description: String::new(),
            price: "1 500".into(),
            by_agreement: false,
            unit: "услуга".into(),
            active: true,
        }
    }

    #[test]
    fn a_price_or_by_agreement() {
        let priced = service_data(&typed()).unwrap();
        assert_eq!(priced.name, "Вызов сантехника");
        assert_eq!(priced.price, Some(Money::from_kopecks(150_000)));
        let agreed = Typed {
            by_agreement: true,
            price: "что угодно".into(),
            ..typed()
        };
        assert_eq!(service_data(&agreed).unwrap().price, None);
    }

    #[test]
    fn the_server_s_rules_are_told_at_their_fields() {
        let wrong = Typed {
            name: " ".into(),
            price: "дёшево".into(),
            unit: String::new(),
            ..typed()
        };
        let fields: Vec<String> = refusals(service_data(&wrong))
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(fields, ["name", "unit", "price"]);
        let dear = Typed {
            price: "1000000,01".into(),
            ..typed()
        };
        assert_eq!(refusals(service_data(&dear))[0].0, "price");
    }
}
