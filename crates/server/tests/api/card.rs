//! The account card («Главная») of a linked account, and nobody else's.

use crate::fixtures::{close_period, date, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::{
    AccountPayment, AccountPeriodFilter, PageQuery, PaymentData, ServiceData,
};

async fn the_card_shows_the_account_the_company_the_money_and_the_services(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let resident = co.resident(&app, "resident").await;

    let before = resident.account_card(co.account.id).await.unwrap();
    assert_eq!(
        (before.holder.as_str(), before.area, before.persons),
        ("Иванов Иван Иванович", 5_000, 2)
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
        (money.period.as_str(), money.balance),
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
    assert!(card.pending_payments.is_empty() && money.paid_since == 0);

    // A payment made since, and a service renamed since: the card counts the one and
    // keeps October's name for October.
    let since = PaymentData {
        paid_on: date("2026-11-03"),
        amount: 70_000,
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
    assert_eq!(card.money.unwrap().paid_since, 70_000);
    assert_eq!(card.pending_payments, vec![AccountPayment::from(since)]);
    assert_eq!(card.services[0].name, "Холодное водоснабжение");
}

on_both_backends!(the_card_shows_the_account_the_company_the_money_and_the_services);
