//! `operator/services` and `operator/tariffs`.

use crate::fixtures::{self, date, fields, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::{PageQuery, ServiceData, ServiceMethodKind, TariffFilter};
use domkom_client::NoFilter;
use domkom_values::ServiceId;

fn drainage(sources: Vec<ServiceId>) -> ServiceData {
    ServiceData {
        name: "Водоотведение".into(),
        unit: "м³".into(),
        method: ServiceMethodKind::Drainage,
        resource: None,
        source_service_ids: sources,
        ..fixtures::cold_water()
    }
}

async fn services_are_checked_and_name_their_sources(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let hot = op
        .create_service(&ServiceData {
            name: "Горячее водоснабжение".into(),
            resource: Some(domkom_client::dto::Resource::HotWater),
            sort_order: 3,
            ..fixtures::cold_water()
        })
        .await
        .unwrap();
    let drain = op
        .create_service(&drainage(vec![co.service.id, hot.id]))
        .await
        .unwrap();
    assert_eq!(drain.data.source_service_ids, [co.service.id, hot.id]);
    assert_eq!(op.service(drain.id).await.unwrap(), drain);
    let source = op.delete_service(hot.id).await.unwrap_err();
    assert_eq!(
        source.code(),
        Some(ErrorCode::InUse),
        "drainage is computed from it"
    );

    let mut data = drain.data.clone();
    data.source_service_ids = vec![co.service.id];
    data.sort_order = 9;
    assert_eq!(op.update_service(drain.id, &data).await.unwrap().data, data);
    assert_eq!(
        op.services(&NoFilter, PageQuery::default())
            .await
            .unwrap()
            .total,
        3
    );

    let bad = ServiceData {
        name: " ".into(),
        unit: String::new(),
        supplier_name: String::new(),
        supplier_inn: "12345".into(),
        method: ServiceMethodKind::CommonShare,
        resource: None,
        source_service_ids: vec![],
        ..fixtures::cold_water()
    };
    assert_eq!(
        fields(&op.create_service(&bad).await.unwrap_err()),
        [
            "name",
            "unit",
            "supplier_name",
            "supplier_inn",
            "resource",
            "source_service_ids"
        ]
    );
    let theirs = Company::new(&app, &admin, 2).await;
    let foreign = drainage(vec![theirs.service.id]);
    assert_eq!(
        fields(&op.create_service(&foreign).await.unwrap_err()),
        ["source_service_ids"]
    );

    let in_use = op.delete_service(co.service.id).await.unwrap_err();
    assert_eq!(in_use.code(), Some(ErrorCode::InUse));
    op.delete_service(drain.id).await.unwrap();
    assert_eq!(op.service(drain.id).await.unwrap_err().status(), Some(404));
}

async fn tariffs_are_unique_per_service_date_and_zone(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let january = op
        .create_tariff(&fixtures::tariff(co.service.id, "2026-01-01"))
        .await
        .unwrap();
    assert_eq!(op.tariff(january.id).await.unwrap(), january);
    let mut data = january.data.clone();
    data.price = domkom_values::Tariff::from_hundredths_of_kopeck(440_000);
    data.valid_from = date("2026-02-01");
    assert_eq!(
        op.update_tariff(january.id, &data).await.unwrap().data,
        data
    );

    let twin = op
        .create_tariff(&fixtures::tariff(co.service.id, "2026-07-01"))
        .await
        .unwrap_err();
    assert_eq!(
        (twin.status(), twin.code()),
        (Some(409), Some(ErrorCode::TariffExists))
    );

    let hot = op.create_service(&fixtures::cold_water()).await.unwrap();
    op.create_tariff(&fixtures::tariff(hot.id, "2026-07-01"))
        .await
        .unwrap();
    let of_service = TariffFilter {
        service_id: Some(co.service.id),
    };
    let page = op.tariffs(&of_service, PageQuery::default()).await.unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(
        page.items[0].data.valid_from,
        date("2026-07-01"),
        "newest first"
    );

    let mut bad = fixtures::tariff(co.service.id, "2027-01-01");
    bad.price = domkom_values::Tariff::from_hundredths_of_kopeck(-1);
    bad.zone = 5;
    assert_eq!(
        fields(&op.create_tariff(&bad).await.unwrap_err()),
        ["price", "zone"]
    );
    let theirs = Company::new(&app, &admin, 2).await;
    let foreign = fixtures::tariff(theirs.service.id, "2027-01-01");
    assert_eq!(
        fields(&op.create_tariff(&foreign).await.unwrap_err()),
        ["service_id"]
    );

    op.delete_tariff(january.id).await.unwrap();
    assert_eq!(op.tariff(january.id).await.unwrap_err().status(), Some(404));
}

on_both_backends!(
    services_are_checked_and_name_their_sources,
    tariffs_are_unique_per_service_date_and_zone,
);
