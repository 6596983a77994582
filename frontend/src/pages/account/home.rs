//! «Главная» of the account card: the account's registration data and the company (1 on
//! the manual's рис. 6), the money as of the last closed period with its receipt, and the
//! services with their suppliers and tariffs (2).

use super::use_account;
use crate::components::layout::tel_href;
use crate::components::load::show;
use crate::components::pay::PayButton;
use crate::components::receipt::ReceiptButton;
use crate::format;
use crate::labels;
use crate::navigation::use_navigation;
use domkom_dto::{AccountCard, AccountService, BalanceStatus, MoneyState, OrganizationContacts};
use domkom_values::AccountId;
use leptos::prelude::*;

/// What the manual says when no period is closed yet.
pub const NOT_CLOSED: &str = "Если период не закрыт бухгалтером управляющей организации \
    (например, месяц ещё не окончился), начисления не отображаются.";

#[component]
pub fn AccountHome() -> impl IntoView {
    let account = use_account();
    let added = use_navigation().query_untracked("added").is_some();
    // The card is read once, by the account's frame, beside this page.
    show(
        account.card,
        "Загружаем лицевой счёт…",
        move |card| {
            view! {
                {added
                    .then(|| {
                        view! {
                            <p class="notice notice-success" role="status" data-test="added">
                                "Лицевой счёт добавлен в личный кабинет."
                            </p>
                        }
                    })}
                <div class="home-grid">
                    <AccountFacts card=card.clone() />
                    <MoneyCard account=card.id money=card.money.clone() notice=card.notice.clone() />
                    <Contacts org=card.organization.clone() />
                </div>
                <Services services=card.services />
            }
        },
    )
}

/// Основные сведения: what the charges are computed from.
#[component]
fn AccountFacts(card: AccountCard) -> impl IntoView {
    view! {
        <section id="account-facts" class="card" aria-labelledby="facts-title">
            <h2 id="facts-title">"Сведения о лицевом счёте"</h2>
            <dl class="facts">
                <div>
                    <dt>"Номер"</dt>
                    <dd data-test="number">{card.number}</dd>
                </div>
                <div>
                    <dt>"Вид"</dt>
                    <dd>{labels::account_kind(card.kind)}</dd>
                </div>
                <div>
                    <dt>"Абонент"</dt>
                    <dd data-test="holder">{card.holder}</dd>
                </div>
                <div>
                    <dt>"Адрес"</dt>
                    <dd data-test="address">{card.address}</dd>
                </div>
                <div>
                    <dt>"Площадь"</dt>
                    <dd data-test="area">{format::area(card.area)}</dd>
                </div>
                <div>
                    <dt>"Зарегистрировано"</dt>
                    <dd data-test="persons">{card.persons} " чел."</dd>
                </div>
            </dl>
        </section>
    }
}

/// The company that keeps the account, and how to reach it.
#[component]
pub fn Contacts(org: OrganizationContacts) -> impl IntoView {
    let present = |s: &str| !s.trim().is_empty();
    view! {
        <section id="organization" class="card" aria-labelledby="organization-title">
            <h2 id="organization-title">"Управляющая организация"</h2>
            <p class="org-name" data-test="organization-name">
                <strong>{org.name}</strong>
            </p>
            <dl class="facts">
                {present(&org.address)
                    .then(|| view! { <div><dt>"Адрес"</dt><dd>{org.address.clone()}</dd></div> })}
                {present(&org.phone)
                    .then(|| {
                        view! {
                            <div>
                                <dt>"Телефон"</dt>
                                <dd><a href=tel_href(&org.phone)>{org.phone.clone()}</a></dd>
                            </div>
                        }
                    })}
                {present(&org.email)
                    .then(|| {
                        view! {
                            <div>
                                <dt>"E-mail"</dt>
                                <dd><a href=format!("mailto:{}", org.email)>{org.email.clone()}</a></dd>
                            </div>
                        }
                    })}
                {present(&org.hours)
                    .then(|| view! { <div><dt>"Часы работы"</dt><dd>{org.hours.clone()}</dd></div> })}
                {present(&org.site)
                    .then(|| {
                        view! {
                            <div>
                                <dt>"Сайт"</dt>
                                <dd>
                                    <a href=org.site.clone() target="_blank" rel="noopener noreferrer">
                                        {org.site.clone()}
                                    </a>
                                </dd>
                            </div>
                        }
                    })}
            </dl>
        </section>
    }
}

