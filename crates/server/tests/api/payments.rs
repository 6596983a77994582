//! `operator/recalculations`, `operator/payments` and bank registries.

use crate::fixtures::{self, close_period, date, fields, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::{AccountPeriodFilter, PageQuery, PaymentFilter, RegistryResult};
use domkom_values::Money;

async fn recalculations_are_booked_and_cancelled_in_open_periods(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let r = &co.recalculation;
    assert_eq!(op.recalculation(r.id).await.unwrap(), *r);
    let filter = AccountPeriodFilter {
        account_id: Some(co.account.id),
        period: Some("2026-10".into()),
    };
    assert_eq!(
        op.recalculations(&filter, PageQuery::default())
            .await
            .unwrap()
            .items,
        std::slice::from_ref(r)
    );
    let november = AccountPeriodFilter {
        period: Some("2026-11".into()),
        ..Default::default()
    };
    assert_eq!(
        op.recalculations(&november, PageQuery::default())
            .await
            .unwrap()
            .total,
        0
    );

    let mut bad = fixtures::recalculation(co.account.id, co.service.id);
    bad.corrects_period = "2026-12".into();
    bad.reason = " ".into();
    bad.amount = Money::ZERO;
    assert_eq!(
        fields(&op.create_recalculation(&bad).await.unwrap_err()),
        ["corrects_period", "reason", "amount"]
    );
    bad = fixtures::recalculation(co.account.id, co.service.id);
    bad.period = "10.2026".into();
    assert_eq!(
        fields(&op.create_recalculation(&bad).await.unwrap_err()),
        ["period"]
    );
    let theirs = Company::new(&app, &admin, 2).await;
    let foreign = fixtures::recalculation(theirs.account.id, co.service.id);
    assert_eq!(
        fields(&op.create_recalculation(&foreign).await.unwrap_err()),
        ["account_id"]
    );

    let second = op
        .create_recalculation(&fixtures::recalculation(co.account.id, co.service.id))
        .await
        .unwrap();
    op.delete_recalculation(second.id).await.unwrap();
    assert_eq!(
        op.recalculation(second.id).await.unwrap_err().status(),
        Some(404)
    );

    close_period(&co.operator, "2026-10").await;
    for e in [
        op.create_recalculation(&fixtures::recalculation(co.account.id, co.service.id))
            .await
            .unwrap_err(),
        op.delete_recalculation(r.id).await.unwrap_err(),
    ] {
        assert_eq!(
            (e.status(), e.code()),
            (Some(409), Some(ErrorCode::PeriodClosed))
        );
    }
    assert_eq!(op.recalculation(r.id).await.unwrap(), *r, "still there");
}

async fn payments_are_recorded_once_per_source_id(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    assert_eq!(op.payment(co.payment.id).await.unwrap(), co.payment);
    let twin = op
        .create_payment(&fixtures::payment(co.account.id, "П-1"))
        .await
        .unwrap_err();
    assert_eq!(
        (twin.status(), twin.code()),
        (Some(409), Some(ErrorCode::PaymentDuplicate))
    );
    let mut later = fixtures::payment(co.account.id, "П-2");
    later.paid_on = date("2026-11-02");
    let later = op.create_payment(&later).await.unwrap();

    let november = PaymentFilter {
        account_id: Some(co.account.id),
        from: Some(date("2026-11-01")),
        to: Some(date("2026-11-30")),
    };
    assert_eq!(
        op.payments(&november, PageQuery::default())
            .await
            .unwrap()
            .items,
        [later]
    );
    let all = op
        .payments(&PaymentFilter::default(), PageQuery::default())
        .await
        .unwrap();
    assert_eq!(all.total, 2);

    let mut bad = fixtures::payment(co.account.id, "П-3");
    bad.amount = Money::ZERO;
    bad.source = String::new();
    bad.for_period = Some("2026-9".into());
    assert_eq!(
        fields(&op.create_payment(&bad).await.unwrap_err()),
        ["amount", "source", "for_period"]
    );
    let theirs = Company::new(&app, &admin, 2).await;
    let foreign = fixtures::payment(theirs.account.id, "П-4");
    assert_eq!(
        fields(&op.create_payment(&foreign).await.unwrap_err()),
        ["account_id"]
    );
}

const REGISTRY: &str = "\u{feff}Лицевой счёт;Сумма;Дата платежа;Номер платежа;Период\r\n\
                        1001;1521,13;12.10.2026;SB-0001;10.2026\r\n\
                        1001;500.50;13.10.2026;SB-0002\r\n";

async fn bank_registries_load_all_or_nothing_and_only_once(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let count = || async {
        op.payments(&PaymentFilter::default(), PageQuery::default())
            .await
            .unwrap()
            .total
    };
    assert_eq!(count().await, 1);

    let bad = "Лицевой счёт;Сумма;Дата платежа;Номер платежа\n\
               1001;100,00;12.10.2026;SB-0100\n\
               9999;abc;12.10.2026;SB-0101\n\
               1001;100,00;31.02.2026;SB-0102\n";
    let err = op.load_registry(bad).await.unwrap_err();
    assert_eq!(fields(&err), ["row 3: amount", "row 4: date"]);
    let unknown = "h\n1001;1;12.10.2026;SB-0200\n9999;1;12.10.2026;SB-0201\n";
    assert_eq!(
        fields(&op.load_registry(unknown).await.unwrap_err()),
        ["row 3: account"]
    );
    assert_eq!(count().await, 1, "nothing of a bad file is written");

    let first = op.load_registry(REGISTRY).await.unwrap();
    let expected = RegistryResult {
        accepted: 2,
        skipped: 0,
        total_amount: Money::from_kopecks(152_113 + 50_050),
    };
    assert_eq!(first, expected);
    let page = op
        .payments(&PaymentFilter::default(), PageQuery::default())
        .await
        .unwrap();
    let october = page
        .items
        .iter()
        .find(|p| p.data.external_id.as_deref() == Some("SB-0001"));
    let october = october.unwrap();
    assert_eq!(
        (
            october.data.amount.kopecks(),
            october.data.source.as_str(),
            october.data.for_period.as_deref()
        ),
        (152_113, "registry", Some("2026-10"))
    );

    let again = op.load_registry(REGISTRY).await.unwrap();
    assert_eq!(
        again,
        RegistryResult {
            accepted: 0,
            skipped: 2,
            total_amount: Money::ZERO
        }
    );
    assert_eq!(count().await, 3);
}

on_both_backends!(
    recalculations_are_booked_and_cancelled_in_open_periods,
    payments_are_recorded_once_per_source_id,
    bank_registries_load_all_or_nothing_and_only_once,
);
