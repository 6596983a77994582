//! «Показания счётчиков» (4 on the manual's рис. 6): the flat's meters with their
//! verification, the last billed readings and what was sent for the window's period; one
//! form for the readings of every meter, checked first («Проверить», which shows each
//! meter's consumption and estimated charge) and then sent; each meter's history.

mod history;
mod meter;

use super::home::Contacts;
use super::use_account;
use crate::components::field::FieldErrors;
use crate::components::form::{describe, FormAlert, FormStatus, CHECK_FIELDS};
use crate::components::load::{load, show, Loaded};
use crate::format;
use crate::session::use_session;
use domkom_client::dto::ErrorCode;
use domkom_client::Error;
use domkom_dto::{
    AccountMeters, FieldError, NewReading, ReadingWindow, ReadingsResult, SubmitReadings,
};
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meter::MeterCard;
use wasm_bindgen::JsCast;

#[component]
pub fn AccountReadings() -> impl IntoView {
    let session = use_session();
    let id = use_account().id;
    let meters = load(
        session,
        "Лицевой счёт не найден среди ваших.",
        async move |c| c.account_meters(id).await,
    );
    // Both outlive the form, which is built afresh when the meters reload after sending:
    // the message about what was sent, and the histories the resident opened.
    let status = RwSignal::new(None::<String>);
    let open = RwSignal::new(Vec::<i64>::new());
    view! {
        <section class="section" aria-labelledby="readings-title">
            <h2 id="readings-title">"Показания счётчиков"</h2>
            {show(
                meters,
                "Загружаем счётчики…",
                move |data| view! { <Readings id data meters status open /> },
            )}
        </section>
    }
}

/// One input of the form: a zone of a meter that takes readings.
#[derive(Clone, Copy)]
pub(super) struct Entry {
    pub meter_id: i64,
    pub zone: i32,
    pub value: RwSignal<String>,
    pub rolled: RwSignal<bool>,
    /// The resident said that an unusually large consumption is right (`confirm`).
    pub confirmed: RwSignal<bool>,
}

impl Entry {
    /// The value's input, also where the API's errors about it are shown.
    pub fn value_field(&self) -> String {
        format!("reading-{}-{}", self.meter_id, self.zone)
    }

    pub fn rolled_field(&self) -> String {
        format!("rolled-{}-{}", self.meter_id, self.zone)
    }
}

/// Where errors about a whole meter are shown (verification, zones missing).
pub(super) fn meter_field(meter_id: i64) -> String {
    format!("meter-{meter_id}")
}

/// Readings whose consumption is far above the usual, waiting for the resident's word.
#[derive(Clone)]
struct Confirm {
    /// Whether the readings were being sent (or only checked).
    send: bool,
    /// The entry (index into the form's entries) and the API's message about it.
    items: Vec<(usize, String)>,
}

/// The form's state, shared with the meters' cards.
#[derive(Clone, Copy)]
pub(super) struct ReadingsForm {
    pub entries: StoredValue<Vec<Entry>>,
    pub errors: FieldErrors,
    pub preview: RwSignal<Option<ReadingsResult>>,
    confirm: RwSignal<Option<Confirm>>,
    status: RwSignal<Option<String>>,
}

impl ReadingsForm {
    /// A value changed: what was checked or confirmed no longer applies to it.
    pub fn edited(&self, entry: Entry) {
        entry.confirmed.set(false);
        self.preview.set(None);
        self.confirm.set(None);
        self.status.set(None);
    }
}

const BAD_NUMBER: &str = "Введите число, например 123,456 (не больше трёх знаков после запятой)";

