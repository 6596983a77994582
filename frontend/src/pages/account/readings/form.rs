//! The one form for the readings of every meter: its state, shared with the meters'
//! cards, the check («Проверить») and the sending of what was typed.

use super::confirm::ConfirmJump;
use super::meter::MeterCard;
use super::preview::Preview;
use super::request::{collect, jumps, place, Collected, MeterZone, Typed};
use crate::components::field::FieldErrors;
use crate::components::form::{describe, FormAlert, FormStatus};
use crate::components::load::Loaded;
use crate::format;
use crate::session::{use_session, Session};
use domkom_client::dto::ErrorCode;
use domkom_client::{Error, Result};
use domkom_dto::{AccountMeter, AccountMeters, ReadingWindow, ReadingsResult};
use domkom_values::{AccountId, MeterId};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One input of the form: a zone of a meter that takes readings.
#[derive(Clone, Copy)]
pub(super) struct Entry {
    pub at: MeterZone,
    pub value: RwSignal<String>,
    pub rolled: RwSignal<bool>,
    /// The resident said that an unusually large consumption is right (`confirm`).
    pub confirmed: RwSignal<bool>,
}

impl Entry {
    /// What the inputs hold now.
    fn typed(&self) -> Typed {
        Typed {
            at: self.at,
            value: self.value.get_untracked(),
            rolled_over: self.rolled.get_untracked(),
            confirm: self.confirmed.get_untracked(),
        }
    }
}

/// Readings whose consumption is far above the usual, waiting for the resident's word.
#[derive(Clone)]
pub(super) struct Confirm {
    /// Whether the readings were being sent (or only checked).
    pub send: bool,
    /// The entry (index into the form's entries) and the API's message about it.
    pub items: Vec<(usize, String)>,
}

/// The form's state, shared with the meters' cards.
#[derive(Clone, Copy)]
pub(super) struct ReadingsForm {
    account: AccountId,
    session: Session,
    /// The meters, loaded again once the readings are sent.
    meters: Loaded<AccountMeters>,
    pub entries: StoredValue<Vec<Entry>>,
    pub errors: FieldErrors,
    pub preview: RwSignal<Option<ReadingsResult>>,
    pub confirm: RwSignal<Option<Confirm>>,
    status: RwSignal<Option<String>>,
    alert: RwSignal<Option<String>>,
    pub pending: RwSignal<bool>,
}

impl ReadingsForm {
    /// A value changed: what was checked or confirmed no longer applies to it.
    pub fn edited(&self, entry: Entry) {
        entry.confirmed.set(false);
        self.preview.set(None);
        self.confirm.set(None);
        self.status.set(None);
    }

    /// Checks (`send` false) or sends the typed readings; the API answers for all at once.
    pub fn run(self, send: bool) {
        if self.pending.get_untracked() {
            return;
        }
        let typed: Vec<Typed> = self
            .entries
            .with_value(|entries| entries.iter().map(Entry::typed).collect());
        let collected = collect(&typed, send);
        self.confirm.set(None);
        let Collected { request, sent } = match collected {
            Ok(collected) => collected,
            Err(refusal) => {
                self.errors.set(refusal.fields);
                self.alert.set(Some(refusal.message.to_owned()));
                return;
            }
        };
        self.errors.set(Vec::new());
        self.alert.set(None);
        self.pending.set(true);
        spawn_local(async move {
            let answer = self
                .session
                .authorized(async |c| c.submit_readings(self.account, &request).await)
                .await;
            self.pending.set(false);
            self.answered(send, answer, &sent);
        });
    }

    /// Shows what the API said about the readings sent; `sent` are the entries they
    /// came from.
    fn answered(self, send: bool, answer: Result<ReadingsResult>, sent: &[usize]) {
        match answer {
            Ok(result) if send => {
                self.status.set(Some(format!(
                    "Показания переданы: {}. Они будут учтены в расчётном периоде «{}».",
                    result.readings.len(),
                    format::period_in_text(result.period),
                )));
                self.preview.set(None);
                self.meters.refetch();
            }
            Ok(result) => self.preview.set(Some(result)),
            Err(e) => self.refused(send, &e, sent),
        }
    }

