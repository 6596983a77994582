//! The platform's and the company's side: who may reach what.

use crate::helpers::{organization, TestApp};
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::{HouseData, PageQuery};
use domkom_values::{Area, HouseId};

fn house(address: &str) -> HouseData {
    HouseData {
        address: address.into(),
        total_area: Area::from_hundredths(240_000),
        common_area: Area::from_hundredths(50_000),
        share_cap_at_norm: false,
    }
}

async fn admins_register_organizations_with_checked_requisites(app: TestApp) {
    let admin = app.admin().await;
    let org = admin.create_organization(&organization(1)).await.unwrap();
    assert_eq!(admin.organization(org.id).await.unwrap(), org);
    assert_eq!(org.data.settings.due_day, 15, "domain.md's default");

    let twin = admin
        .create_organization(&organization(1))
        .await
        .unwrap_err();
    assert_eq!(
        (twin.status(), twin.code()),
        (Some(409), Some(ErrorCode::InnTaken))
    );

    let mut bad = organization(2);
    bad.inn = "12345".into();
    bad.bank.bic = "abc".into();
    let err = admin.create_organization(&bad).await.unwrap_err();
    assert_eq!(err.status(), Some(422));
    let problem = err.problem().unwrap();
    assert!(problem.field_message("inn").is_some() && problem.field_message("bank.bic").is_some());

    let mut renamed = organization(1);
    renamed.name = "ТСЖ «Рассвет»".into();
    renamed.settings.due_day = 10;
    let updated = admin.update_organization(org.id, &renamed).await.unwrap();
    assert_eq!(
        (updated.data.name.as_str(), updated.data.settings.due_day),
        ("ТСЖ «Рассвет»", 10)
    );
    assert_eq!(
        admin
            .organizations(PageQuery::default())
            .await
            .unwrap()
            .total,
        1
    );
}

async fn only_admins_reach_admin_endpoints(app: TestApp) {
    let admin = app.admin().await;
    let (operator, org) = app.operator(&admin, 1).await;
    let (resident, _) = app.signed_in("resident").await;
    for client in [&operator, &resident] {
        let errors = [
            client
                .organizations(PageQuery::default())
                .await
                .unwrap_err(),
            client.organization(org.id).await.unwrap_err(),
            client
                .create_organization(&organization(5))
                .await
                .unwrap_err(),
            client
                .update_organization(org.id, &organization(5))
                .await
                .unwrap_err(),
        ];
        for e in errors {
            assert_eq!(
                (e.status(), e.code()),
                (Some(403), Some(ErrorCode::Forbidden))
            );
        }
    }
    let anonymous = app
        .new_client()
        .organizations(PageQuery::default())
        .await
        .unwrap_err();
    assert_eq!(anonymous.status(), Some(401));
}

async fn operators_keep_their_organizations_houses(app: TestApp) {
    let admin = app.admin().await;
    let (mine, _) = app.operator(&admin, 1).await;
    let (theirs, _) = app.operator(&admin, 2).await;
    let created = mine.create_house(&house("ул. Примерная, 1")).await.unwrap();
    assert_eq!(mine.house(created.id).await.unwrap(), created);
    let moved = mine
        .update_house(created.id, &house("ул. Примерная, 1к2"))
        .await
        .unwrap();
    assert_eq!(moved.data.address, "ул. Примерная, 1к2");
    theirs.create_house(&house("пр. Другой, 5")).await.unwrap();

    let page = mine.houses(PageQuery::default()).await.unwrap();
    assert_eq!(
        (page.total, page.items.len()),
        (1, 1),
        "another organization's houses are not listed"
    );

    let invalid = mine
        .create_house(&HouseData {
            total_area: Area::ZERO,
            ..house("")
        })
        .await
        .unwrap_err();
    assert_eq!(invalid.status(), Some(422));

    // Another organization's operator: 404 for everything, and nothing changes.
    let id = created.id;
    for e in [
        theirs.house(id).await.unwrap_err(),
        theirs.update_house(id, &house("захват")).await.unwrap_err(),
        theirs.delete_house(id).await.unwrap_err(),
    ] {
        assert_eq!(
            (e.status(), e.code()),
            (Some(404), Some(ErrorCode::NotFound))
        );
    }
    assert_eq!(mine.house(id).await.unwrap(), moved);

    mine.delete_house(id).await.unwrap();
    assert_eq!(mine.house(id).await.unwrap_err().status(), Some(404));
}

async fn residents_and_admins_get_403_on_operator_endpoints(app: TestApp) {
    let admin = app.admin().await;
    let (resident, _) = app.signed_in("resident").await;
    for client in [&resident, &admin] {
        let errors = [
            client.houses(PageQuery::default()).await.unwrap_err(),
            client.create_house(&house("x")).await.unwrap_err(),
            client.house(HouseId(1)).await.unwrap_err(),
            client
                .update_house(HouseId(1), &house("x"))
                .await
                .unwrap_err(),
            client.delete_house(HouseId(1)).await.unwrap_err(),
        ];
        for e in errors {
            assert_eq!(
                (e.status(), e.code()),
                (Some(403), Some(ErrorCode::Forbidden))
            );
        }
    }
}

on_both_backends!(
    admins_register_organizations_with_checked_requisites,
    only_admins_reach_admin_endpoints,
    operators_keep_their_organizations_houses,
    residents_and_admins_get_403_on_operator_endpoints,
);
