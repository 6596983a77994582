//! The account card («Главная») of a linked account, and nobody else's.

use crate::fixtures::{close_period, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::{AccountPeriodFilter, PageQuery};

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
}

on_both_backends!(the_card_shows_the_account_the_company_the_money_and_the_services);