    /// The API's refusal: the readings it doubts, waiting for the resident's word, or its
    /// errors at the inputs they are about.
    fn refused(self, send: bool, e: &Error, sent: &[usize]) {
        let errors = e.problem().map(|p| p.errors.as_slice()).unwrap_or_default();
        if e.code() == Some(ErrorCode::ConfirmRequired) {
            let items = jumps(errors, sent);
            if items.is_empty() {
                self.alert.set(Some(describe(e)));
            } else {
                self.confirm.set(Some(Confirm { send, items }));
            }
        } else if errors.is_empty() {
            self.alert.set(Some(describe(e)));
        } else {
            let zones: Vec<MeterZone> = self
                .entries
                .with_value(|entries| entries.iter().map(|e| e.at).collect());
            let (placed, message) = place(errors, &zones, sent);
            self.errors.set(placed);
            self.alert.set(Some(message));
        }
    }
}

/// The inputs of the meters that take readings: one per zone.
fn entries(meters: &[AccountMeter]) -> Vec<Entry> {
    meters
        .iter()
        .filter(|m| m.accepts_readings)
        .flat_map(|m| {
            m.readings.iter().map(|z| Entry {
                at: MeterZone {
                    meter_id: m.id,
                    zone: z.zone,
                },
                value: RwSignal::new(String::new()),
                rolled: RwSignal::new(false),
                confirmed: RwSignal::new(false),
            })
        })
        .collect()
}

/// The meters' cards with their inputs, and below them what the form says and does.
#[component]
pub(super) fn MetersForm(
    account: AccountId,
    window: ReadingWindow,
    list: Vec<AccountMeter>,
    meters: Loaded<AccountMeters>,
    status: RwSignal<Option<String>>,
    open: RwSignal<Vec<MeterId>>,
) -> impl IntoView {
    let entries = entries(&list);
    let any_input = !entries.is_empty();
    let form = ReadingsForm {
        account,
        session: use_session(),
        meters,
        entries: StoredValue::new(entries),
        errors: FieldErrors::default(),
        preview: RwSignal::new(None),
        confirm: RwSignal::new(None),
        status,
        alert: RwSignal::new(None),
        pending: RwSignal::new(false),
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
    let check = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.run(false);
    };
    let period = window.period;
    view! {
        <form id="readings-form" class="readings-form" novalidate on:submit=check>
            <div class="meter-list">
                {list
                    .into_iter()
                    .map(|meter| view! { <MeterCard account meter period form open /> })
                    .collect_view()}
            </div>
            <div class="card readings-actions">
                <CountsFor window />
                <FormAlert message=form.alert />
                {move || form.confirm.get().map(|c| view! { <ConfirmJump confirm=c form names /> })}
                {move || form.preview.get().map(|r| view! { <Preview result=r form /> })}
                <FormStatus message=form.status />
                {if any_input {
                    view! { <CheckButton form /> }.into_any()
                } else {
                    view! {
                        <p class="muted">"Сейчас ни один счётчик не принимает показания."</p>
                    }
                        .into_any()
                }}
            </div>
        </form>
    }
}

/// The period the readings sent now count for, beside the form's button.
#[component]
fn CountsFor(window: ReadingWindow) -> impl IntoView {
    view! {
        <p class="readings-period" data-test="counts-for" data-period=window.period.to_string()>
            {if window.next_period {
                "В этом месяце приём показаний закончился: переданные сейчас показания будут учтены в следующем расчётном периоде — «"
            } else {
                "Переданные сейчас показания будут учтены в расчётном периоде «"
            }}
            {format::period_in_text(window.period)}
            "»."
        </p>
    }
}

/// «Проверить»: the main action until checked; then «Отправить показания» is.
#[component]
fn CheckButton(form: ReadingsForm) -> impl IntoView {
    let pending = form.pending;
    view! {
        <div class="button-row">
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
}
