//! Linking personal accounts: the proof, the limit on wrong tries, and who sees what.

use crate::fixtures::{close_period, Company};
use crate::helpers::{field_codes, TestApp};
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::{
    AccountKind, AccountPeriodFilter, LinkAccount, OrganizationKind, OrganizationSummary, PageQuery,
};
use domkom_values::Money;

fn proof(co: &Company, code: Option<&str>, total: Option<Money>) -> LinkAccount {
    LinkAccount {
        organization_id: co.org.id,
        account_number: co.account.data.number.clone(),
        link_code: code.map(str::to_owned),
        last_receipt_total: total,
        kind: None,
    }
}

async fn a_resident_finds_the_company_and_links_with_the_code(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let (resident, _) = app.signed_in("resident").await;

    let found = resident
        .find_organizations("домовой-1", None)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "Cyrillic in any letter case");
    assert_eq!(
        resident
            .find_organizations(&found[0].inn, None)
            .await
            .unwrap(),
        found
    );
    assert!(resident
        .find_organizations("нет такой", None)
        .await
        .unwrap()
        .is_empty());

    let code = co.account.link_code.to_lowercase();
    let linked = resident
        .link_account(&proof(&co, Some(&code), None))
        .await
        .unwrap();
    assert_eq!((linked.id, linked.number.as_str()), (co.account.id, "1001"));
    assert!(
        linked.address.contains("ул. Примерная, 1"),
        "{}",
        linked.address
    );
    resident
        .link_account(&proof(&co, Some(&code), None))
        .await
        .unwrap();
    assert_eq!(
        resident.my_accounts().await.unwrap(),
        vec![linked.clone()],
        "linking twice changes nothing"
    );

    // A family member links the same account; a stranger sees nothing of it.
    let (family, _) = app.signed_in("family").await;
    family
        .link_account(&proof(&co, Some(&co.account.link_code), None))
        .await
        .unwrap();
    let (stranger, _) = app.signed_in("stranger").await;
    assert!(stranger.my_accounts().await.unwrap().is_empty());
    assert_eq!(
        stranger
            .unlink_account(linked.id)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );

    resident.unlink_account(linked.id).await.unwrap();
    assert!(resident.my_accounts().await.unwrap().is_empty());
    assert_eq!(
        family.my_accounts().await.unwrap().len(),
        1,
        "the family's link stays"
    );
}

async fn the_last_receipt_total_proves_it_too(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    close_period(&co.operator, "2026-10").await;
    let october = AccountPeriodFilter {
        account_id: Some(co.account.id),
        period: Some("2026-10".into()),
    };
    let total = co
        .operator
        .balances(&october, PageQuery::default())
        .await
        .unwrap()
        .items[0]
        .closing;
    let (resident, _) = app.signed_in("resident").await;
    let wrong = resident
        .link_account(&proof(&co, None, Some(total + Money::from_kopecks(1))))
        .await
        .unwrap_err();
    assert_eq!(
        (wrong.status(), wrong.code()),
        (Some(422), Some(ErrorCode::LinkRefused))
    );
    resident
        .link_account(&proof(&co, None, Some(total)))
        .await
        .unwrap();
}

async fn wrong_proofs_are_limited(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let (resident, _) = app.signed_in("guesser").await;
    let missing = resident
        .link_account(&proof(&co, None, None))
        .await
        .unwrap_err();
    assert_eq!(
        missing.code(),
        Some(ErrorCode::ValidationFailed),
        "a proof is required"
    );
    for guess in ["AAAA2222", "BBBB3333", "CCCC4444", "DDDD5555", "EEEE6666"] {
        let e = resident
            .link_account(&proof(&co, Some(guess), None))
            .await
            .unwrap_err();
        assert_eq!(e.code(), Some(ErrorCode::LinkRefused));
    }
    let limited = resident
        .link_account(&proof(&co, Some(&co.account.link_code), None))
        .await
        .unwrap_err();
    assert_eq!(
        (limited.status(), limited.code()),
        (Some(429), Some(ErrorCode::RateLimited))
    );
    // The client passes on the Retry-After header, so the SPA can say how long to wait.
    assert!(limited.retry_after().is_some_and(|s| s > 0), "{limited:?}");
    // Another resident has tries of their own.
    let (other, _) = app.signed_in("other").await;
    other
        .link_account(&proof(&co, Some(&co.account.link_code), None))
        .await
        .unwrap();
}

async fn the_kind_narrows_the_search_and_is_checked_on_linking(app: TestApp) {
    let admin = app.admin().await;
    let uk = Company::new(&app, &admin, 1).await;
    let fund = Company::new(&app, &admin, 2).await;
    let mut data = fund.org.data.clone();
    data.kind = OrganizationKind::Kapremont;
    admin.update_organization(fund.org.id, &data).await.unwrap();
    let (resident, _) = app.signed_in("resident").await;

    let ids = |list: Vec<OrganizationSummary>| list.into_iter().map(|o| o.id).collect::<Vec<_>>();
    let find = |kind| resident.find_organizations("", Some(kind));
    assert_eq!(
        ids(find(AccountKind::Kapremont).await.unwrap()),
        vec![fund.org.id, uk.org.id],
        "the regional operator first, then the company of a house on a special account"
    );
    assert_eq!(ids(find(AccountKind::Zhku).await.unwrap()), vec![uk.org.id]);
    assert!(find(AccountKind::Rso).await.unwrap().is_empty());
    let e = resident
        .find_organizations(&"д".repeat(201), None)
        .await
        .unwrap_err();
    assert_eq!(
        (e.status(), field_codes(&e)),
        (Some(422), vec![("q", "too_long")])
    );

    // The account 1001 of the УК is a ЖКУ account.
    let as_kind = |kind, code: &str| LinkAccount {
        kind: Some(kind),
        ..proof(&uk, Some(code), None)
    };
    let e = resident
        .link_account(&as_kind(AccountKind::Kapremont, "НЕВЕРНЫЙ"))
        .await
        .unwrap_err();
    assert_eq!(
        e.code(),
        Some(ErrorCode::LinkRefused),
        "a wrong proof tells nothing of the kind"
    );
    let e = resident
        .link_account(&as_kind(AccountKind::Kapremont, &uk.account.link_code))
        .await
        .unwrap_err();
    assert_eq!(
        (e.status(), e.code(), field_codes(&e)),
        (
            Some(422),
            Some(ErrorCode::AccountKindMismatch),
            vec![("kind", "account_kind_mismatch")]
        )
    );
    assert!(
        resident.my_accounts().await.unwrap().is_empty(),
        "nothing linked"
    );
    let linked = resident
        .link_account(&as_kind(AccountKind::Zhku, &uk.account.link_code))
        .await
        .unwrap();
    assert_eq!(linked.id, uk.account.id);
}

async fn only_residents_link_accounts(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    for client in [&admin, &co.operator] {
        for e in [
            client.my_accounts().await.unwrap_err(),
            client.find_organizations("", None).await.unwrap_err(),
            client
                .link_account(&proof(&co, Some(&co.account.link_code), None))
                .await
                .unwrap_err(),
            client.unlink_account(co.account.id).await.unwrap_err(),
        ] {
            assert_eq!(e.status(), Some(403));
        }
    }
    assert_eq!(
        app.new_client().my_accounts().await.unwrap_err().status(),
        Some(401)
    );
}

on_both_backends!(
    a_resident_finds_the_company_and_links_with_the_code,
    the_last_receipt_total_proves_it_too,
    wrong_proofs_are_limited,
    the_kind_narrows_the_search_and_is_checked_on_linking,
    only_residents_link_accounts,
);
