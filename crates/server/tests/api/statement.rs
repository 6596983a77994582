//! The resident's money: the statement of closed periods adds up, period by period and in
//! total, and the payments are listed.

use crate::fixtures::{close_period, date, reading, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::*;
use domkom_client::Client;
use domkom_values::{AccountId, Money};

async fn linked_company(app: &TestApp) -> (Company, Client) {
    let admin = app.admin().await;
    let co = Company::new(app, &admin, 1).await;
    let resident = co.resident(app, "resident").await;
    (co, resident)
}

/// Payments (date, kopecks, id) on top of the fixture's 2 000.00 ₽ of 12 October.
async fn pay(co: &Company, account_id: AccountId, payments: &[(&str, i64, &str)]) {
    for (paid_on, amount, id) in payments {
        let payment = PaymentData {
            account_id,
            amount: Money::from_kopecks(*amount),
            paid_on: date(paid_on),
            source: "bank".into(),
            external_id: Some((*id).into()),
            for_period: None,
        };
        co.operator.create_payment(&payment).await.unwrap();
    }
}

fn adds_up(m: &MoneyMovement) -> bool {
    m.opening + m.charged + m.recalculated + m.penalties - m.paid == m.closing
}

async fn the_statement_adds_up_and_lists_the_payments(app: TestApp) {
    let (co, resident) = linked_company(&app).await;
    let account = co.account.id;
    pay(
        &co,
        account,
        &[
            ("2026-08-05", 50_000, "П-2"),
            ("2026-09-20", 20_000, "П-4"),
            ("2026-09-10", 30_000, "П-3"),
        ],
    )
    .await;
    for (period, value) in [
        ("2026-07", 10_000),
        ("2026-08", 20_000),
        ("2026-09", 30_000),
    ] {
        co.operator
            .create_reading(&reading(co.meter.id, period, value))
            .await
            .unwrap();
        close_period(&co.operator, period).await;
    }
    close_period(&co.operator, "2026-10").await;

    let s = resident
        .account_statement(account, &PeriodRange::default())
        .await
        .unwrap();
    let periods: Vec<String> = s.periods.iter().map(|p| p.period.to_string()).collect();
    assert_eq!(periods, ["2026-07", "2026-08", "2026-09", "2026-10"]);
    assert_eq!(
        (
            s.from.map(|p| p.to_string()).as_deref(),
            s.to.map(|p| p.to_string()).as_deref()
        ),
        (Some("2026-07"), Some("2026-10"))
    );
    assert_eq!(s.notice, None);
    for (i, p) in s.periods.iter().enumerate() {
        assert!(adds_up(&p.money), "{p:?}");
        let paid: Money = p.payments.iter().map(|pay| pay.amount).sum();
        assert_eq!(paid, p.money.paid, "{}", p.period);
        if i > 0 {
            assert_eq!(p.money.opening, s.periods[i - 1].money.closing);
        }
        let balance = co
            .operator
            .balances(
                &AccountPeriodFilter {
                    account_id: Some(account),
                    period: Some(p.period.to_string()),
                },
                PageQuery::default(),
            )
            .await
            .unwrap()
            .items[0]
            .clone();
        let from_operator = MoneyMovement {
            opening: balance.opening,
            charged: balance.charged,
            recalculated: balance.recalculated,
            penalties: balance.penalties,
            paid: balance.paid,
            closing: balance.closing,
        };
        assert_eq!(p.money, from_operator, "{}", p.period);
    }
    assert!(s.periods.iter().all(|p| p.money.charged.is_positive()));
    let september: Vec<_> = s.periods[2]
        .payments
        .iter()
        .map(|p| (p.paid_on.to_string(), p.amount.kopecks(), p.source.as_str()))
        .collect();
    assert_eq!(
        september,
        [
            ("2026-09-10".to_owned(), 30_000, "bank"),
            ("2026-09-20".to_owned(), 20_000, "bank"),
        ]
    );
    let october = &s.periods[3];
    assert_eq!(october.money.recalculated.kopecks(), -10_000);
    assert_eq!(october.payments.len(), 1);
    assert_eq!(
        october.payments[0]
            .for_period
            .map(|p| p.to_string())
            .as_deref(),
        Some("2026-09")
    );

    let t = &s.totals;
    assert!(adds_up(t), "{t:?}");
    assert_eq!((t.opening, t.closing), (Money::ZERO, october.money.closing));
    let sum = |f: fn(&MoneyMovement) -> Money| s.periods.iter().map(|p| f(&p.money)).sum::<Money>();
    assert_eq!(
        (t.charged, t.recalculated, t.penalties, t.paid),
        (
            sum(|m| m.charged),
            sum(|m| m.recalculated),
            sum(|m| m.penalties),
            Money::from_kopecks(300_000)
        )
    );

    let range = PeriodRange {
        from: Some("2026-08".into()),
        to: Some("2026-09".into()),
    };
    let part = resident.account_statement(account, &range).await.unwrap();
    assert_eq!(part.periods.len(), 2);
    assert_eq!(part.totals.opening, s.periods[1].money.opening);
    assert_eq!(part.totals.closing, s.periods[2].money.closing);
    assert_eq!(part.totals.paid.kopecks(), 100_000);
    assert!(adds_up(&part.totals));
}

async fn statement_ranges_are_checked(app: TestApp) {
    let (co, resident) = linked_company(&app).await;
    let account = co.account.id;
    let empty = resident
        .account_statement(account, &PeriodRange::default())
        .await
        .unwrap();
    assert!(empty.periods.is_empty() && empty.from.is_none());
    assert_eq!(empty.totals, MoneyMovement::default());
    assert!(empty.notice.unwrap().contains("закроет"));

    let fields = |e: domkom_client::Error| {
        assert_eq!(
            (e.status(), e.code()),
            (Some(422), Some(ErrorCode::ValidationFailed))
        );
        e.problem()
            .unwrap()
            .errors
            .iter()
            .map(|f| (f.field.clone(), f.code.clone()))
            .collect::<Vec<_>>()
    };
    let range = |from: &str, to: &str| PeriodRange {
        from: Some(from.into()),
        to: Some(to.into()),
    };
    for (r, expected) in [
        (range("2026-10", "2026-09"), [("from", "range")]),
        (range("2026-1", "2026-09"), [("from", "format")]),
        (range("2026-01", "10-2026"), [("to", "format")]),
        (range("2000-01", "2026-09"), [("from", "range")]),
    ] {
        let e = resident.account_statement(account, &r).await.unwrap_err();
        let expected: Vec<_> = expected
            .iter()
            .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
            .collect();
        assert_eq!(fields(e), expected, "{r:?}");
    }
}

async fn payments_are_listed_newest_first(app: TestApp) {
    let (co, resident) = linked_company(&app).await;
    let account = co.account.id;
    pay(
        &co,
        account,
        &[("2026-08-05", 50_000, "П-2"), ("2026-09-10", 30_000, "П-3")],
    )
    .await;
    let premise = co
        .operator
        .create_premise(&crate::fixtures::premise(co.house.id, "2"))
        .await
        .unwrap();
    let neighbour = co
        .operator
        .create_account(&crate::fixtures::account(
            premise.id,
            "1002",
            vec![co.service.id],
        ))
        .await
        .unwrap();
    pay(&co, neighbour.id, &[("2026-09-11", 99_900, "П-5")]).await;

    let all = resident
        .account_payments(account, &DateRange::default(), PageQuery::default())
        .await
        .unwrap();
    let dates: Vec<String> = all.items.iter().map(|p| p.paid_on.to_string()).collect();
    assert_eq!(all.total, 3);
    assert_eq!(dates, ["2026-10-12", "2026-09-10", "2026-08-05"]);
    let fixture = &all.items[0];
    assert_eq!(
        (
            fixture.id,
            fixture.amount.kopecks(),
            fixture.source.as_str()
        ),
        (co.payment.id, 200_000, "cash")
    );

    let september = DateRange {
        from: Some(date("2026-09-01")),
        to: Some(date("2026-09-30")),
    };
    let only = resident
        .account_payments(account, &september, PageQuery::default())
        .await
        .unwrap();
    assert_eq!((only.total, only.items[0].amount.kopecks()), (1, 30_000));
    let page = PageQuery {
        limit: Some(1),
        offset: Some(1),
    };
    let second = resident
        .account_payments(account, &DateRange::default(), page)
        .await
        .unwrap();
    assert_eq!((second.total, second.items.len()), (3, 1));
    assert_eq!(second.items[0].paid_on, date("2026-09-10"));

    let backwards = DateRange {
        from: september.to,
        to: september.from,
    };
    let e = resident
        .account_payments(account, &backwards, PageQuery::default())
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(422));
    assert_eq!(e.problem().unwrap().errors[0].field, "from");
}

