//! Penalties (пени) accrue in the close on overdue debt, per the organization's settings.

use crate::fixtures::{close_period, date};
use crate::helpers::{organization, TestApp};
use crate::on_both_backends;
use domkom_client::dto::*;
use domkom_client::Client;

/// A house with one flat billed a fixed 1 000.00 ₽ a month; returns the account id.
async fn flat_billed_1000(op: &Client) -> i64 {
    let house = HouseData {
        address: "ул. Должников, 1".into(),
        total_area: 5_000,
        common_area: 0,
        share_cap_at_norm: false,
    };
    let house = op.create_house(&house).await.unwrap().id;
    let premise = op
        .create_premise(&PremiseData {
            house_id: house,
            number: "1".into(),
            residential: true,
            area: 5_000,
        })
        .await
        .unwrap()
        .id;
    let fee = ServiceData {
        name: "Содержание".into(),
        unit: "мес.".into(),
        supplier_name: "УК".into(),
        supplier_inn: "7700000001".into(),
        method: ServiceMethodKind::Fixed,
        resource: None,
        source_service_ids: vec![],
        norm_per_person: 0,
        norm_per_m2: None,
        sort_order: 0,
    };
    let fee = op.create_service(&fee).await.unwrap().id;
    op.create_tariff(&TariffData {
        service_id: fee,
        valid_from: date("2026-01-01"),
        zone: 0,
        price: 10_000_000,
    })
    .await
    .unwrap();
    let account = AccountData {
        premise_id: premise,
        number: "777".into(),
        kind: AccountKind::Zhku,
        holder: "Должников Д. Д.".into(),
        persons: 1,
        opening_balance: 0,
        service_ids: vec![fee],
    };
    op.create_account(&account).await.unwrap().id
}

async fn penalties_of(op: &Client, account: i64, period: &str) -> i64 {
    let filter = AccountPeriodFilter {
        account_id: Some(account),
        period: Some(period.into()),
    };
    op.balances(&filter, PageQuery::default())
        .await
        .unwrap()
        .items[0]
        .penalties
}

async fn overdue_debt_accrues_penalties_after_thirty_days(app: TestApp) {
    let admin = app.admin().await;
    let (op, _) = app.operator(&admin, 1).await;
    let account = flat_billed_1000(&op).await;
    for period in ["2026-07", "2026-08", "2026-09"] {
        close_period(&op, period).await;
    }
    assert_eq!(
        penalties_of(&op, account, "2026-08").await,
        0,
        "July's debt is due 2026-08-15; 30 days free"
    );
    // September: July's 1 000.00 is overdue days 17–46, of them 31–46 at 1/300 of 9.5 %.
    assert_eq!(penalties_of(&op, account, "2026-09").await, 507);

    // Paying everything on 1 October stops the penalties from that day.
    let payment = PaymentData {
        account_id: account,
        amount: 300_507,
        paid_on: date("2026-10-01"),
        source: "bank".into(),
        external_id: None,
        for_period: None,
    };
    op.create_payment(&payment).await.unwrap();
    close_period(&op, "2026-10").await;
    assert_eq!(penalties_of(&op, account, "2026-10").await, 0);
}

async fn an_organization_may_charge_no_penalties(app: TestApp) {
    let admin = app.admin().await;
    let (op, org) = app.operator(&admin, 1).await;
    let mut settings = organization(1);
    settings.settings.penalties_enabled = false;
    admin.update_organization(org.id, &settings).await.unwrap();
    let account = flat_billed_1000(&op).await;
    for period in ["2026-07", "2026-08", "2026-09"] {
        close_period(&op, period).await;
    }
    assert_eq!(penalties_of(&op, account, "2026-09").await, 0);
}

on_both_backends!(
    overdue_debt_accrues_penalties_after_thirty_days,
    an_organization_may_charge_no_penalties
);