/// Задолженность, переплата or nothing owed as of the last closed period, the due date
/// and what has been paid since.
#[component]
pub fn MoneyCard(
    account: AccountId,
    money: Option<MoneyState>,
    notice: Option<String>,
) -> impl IntoView {
    let body = match money {
        None => view! {
            <p class="notice notice-info" data-test="no-period">
                {notice.unwrap_or_else(|| NOT_CLOSED.to_owned())}
            </p>
            <p class="muted">{NOT_CLOSED}</p>
        }
        .into_any(),
        Some(m) => {
            // A bill not yet due is no debt: only an overdue one is shown in red.
            let (state, class) = match m.status {
                BalanceStatus::Overdue => ("overdue", "money-debt"),
                BalanceStatus::Due => ("due", "money-due"),
                BalanceStatus::Paid => ("paid", "money-settled"),
                BalanceStatus::Advance => ("advance", "money-advance"),
                BalanceStatus::Settled => ("settled", "money-settled"),
            };
            let left = m.balance - m.paid_since;
            view! {
                <p class=format!("money-state {class}") data-test="balance" data-state=state data-kopecks=m.balance.kopecks()>
                    <span class="money-label" data-test="balance-status">{m.status_text.clone()}</span>
                    {(!m.balance.is_zero())
                        .then(|| view! { <span class="money-amount">{format::money(m.balance.abs())}</span> })}
                </p>
                <dl class="facts">
                    <div>
                        <dt>"Период"</dt>
                        <dd data-test="money-period">
                            {format::period(m.period)} " (последний закрытый)"
                        </dd>
                    </div>
                    {m.balance.is_positive()
                        .then(|| {
                            view! {
                                <div>
                                    <dt>"Оплатить до"</dt>
                                    <dd data-test="due-date">{format::date(m.due_date)}</dd>
                                </div>
                            }
                        })}
                    <div>
                        <dt>{format!("Поступило после {}", format::period_genitive(m.period))}</dt>
                        <dd data-test="paid-since" data-kopecks=m.paid_since.kopecks()>
                            {format::money(m.paid_since)}
                        </dd>
                    </div>
                    {(m.paid_since.is_positive() && m.balance.is_positive())
                        .then(|| {
                            let (what, amount) = match left {
                                l if l.is_positive() => ("Осталось оплатить", format::money(l)),
                                l if l.is_zero() => {
                                    ("Осталось оплатить", "ничего, долг оплачен".to_owned())
                                }
                                l => ("Оплачено сверх долга", format::money(-l)),
                            };
                            view! {
                                <div>
                                    <dt>{what}</dt>
                                    <dd data-test="left">{amount}</dd>
                                </div>
                            }
                        })}
                </dl>
                <div class="money-actions">
                    <PayButton account suggested=left />
                    <ReceiptButton account period=m.period />
                </div>
            }
            .into_any()
        }
    };
    view! {
        <section id="money" class="card" aria-labelledby="money-title">
            <h2 id="money-title">"Состояние счёта"</h2>
            {body}
        </section>
    }
}

/// The services billed in the last closed period: supplier, unit, tariff and method.
#[component]
fn Services(services: Vec<AccountService>) -> impl IntoView {
    let body = if services.is_empty() {
        view! { <p class="muted" data-test="no-services">{NOT_CLOSED}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table id="services-table" class="table table-stack">
                    <thead>
                        <tr>
                            <th scope="col">"Услуга"</th>
                            <th scope="col">"Поставщик"</th>
                            <th scope="col">"Ед. изм."</th>
                            <th scope="col" class="num">"Тариф"</th>
                            <th scope="col">"Способ расчёта"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {services
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <tr data-test="service">
                                        <th scope="row" data-label="Услуга">{s.name}</th>
                                        <td data-label="Поставщик">{s.supplier_name}</td>
                                        <td data-label="Ед. изм.">{s.unit}</td>
                                        <td data-label="Тариф" class="num">{format::tariff(s.tariff)}</td>
                                        <td data-label="Способ расчёта">{labels::method(&s.method).to_owned()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section id="services" class="card section" aria-labelledby="services-title">
            <h2 id="services-title">"Услуги и тарифы"</h2>
            {body}
        </section>
    }
}