/// A bank registry comes days after the month closed: its payments are not lost, they
/// count in the next close and show there.
async fn a_payment_that_arrives_after_its_month_closed_counts_in_the_next(app: TestApp) {
    let (co, resident) = linked_company(&app).await;
    let account = co.account.id;
    close_period(&co.operator, "2026-09").await;
    let late = PaymentData {
        amount: Money::from_kopecks(50_000),
        paid_on: date("2026-09-28"),
        for_period: None,
        ..crate::fixtures::payment(account, "П-поздний")
    };
    co.operator.create_payment(&late).await.unwrap();
    let card = resident.account_card(account).await.unwrap();
    assert_eq!(
        card.money.unwrap().paid_since,
        Money::from_kopecks(50_000) + co.payment.data.amount,
        "the card shows it as received and not yet counted, with October's"
    );
    let dates: Vec<_> = card.pending_payments.iter().map(|p| p.paid_on).collect();
    assert_eq!(dates, [date("2026-09-28"), co.payment.data.paid_on]);
    close_period(&co.operator, "2026-10").await;
    let card = resident.account_card(account).await.unwrap();
    assert!(card.pending_payments.is_empty());

    let statement = resident
        .account_statement(account, &PeriodRange::default())
        .await
        .unwrap();
    let month = |p: &str| {
        statement
            .periods
            .iter()
            .find(|m| m.period.to_string() == p)
            .unwrap()
    };
    let (september, october) = (month("2026-09"), month("2026-10"));
    assert_eq!(september.money.paid, Money::ZERO);
    assert!(september.payments.is_empty());
    assert_eq!(
        october.money.paid,
        co.payment.data.amount + Money::from_kopecks(50_000)
    );
    let listed: Money = october.payments.iter().map(|p| p.amount).sum();
    assert_eq!(
        listed, october.money.paid,
        "the list adds up to what was counted"
    );
    assert!(october
        .payments
        .iter()
        .any(|p| p.paid_on == date("2026-09-28") && p.amount.kopecks() == 50_000));
}

on_both_backends!(
    a_payment_that_arrives_after_its_month_closed_counts_in_the_next,
    the_statement_adds_up_and_lists_the_payments,
    statement_ranges_are_checked,
    payments_are_listed_newest_first,
);
