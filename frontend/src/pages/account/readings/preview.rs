//! What the checked readings would do, before they are sent.

use super::form::ReadingsForm;
use crate::format;
use domkom_dto::ReadingsResult;
use domkom_values::Money;
use leptos::prelude::*;

/// What the checked readings would do: each meter's consumption and estimated charge,
/// the total, and the button that sends them.
#[component]
pub(super) fn Preview(result: ReadingsResult, form: ReadingsForm) -> impl IntoView {
    let (total, pending) = (result.charge, form.pending);
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
                                    <tr data-test="preview-meter" data-meter-id=m.meter_id.get()>
                                        <th scope="row">{m.service_name}</th>
                                        <td data-label="Расход" class="num" data-consumption=m.consumption.thousandths()>
                                            {format::volume(m.consumption)} " " {m.unit}
                                        </td>
                                        <td data-label="Начисление" class="num" data-kopecks=m.charge.map(Money::kopecks)>
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
                    <dd data-test="preview-total" data-kopecks=total.map(Money::kopecks)>{estimate(total)}</dd>
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
                    on:click=move |_| form.run(true)
                >
                    {move || if pending.get() { "Отправляем…" } else { "Отправить показания" }}
                </button>
            </div>
        </section>
    }
}

/// «≈ 234,56 ₽», or why there is no sum.
pub(super) fn estimate(charge: Option<Money>) -> String {
    match charge {
        Some(m) => format!("≈ {}", format::money(m)),
        None => "тариф ещё не установлен".to_owned(),
    }
}
