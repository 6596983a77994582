//! Penalties (пени) accrue in the close on overdue debt, per the organization's settings.

use crate::fixtures::{close_period, date};
use crate::helpers::{organization, TestApp};
use crate::on_both_backends;
use domkom_client::dto::*;
use domkom_client::Client;
use domkom_values::{AccountId, Area, Money, Quantity};

/// A house with one flat billed a fixed 1 000.00 ₽ a month; returns the account id.
async fn flat_billed_1000(op: &Client) -> AccountId {
    flat_account(op).await.id
}

async fn flat_account(op: &Client) -> Account {
    let house = HouseData {
        address: "ул. Должников, 1".into(),
        total_area: Area::from_hundredths(5_000),
        common_area: Area::ZERO,
        share_cap_at_norm: false,
    };
    let house = op.create_house(&house).await.unwrap().id;
    let premise = op
        .create_premise(&PremiseData {
            house_id: house,
            number: "1".into(),
            residential: true,
            area: Area::from_hundredths(5_000),
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
        norm_per_person: Quantity::ZERO,
        norm_per_m2: None,
        sort_order: 0,
    };
    let fee = op.create_service(&fee).await.unwrap().id;
    op.create_tariff(&TariffData {
        service_id: fee,
        valid_from: date("2026-01-01"),
        zone: 0,
        price: domkom_values::Tariff::from_hundredths_of_kopeck(10_000_000),
    })
    .await
    .unwrap();
    let account = AccountData {
        premise_id: premise,
        number: "777".into(),
        kind: AccountKind::Zhku,
        holder: "Должников Д. Д.".into(),
        persons: 1,
        opening_balance: Money::ZERO,
        service_ids: vec![fee],
    };
    op.create_account(&account).await.unwrap()
}

/// The period's penalties in kopecks.
async fn penalties_of(op: &Client, account: AccountId, period: &str) -> i64 {
    let filter = AccountPeriodFilter {
        account_id: Some(account),
        period: Some(period.into()),
    };
    op.balances(&filter, PageQuery::default())
        .await
        .unwrap()
        .items[0]
        .penalties
        .kopecks()
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
        amount: Money::from_kopecks(300_507),
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

/// 1 000.00 ₽ paid on `on`, as a bank registry brings it.
async fn pay_1000(op: &Client, account: AccountId, on: &str) {
    let payment = PaymentData {
        account_id: account,
        amount: Money::from_kopecks(100_000),
        paid_on: date(on),
        source: "bank".into(),
        external_id: None,
        for_period: None,
    };
    op.create_payment(&payment).await.unwrap();
}

/// The account's resident, linked by the code on the receipt.
async fn resident_of(app: &TestApp, org: &Organization, account: &Account) -> Client {
    let (resident, _) = app.signed_in("resident").await;
    let form = LinkAccount {
        organization_id: org.id,
        account_number: account.data.number.clone(),
        link_code: Some(account.link_code.clone()),
        last_receipt_total: None,
        kind: None,
    };
    resident.link_account(&form).await.unwrap();
    resident
}

/// The month's line of the statement and of the charges list, checked against each other.
async fn month(resident: &Client, account: AccountId, period: &str) -> StatementPeriod {
    let all = PeriodRange {
        from: Some("2026-01".into()),
        to: None,
    };
    let statement = resident.account_statement(account, &all).await.unwrap();
    let month = statement
        .periods
        .iter()
        .find(|p| p.period.to_string() == period)
        .unwrap()
        .clone();
    let m = &month.money;
    assert_eq!(
        m.opening + m.charged + m.recalculated + m.penalties - m.paid,
        m.closing
    );
    let charges = resident.account_charges(account, &all).await.unwrap();
    let summary = charges
        .iter()
        .find(|p| p.period.to_string() == period)
        .unwrap();
    assert_eq!(
        (summary.penalties, &summary.penalty_corrections),
        (m.penalties, &month.penalty_corrections)
    );
    assert_eq!(
        summary.total,
        summary.charged + summary.recalculated + summary.penalties
    );
    let lines = resident.period_charges(account, period).await.unwrap();
    assert_eq!(lines.penalty_corrections, month.penalty_corrections);
    month
}

/// A correction of `amount` kopecks.
fn correction(corrects: &str, amount: i64, reason: &str) -> PenaltyCorrectionLine {
    PenaltyCorrectionLine {
        corrects_period: corrects.parse().unwrap(),
        amount: Money::from_kopecks(amount),
        reason: reason.into(),
    }
}

/// May's 1 000.00 ₽ is due on 15 June and paid on 20 July, but the bank's registry comes
/// after July closed: July charged 5.07 of penalty (16 days from the 31st day) where 1.27
/// was due (4 days). August books the difference, once.
async fn a_payment_entered_after_the_close_corrects_the_penalty_charged(app: TestApp) {
    let admin = app.admin().await;
    let (op, org) = app.operator(&admin, 1).await;
    let account = flat_account(&op).await;
    let id = account.id;
    let resident = resident_of(&app, &org, &account).await;
    for period in ["2026-05", "2026-06", "2026-07"] {
        close_period(&op, period).await;
    }
    assert_eq!(penalties_of(&op, id, "2026-07").await, 507);
    pay_1000(&op, id, "2026-07-20").await;
    close_period(&op, "2026-08").await;

    let july = month(&resident, id, "2026-07").await;
    assert_eq!(
        july.money.penalties.kopecks(),
        507,
        "a closed period never changes"
    );
    assert!(july.penalty_corrections.is_empty());
    let august = month(&resident, id, "2026-08").await;
    assert_eq!(
        august.penalty_corrections,
        [correction(
            "2026-07",
            -380,
            "Перерасчёт пеней за июль 2026: оплата 20.07.2026 поступила после закрытия периода"
        )]
    );
    // August's own: June's debt, due 15 July, from its 31st day (15 August): 17 days.
    assert_eq!(august.money.penalties.kopecks(), 538 - 380);
    assert_eq!(august.money.paid.kopecks(), 100_000);
    assert_eq!(august.money.opening, july.money.closing);

    // Another payment, of 10 July, comes after August closed: it paid May before its
    // 31st day and the one of 20 July paid June, so July and August owed no penalty.
    // September corrects what is left of each, not what they first charged.
    pay_1000(&op, id, "2026-07-10").await;
    close_period(&op, "2026-09").await;
    let september = month(&resident, id, "2026-09").await;
    let late = "оплата 10.07.2026 поступила после закрытия периода";
    assert_eq!(
        september.penalty_corrections,
        [
            correction(
                "2026-07",
                -127,
                &format!("Перерасчёт пеней за июль 2026: {late}")
            ),
            correction(
                "2026-08",
                -538,
                &format!("Перерасчёт пеней за август 2026: {late}")
            ),
        ]
    );
    // September's own: July's debt from its 31st day (15 September), 16 days.
    assert_eq!(september.money.penalties.kopecks(), 507 - 127 - 538);
    let charged_in_all: Money = [july, august, september]
        .iter()
        .map(|m| m.money.penalties)
        .sum();
    assert_eq!(
        charged_in_all.kopecks(),
        507,
        "as if every payment had been known in time"
    );
}

/// A late payment that does not change an earlier penalty books no correction.
async fn a_late_payment_that_changes_no_penalty_books_no_correction(app: TestApp) {
    let admin = app.admin().await;
    let (op, org) = app.operator(&admin, 1).await;
    let account = flat_account(&op).await;
    let resident = resident_of(&app, &org, &account).await;
    // June's debt is due on 15 July: July's days are within the free 30.
    for period in ["2026-06", "2026-07"] {
        close_period(&op, period).await;
    }
    pay_1000(&op, account.id, "2026-07-20").await;
    close_period(&op, "2026-08").await;
    let august = month(&resident, account.id, "2026-08").await;
    assert!(august.penalty_corrections.is_empty());
    assert_eq!(august.money.paid.kopecks(), 100_000);
    assert_eq!(
        august.money.penalties.kopecks(),
        0,
        "July's debt is not overdue 30 days"
    );
}

on_both_backends!(
    overdue_debt_accrues_penalties_after_thirty_days,
    an_organization_may_charge_no_penalties,
    a_payment_entered_after_the_close_corrects_the_penalty_charged,
    a_late_payment_that_changes_no_penalty_books_no_correction,
);
