//! «Показания счётчиков» (4 on the manual's рис. 6) and «Платежи» (5) while their API is
//! being built: each says so, and shows what the account card already knows — the
//! metered services and whom to give readings to, the money of the last closed period.

use super::home::{Contacts, MoneyCard};
use super::use_account;
use leptos::prelude::*;
use leptos_router::components::A;

/// Services billed by a flat's meter (or, without readings, by its average or the norm).
const METERED: [&str; 3] = ["meter", "average", "norm"];

#[component]
pub fn AccountReadings() -> impl IntoView {
    let account = use_account();
    let charges = format!("/accounts/{}/charges", account.id);
    move || {
        account.card.get().and_then(Result::ok).map(|card| {
            let metered: Vec<String> = card
                .services
                .iter()
                .filter(|s| METERED.contains(&s.method.as_str()))
                .map(|s| format!("{} ({})", s.name, s.unit))
                .collect();
            view! {
                <section class="section" aria-labelledby="readings-title">
                    <h2 id="readings-title">"Показания счётчиков"</h2>
                    <p class="notice notice-info" data-test="section-soon">
                        "Раздел готовится: скоро здесь будут приборы учёта квартиры, история показаний и передача текущих показаний. Пока передавайте показания в управляющую организацию."
                    </p>
                    <div class="card-grid">
                        <section class="card" aria-labelledby="metered-title">
                            <h3 id="metered-title">"Услуги по счётчикам"</h3>
                            {if metered.is_empty() {
                                view! {
                                    <p class="muted">
                                        "В последнем закрытом периоде услуг по счётчикам не начислялось."
                                    </p>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <ul class="plain-list">
                                        {metered.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                            <p class="muted">
                                "Показания, по которым сделано начисление, видны в разделе "
                                <A href=charges.clone()>"«Начисления»"</A>
                                " — «Как рассчитано» у каждой услуги."
                            </p>
                        </section>
                        <Contacts org=card.organization />
                    </div>
                </section>
            }
        })
    }
}

#[component]
pub fn AccountPayments() -> impl IntoView {
    let account = use_account();
    let charges = format!("/accounts/{}/charges", account.id);
    move || {
        account.card.get().and_then(Result::ok).map(|card| {
            view! {
                <section class="section" aria-labelledby="payments-title">
                    <h2 id="payments-title">"Платежи"</h2>
                    <p class="notice notice-info" data-test="section-soon">
                        "Раздел готовится: скоро здесь будут движение денежных средств за выбранный период (долг или переплата на начало и конец, начисления, перерасчёты, поступления) и оплата онлайн."
                    </p>
                    <div class="card-grid">
                        <MoneyCard money=card.money notice=card.notice />
                        <section class="card" aria-labelledby="meanwhile-title">
                            <h3 id="meanwhile-title">"Что уже можно посмотреть"</h3>
                            <p>
                                "Начисления, перерасчёты и пени по месяцам — в разделе "
                                <A href=charges.clone()>"«Начисления»"</A> "."
                            </p>
                        </section>
                    </div>
                </section>
            }
        })
    }
}
