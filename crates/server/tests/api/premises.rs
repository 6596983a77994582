//! `operator/premises` and `operator/accounts`: the owner's CRUD and the input rules.

use crate::fixtures::{self, fields, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::{AccountFilter, PageQuery, PremiseFilter};
use domkom_values::Area;

async fn operators_keep_premises_of_their_houses(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let other_house = op.create_house(&fixtures::house()).await.unwrap();
    let second = op
        .create_premise(&fixtures::premise(other_house.id, "2А"))
        .await
        .unwrap();
    assert_eq!(op.premise(second.id).await.unwrap(), second);

    let mut data = second.data.clone();
    data.area = Area::from_hundredths(7_000);
    data.residential = false;
    let changed = op.update_premise(second.id, &data).await.unwrap();
    assert_eq!(changed.data, data);

    let all = op
        .premises(&PremiseFilter::default(), PageQuery::default())
        .await
        .unwrap();
    assert_eq!(all.total, 2);
    let one_house = PremiseFilter {
        house_id: Some(other_house.id),
    };
    let page = op.premises(&one_house, PageQuery::default()).await.unwrap();
    assert_eq!((page.total, page.items), (1, vec![changed]));

    let twin = op
        .create_premise(&fixtures::premise(other_house.id, "2А"))
        .await
        .unwrap_err();
    assert_eq!(
        (twin.status(), twin.code()),
        (Some(409), Some(ErrorCode::PremiseNumberTaken))
    );

    let mut bad = fixtures::premise(other_house.id, " ");
    bad.area = Area::ZERO;
    assert_eq!(
        fields(&op.create_premise(&bad).await.unwrap_err()),
        ["number", "area"]
    );

    // A house of another organization is not a house of ours.
    let theirs = Company::new(&app, &admin, 2).await;
    let foreign = fixtures::premise(theirs.house.id, "5");
    assert_eq!(
        fields(&op.create_premise(&foreign).await.unwrap_err()),
        ["house_id"]
    );
    assert_eq!(
        fields(&op.update_premise(second.id, &foreign).await.unwrap_err()),
        ["house_id"]
    );

    let in_use = op.delete_premise(co.premise.id).await.unwrap_err();
    assert_eq!(
        (in_use.status(), in_use.code()),
        (Some(409), Some(ErrorCode::InUse))
    );
    op.delete_premise(second.id).await.unwrap();
    assert_eq!(op.premise(second.id).await.unwrap_err().status(), Some(404));
}

async fn accounts_get_unique_numbers_services_and_a_link_code(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let code = &co.account.link_code;
    assert_eq!(code.len(), 8);
    assert!(
        code.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
            && !code.contains(['0', 'O', '1', 'I']),
        "{code}"
    );
    assert_eq!(co.account.data.service_ids, [co.service.id]);
    assert_eq!(op.account(co.account.id).await.unwrap(), co.account);

    let flat2 = op
        .create_premise(&fixtures::premise(co.house.id, "2"))
        .await
        .unwrap();
    let second = op
        .create_account(&fixtures::account(flat2.id, "1002", vec![]))
        .await
        .unwrap();
    assert_ne!(second.link_code, *code);

    let mut data = fixtures::account(flat2.id, "1002", vec![co.service.id]);
    data.holder = "Петрова Анна Сергеевна".into();
    data.persons = 3;
    let changed = op.update_account(second.id, &data).await.unwrap();
    assert_eq!(
        (changed.data, &changed.link_code),
        (data, &second.link_code)
    );

    let taken = op
        .create_account(&fixtures::account(flat2.id, "1001", vec![]))
        .await
        .unwrap_err();
    assert_eq!(
        (taken.status(), taken.code()),
        (Some(409), Some(ErrorCode::AccountNumberTaken))
    );
    assert!(taken.problem().unwrap().field_message("number").is_some());

    let by_number = AccountFilter {
        number: Some("1002".into()),
        ..Default::default()
    };
    let page = op.accounts(&by_number, PageQuery::default()).await.unwrap();
    assert_eq!((page.total, page.items[0].id), (1, second.id));
    let by_house = AccountFilter {
        house_id: Some(co.house.id),
        ..Default::default()
    };
    assert_eq!(
        op.accounts(&by_house, PageQuery::default())
            .await
            .unwrap()
            .total,
        2
    );

    let mut bad = fixtures::account(flat2.id, "", vec![]);
    bad.persons = -1;
    bad.holder = String::new();
    assert_eq!(
        fields(&op.create_account(&bad).await.unwrap_err()),
        ["number", "holder", "persons"]
    );
    let theirs = Company::new(&app, &admin, 2).await;
    let foreign_premise = fixtures::account(theirs.premise.id, "2001", vec![]);
    assert_eq!(
        fields(&op.create_account(&foreign_premise).await.unwrap_err()),
        ["premise_id"]
    );
    let foreign_service = fixtures::account(flat2.id, "2001", vec![theirs.service.id]);
    assert_eq!(
        fields(&op.create_account(&foreign_service).await.unwrap_err()),
        ["service_ids"]
    );

    op.delete_account(second.id).await.unwrap();
    assert_eq!(op.account(second.id).await.unwrap_err().status(), Some(404));
}

on_both_backends!(
    operators_keep_premises_of_their_houses,
    accounts_get_unique_numbers_services_and_a_link_code,
);
