//! The account card («Главная») of a linked account, and nobody else's.

use crate::fixtures::{close_period, date, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::{
    AccountData, AccountPayment, AccountPeriodFilter, BalanceStatus, LinkAccount, PageQuery,
    PaymentData, ServiceData,
};
use domkom_values::{AccountId, Area, Money};

async fn the_card_shows_the_account_the_company_the_money_and_the_services(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let resident = co.resident(&app, "resident").await;

    let before = resident.account_card(co.account.id).await.unwrap();
    assert_eq!(
        (before.holder.as_str(), before.area, before.persons),
        ("Иванов Иван Иванович", Area::from_hundredths(5_000), 2)
    );
    assert_eq!(before.organization.name, co.org.data.name);
    assert_eq!(before.organization.phone, co.org.data.phone);
    assert!(before.money.is_none() && before.services.is_empty());
    assert!(
        before.notice.unwrap().contains("закроет"),
        "says why nothing is shown"
    );
    assert_eq!(
        before.pending_payments,
        vec![AccountPayment::from(co.payment.clone())],
        "before the first close no balance counts any payment"
    );

    close_period(&co.operator, "2026-10").await;
    let october = AccountPeriodFilter {
        account_id: Some(co.account.id),
        period: Some("2026-10".into()),
    };
    let balance = co
        .operator
        .balances(&october, PageQuery::default())
        .await
        .unwrap()
        .items[0]
        .clone();
    let card = resident.account_card(co.account.id).await.unwrap();
    let money = card.money.unwrap();
    assert_eq!(
        (money.period.to_string().as_str(), money.balance),
        ("2026-10", balance.closing)
    );
    assert_eq!(money.due_date.to_string(), "2026-11-15");
    assert!(money.balance_text.ends_with('₽'));
    assert_eq!(card.services.len(), 1);
    let cold = &card.services[0];
    assert_eq!(
        (cold.name.as_str(), cold.tariff, cold.method.as_str()),
        ("Холодное водоснабжение", co.tariff.data.price, "meter")
    );
    assert!(card.notice.is_none());
    assert!(card.pending_payments.is_empty() && money.paid_since.is_zero());

    // A payment made since, and a service renamed since: the card counts the one and
    // keeps October's name for October.
    let since = PaymentData {
        paid_on: date("2026-11-03"),
        amount: Money::from_kopecks(70_000),
        ..crate::fixtures::payment(co.account.id, "П-после")
    };
    let since = co.operator.create_payment(&since).await.unwrap();
    let renamed = ServiceData {
        name: "ХВС".into(),
        ..co.service.data.clone()
    };
    co.operator
        .update_service(co.service.id, &renamed)
        .await
        .unwrap();
    let card = resident.account_card(co.account.id).await.unwrap();
    assert_eq!(card.money.unwrap().paid_since.kopecks(), 70_000);
    assert_eq!(card.pending_payments, vec![AccountPayment::from(since)]);
    assert_eq!(card.services[0].name, "Холодное водоснабжение");
}

on_both_backends!(the_card_shows_the_account_the_company_the_money_and_the_services);

/// Links another flat of the company's house, with `opening` kopecks carried over from
/// before, to `resident`.
async fn another_flat(
    co: &Company,
    resident: &domkom_client::Client,
    n: &str,
    opening: i64,
) -> AccountId {
    use crate::fixtures::{account, premise};
    let premise = co
        .operator
        .create_premise(&premise(co.house.id, n))
        .await
        .unwrap();
    let data = AccountData {
        opening_balance: Money::from_kopecks(opening),
        ..account(premise.id, &format!("100{n}"), vec![co.service.id])
    };
    let created = co.operator.create_account(&data).await.unwrap();
    let form = LinkAccount {
        organization_id: co.org.id,
        account_number: created.data.number.clone(),
        link_code: Some(created.link_code.clone()),
        last_receipt_total: None,
        kind: None,
    };
    resident.link_account(&form).await.unwrap();
    created.id
}

/// The calendar stands on 10 November: October's bill is due on the 15th.
async fn a_bill_is_shown_as_due_until_its_date_and_as_a_debt_only_when_late(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let resident = co.resident(&app, "resident").await;
    let fresh = another_flat(&co, &resident, "2", 0).await;
    let indebted = another_flat(&co, &resident, "3", 150_000).await;
    let ahead = PaymentData {
        paid_on: date("2026-10-20"),
        amount: Money::from_kopecks(1_000_000),
        ..crate::fixtures::payment(co.account.id, "П-вперёд")
    };
    co.operator.create_payment(&ahead).await.unwrap();
    close_period(&co.operator, "2026-10").await;

    let money = |card: domkom_client::dto::AccountCard| card.money.expect("October is closed");
    let due = money(resident.account_card(fresh).await.unwrap());
    assert!(due.balance.is_positive(), "{due:?}");
    assert_eq!(due.status, BalanceStatus::Due);
    assert_eq!(due.status_text, "К оплате до 15.11.2026");

    // A debt from before Domkom fell due long ago: that part is late already.
    let late = money(resident.account_card(indebted).await.unwrap());
    assert_eq!(late.status, BalanceStatus::Overdue);
    assert_eq!(late.status_text, "Задолженность");

    // Paid in full since the close: nothing to alarm anyone.
    let paid = PaymentData {
        paid_on: date("2026-11-05"),
        amount: due.balance,
        ..crate::fixtures::payment(fresh, "П-ноябрь")
    };
    co.operator.create_payment(&paid).await.unwrap();
    let paid = money(resident.account_card(fresh).await.unwrap());
    assert_eq!(
        (paid.status, paid.status_text.as_str()),
        (BalanceStatus::Paid, "Оплачено")
    );

    // The company's own account paid ahead.
    let ahead = money(resident.account_card(co.account.id).await.unwrap());
    assert!(ahead.balance.is_negative(), "{ahead:?}");
    assert_eq!(
        (ahead.status, ahead.status_text.as_str()),
        (BalanceStatus::Advance, "Переплата")
    );
    assert!(
        ahead.balance_text.starts_with('−'),
        "{}",
        ahead.balance_text
    );
}

/// After the due date the same bill is a debt.
async fn an_unpaid_bill_is_a_debt_after_its_due_date(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let resident = co.resident(&app, "resident").await;
    let fresh = another_flat(&co, &resident, "2", 0).await;
    close_period(&co.operator, "2026-10").await;
    let money = resident.account_card(fresh).await.unwrap().money.unwrap();
    assert_eq!(
        (money.status, money.status_text.as_str()),
        (BalanceStatus::Overdue, "Задолженность")
    );
}

mod due {
    use super::*;
    on_both_backends!(today = "2026-11-10"; a_bill_is_shown_as_due_until_its_date_and_as_a_debt_only_when_late);
}
mod late {
    use super::*;
    on_both_backends!(today = "2026-11-16"; an_unpaid_bill_is_a_debt_after_its_due_date);
}