#[component]
fn Readings(
    id: i64,
    data: AccountMeters,
    meters: Loaded<AccountMeters>,
    status: RwSignal<Option<String>>,
    open: RwSignal<Vec<i64>>,
) -> impl IntoView {
    let AccountMeters {
        window,
        meters: list,
    } = data;
    if list.is_empty() {
        return view! {
            <WindowNotice window />
            <NoMeters />
        }
        .into_any();
    }
    let session = use_session();
    let entries: Vec<Entry> = list
        .iter()
        .filter(|m| m.accepts_readings)
        .flat_map(|m| {
            m.readings.iter().map(|z| Entry {
                meter_id: m.id,
                zone: z.zone,
                value: RwSignal::new(String::new()),
                rolled: RwSignal::new(false),
                confirmed: RwSignal::new(false),
            })
        })
        .collect();
    let any_input = !entries.is_empty();
    let form = ReadingsForm {
        entries: StoredValue::new(entries),
        errors: FieldErrors::default(),
        preview: RwSignal::new(None),
        confirm: RwSignal::new(None),
        status,
    };
    // «Холодное водоснабжение, № 123456» for the confirmation's list.
    let names = StoredValue::new(
        list.iter()
            .map(|m| {
                (
                    m.id,
                    format!("{}, {}", m.service_name, format::number(&m.serial)),
                )
            })
            .collect::<Vec<_>>(),
    );
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    // Checks (`send` false) or sends the typed readings; the API answers for all at once.
    let run = Callback::new(move |send: bool| {
        if pending.get_untracked() {
            return;
        }
        let entries = form.entries.get_value();
        let mut problems = Vec::new();
        let mut readings = Vec::new();
        // The entry behind each reading sent, to put the API's `readings[i]` errors back.
        let mut sent = Vec::new();
        for (k, e) in entries.iter().enumerate() {
            let text = e.value.get_untracked();
            if text.trim().is_empty() {
                if e.rolled.get_untracked() {
                    problems.push(FieldError::new(
                        &e.value_field(),
                        "required",
                        "Введите показание",
                    ));
                }
                continue;
            }
            match format::parse_volume(&text) {
                Some(value) => {
                    readings.push(NewReading {
                        meter_id: e.meter_id,
                        zone: e.zone,
                        value,
                        rolled_over: e.rolled.get_untracked(),
                        confirm: e.confirmed.get_untracked(),
                    });
                    sent.push(k);
                }
                None => problems.push(FieldError::new(&e.value_field(), "format", BAD_NUMBER)),
            }
        }
        form.confirm.set(None);
        if !problems.is_empty() {
            form.errors.set(problems);
            alert.set(Some(CHECK_FIELDS.to_owned()));
            return;
        }
        form.errors.set(Vec::new());
        if readings.is_empty() {
            alert.set(Some(
                "Введите показания хотя бы одного счётчика.".to_owned(),
            ));
            return;
        }
        alert.set(None);
        pending.set(true);
        let request = SubmitReadings {
            readings,
            preview: !send,
        };
        spawn_local(async move {
            let answer = session
                .authorized(async |c| c.submit_readings(id, &request).await)
                .await;
            pending.set(false);
            match answer {
                Ok(result) if send => {
                    status.set(Some(format!(
                        "Показания переданы: {}. Они будут учтены в расчётном периоде «{}».",
                        result.readings.len(),
                        format::period_in_text(result.period),
                    )));
                    form.preview.set(None);
                    meters.refetch();
                }
                Ok(result) => form.preview.set(Some(result)),
                Err(e) if e.code() == Some(ErrorCode::ConfirmRequired) => {
                    let items = jumps(&e, &sent);
                    if items.is_empty() {
                        alert.set(Some(describe(&e)));
                    } else {
                        form.confirm.set(Some(Confirm { send, items }));
                    }
                }
                Err(e) => alert.set(Some(report(&e, form.errors, &entries, &sent))),
            }
        });
    });

    let check = move |ev: SubmitEvent| {
        ev.prevent_default();
        run.run(false);
    };
    let period = window.period;
    view! {
        <WindowNotice window=window.clone() />
        <form id="readings-form" class="readings-form" novalidate on:submit=check>
            <div class="meter-list">
                {list
                    .into_iter()
                    .map(|meter| {
                        view! { <MeterCard account=id meter period form open /> }
                    })
                    .collect_view()}
            </div>
            <div class="card readings-actions">
                <p class="readings-period" data-test="counts-for" data-period=window.period.to_string()>
                    {if window.next_period {
                        "В этом месяце приём показаний закончился: переданные сейчас показания будут учтены в следующем расчётном периоде — «"
                    } else {
                        "Переданные сейчас показания будут учтены в расчётном периоде «"
                    }}
                    {format::period_in_text(window.period)}
                    "»."
                </p>
                <FormAlert message=alert />
                {move || {
                    form.confirm
                        .get()
                        .map(|c| view! { <ConfirmJump confirm=c form names run pending /> })
                }}
                {move || {
                    form.preview.get().map(|r| view! { <Preview result=r run pending /> })
                }}
                <FormStatus message=status />
                {if any_input {
                    view! {
                        <div class="button-row">
                            // The main action until checked; then «Отправить показания» is.
                            <button
                                type="submit"
                                id="check-readings"
                                class="button"
                                class:button-quiet=move || form.preview.with(Option::is_some)
                                disabled=move || pending.get()
                                aria-busy=move || pending.get().then_some("true")
                            >
                                {move || if pending.get() { "Проверяем…" } else { "Проверить" }}
                            </button>
                        </div>
                        <Show when=move || form.preview.with(Option::is_none)>
                            <p class="muted small">
                                "«Проверить» покажет расход и примерную сумму по каждому счётчику; отправить показания можно после проверки."
                            </p>
                        </Show>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="muted">"Сейчас ни один счётчик не принимает показания."</p>
                    }
                        .into_any()
                }}
            </div>
        </form>
    }
    .into_any()
}

