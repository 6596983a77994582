//! An access token ends with its session: after signing out, a new password, a reused
//! refresh token or a deleted profile it is refused (401 `session_ended`) at once on the
//! instance that ended it and within seconds on the others.

use crate::fixtures::Company;
use crate::helpers::{TestApp, PASSWORD};
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::LinkAccount;
use domkom_client::Client;

/// A client of `base` holding `who`'s access token as it is now.
fn holding(base: &str, who: &Client) -> Client {
    let copy = Client::new(base);
    copy.set_access_token(who.access_token());
    copy
}

fn ended(e: domkom_client::Error) {
    assert_eq!(
        (e.status(), e.code()),
        (Some(401), Some(ErrorCode::SessionEnded)),
        "{e:?}"
    );
}

async fn access_tokens_end_with_their_session(app: TestApp) {
    // Signing out.
    let (client, tokens) = app.signed_in("leaver").await;
    let kept = holding(&app.base, &client);
    client.logout(Some(&tokens.refresh_token)).await.unwrap();
    ended(kept.me().await.unwrap_err());

    // A new password: every token issued before ends; signing in again works.
    let (phone, _) = app.signed_in("changer").await;
    let laptop = holding(&app.base, &phone);
    phone.change_password(PASSWORD, "newpass123").await.unwrap();
    ended(laptop.me().await.unwrap_err());
    let again = app.new_client();
    again.login("changer", "newpass123").await.unwrap();
    assert!(again.me().await.is_ok());

    // A deleted profile: its token links nothing, and is no 500.
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let (gone, _) = app.signed_in("gone").await;
    let ghost = holding(&app.base, &gone);
    gone.delete_me(PASSWORD).await.unwrap();
    let link = LinkAccount {
        organization_id: co.org.id,
        account_number: co.account.data.number.clone(),
        link_code: Some(co.account.link_code.clone()),
        last_receipt_total: None,
        kind: None,
    };
    ended(ghost.link_account(&link).await.unwrap_err());

    // On another instance of the same database, within seconds.
    if app.is_postgres() {
        let (client, tokens) = app.signed_in("roamer").await;
        let elsewhere = holding(&app.another_instance(), &client);
        assert!(elsewhere.me().await.is_ok());
        client.logout(Some(&tokens.refresh_token)).await.unwrap();
        let mut refused = None;
        for _ in 0..40 {
            if let Err(e) = elsewhere.me().await {
                refused = Some(e);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        ended(refused.expect("refused within 4 s"));
    }
}

on_both_backends!(access_tokens_end_with_their_session);