/// Which period a reading sent now counts for, before anything is typed; outside the
/// window it says that the month's window has passed.
#[component]
fn WindowNotice(window: ReadingWindow) -> impl IntoView {
    let class = if window.open {
        "notice notice-info"
    } else {
        "notice notice-warning"
    };
    view! {
        <p
            id="reading-window"
            class=class
            data-test="window"
            data-open=window.open.to_string()
            data-next=window.next_period.to_string()
            data-period=window.period.to_string()
        >
            {window.message}
        </p>
    }
}

/// A flat without its own meters: billed by the norm; whom to tell about a new meter.
#[component]
fn NoMeters() -> impl IntoView {
    let card = use_account().card;
    view! {
        <div class="card-grid">
            <div id="no-meters" class="card empty">
                <p>
                    <strong>"К лицевому счёту не подключены счётчики квартиры."</strong>
                </p>
                <p class="muted">
                    "Без счётчиков вода и электроэнергия начисляются по нормативу. Если счётчик установлен, сообщите его номер и дату поверки в управляющую организацию."
                </p>
            </div>
            {move || {
                card.get()
                    .and_then(Result::ok)
                    .map(|c| view! { <Contacts org=c.organization /> })
            }}
        </div>
    }
}

/// The API's `readings[3].value` → (3, "value").
fn reading_index(field: &str) -> Option<(usize, &str)> {
    let rest = field.strip_prefix("readings[")?;
    let (index, name) = rest.split_once("].")?;
    Some((index.parse().ok()?, name))
}

/// The readings a `confirm_required` names, as (entry, message).
fn jumps(e: &Error, sent: &[usize]) -> Vec<(usize, String)> {
    e.problem()
        .map(|p| {
            p.errors
                .iter()
                .filter_map(|fe| {
                    let (i, _) = reading_index(&fe.field)?;
                    Some((*sent.get(i)?, fe.message.clone()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Puts the API's errors about `readings[i]` beside the entry's inputs (the meter's own
/// beside its card) and returns the form's message; an error about the whole list goes
/// into the message itself.
fn report(e: &Error, fields: FieldErrors, entries: &[Entry], sent: &[usize]) -> String {
    let Some(problem) = e.problem().filter(|p| !p.errors.is_empty()) else {
        return describe(e);
    };
    let mut placed = Vec::new();
    let mut loose = Vec::new();
    for fe in &problem.errors {
        let entry = reading_index(&fe.field)
            .and_then(|(i, name)| Some((entries.get(*sent.get(i)?)?, name)));
        let field = match entry {
            Some((entry, "value" | "zone")) => entry.value_field(),
            Some((entry, "rolled_over")) => entry.rolled_field(),
            Some((entry, _)) => meter_field(entry.meter_id),
            None => {
                loose.push(fe.message.clone());
                continue;
            }
        };
        // One message per place: the first is the one to fix first.
        if !placed.iter().any(|p: &FieldError| p.field == field) {
            placed.push(FieldError::new(&field, &fe.code, fe.message.clone()));
        }
    }
    fields.set(placed);
    if loose.is_empty() {
        CHECK_FIELDS.to_owned()
    } else {
        loose.join(" ")
    }
}

/// «Расход намного больше обычного. Всё верно?»: the readings the API doubts, then either
/// the same request again with `confirm` or back to the inputs.
#[component]
fn ConfirmJump(
    confirm: Confirm,
    form: ReadingsForm,
    names: StoredValue<Vec<(i64, String)>>,
    run: Callback<bool>,
    pending: RwSignal<bool>,
) -> impl IntoView {
    let entries = form.entries.get_value();
    let yes_button = NodeRef::<html::Button>::new();
    Effect::new(move || {
        if let Some(button) = yes_button.get() {
            let _ = button.focus();
        }
    });
    let items = confirm.items.clone();
    let flagged: Vec<Entry> = items
        .iter()
        .filter_map(|(k, _)| entries.get(*k).copied())
        .collect();
    let first = flagged.first().map(Entry::value_field);
    let send = confirm.send;
    let yes = move |_| {
        for e in &flagged {
            e.confirmed.set(true);
        }
        run.run(send);
    };
    let fix = move |_| {
        form.confirm.set(None);
        // Back to the first doubtful value, ready to be corrected.
        if let Some(input) = first
            .as_deref()
            .and_then(|id| document().get_element_by_id(id))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = input.focus();
        }
    };
    view! {
        <div id="readings-confirm" class="confirm confirm-warning" role="group" aria-labelledby="confirm-question">
            <p id="confirm-question" class="confirm-question">
                "Расход намного больше обычного. Всё верно?"
            </p>
            <ul class="plain-list confirm-list">
                {items
                    .into_iter()
                    .map(|(k, message)| {
                        let name = entries
                            .get(k)
                            .and_then(|e| {
                                names.with_value(|n| {
                                    n.iter().find(|(id, _)| *id == e.meter_id).map(|(_, s)| s.clone())
                                })
                            })
                            .unwrap_or_default();
                        view! {
                            <li data-test="jump">
                                <strong>{name}</strong>
                                ": "
                                {message}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <div class="button-row">
                <button
                    type="button"
                    class="button"
                    data-test="confirm-yes"
                    node_ref=yes_button
                    disabled=move || pending.get()
                    on:click=yes
                >
                    "Да, показания верны"
                </button>
                <button type="button" class="button button-quiet" data-test="confirm-fix" on:click=fix>
                    "Исправить"
                </button>
            </div>
        </div>
    }
}

/// What the checked readings would do: each meter's consumption and estimated charge,
/// the total, and the button that sends them.
#[component]
fn Preview(result: ReadingsResult, run: Callback<bool>, pending: RwSignal<bool>) -> impl IntoView {
    let total = result.charge;
    view! {
        <section id="readings-preview" class="preview" aria-labelledby="preview-title" data-period=result.period.to_string()>
            <h3 id="preview-title">"Проверка: расход и примерное начисление"</h3>
            <div class="table-wrap">
                <table class="table table-stack">
                    <thead>
                        <tr>
                            <th scope="col">"Услуга"</th>
                            <th scope="col" class="num">"Расход"</th>
                            <th scope="col" class="num">"Начисление"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {result
                            .meters
                            .into_iter()
                            .map(|m| {
                                view! {
                                    <tr data-test="preview-meter" data-meter-id=m.meter_id>
                                        <th scope="row">{m.service_name}</th>
                                        <td data-label="Расход" class="num" data-consumption=m.consumption>
                                            {format::volume(m.consumption)} " " {m.unit}
                                        </td>
                                        <td data-label="Начисление" class="num" data-kopecks=m.charge>
                                            {estimate(m.charge)}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="totals">
                <div class="totals-sum">
                    <dt>"Итого по счётчикам"</dt>
                    <dd data-test="preview-total" data-kopecks=total>{estimate(total)}</dd>
                </div>
            </dl>
            <p class="muted small">
                "Сумма примерная: по тарифу на первое число периода. Точная — в квитанции после закрытия периода."
            </p>
            <div class="button-row">
                <button
                    type="button"
                    id="send-readings"
                    class="button"
                    disabled=move || pending.get()
                    aria-busy=move || pending.get().then_some("true")
                    on:click=move |_| run.run(true)
                >
                    {move || if pending.get() { "Отправляем…" } else { "Отправить показания" }}
                </button>
            </div>
        </section>
    }
}

/// «≈ 234,56 ₽», or why there is no sum.
pub(super) fn estimate(kopecks: Option<i64>) -> String {
    match kopecks {
        Some(k) => format!("≈ {}", format::money(k)),
        None => "тариф ещё не установлен".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::reading_index;

    #[test]
    fn the_apis_reading_fields() {
        assert_eq!(reading_index("readings[3].value"), Some((3, "value")));
        assert_eq!(
            reading_index("readings[12].rolled_over"),
            Some((12, "rolled_over"))
        );
        assert_eq!(reading_index("readings"), None);
        assert_eq!(reading_index("readings[x].value"), None);
    }
}
