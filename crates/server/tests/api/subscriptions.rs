//! Receipts by e-mail: the switches per linked account, the letter a close sends with the
//! PDF and its one-click unsubscribe, and the retries of a letter the mail server refused.

use crate::fixtures::{close_period, Company};
use crate::helpers::{decode_letter, last_token_in, letters, register_form, Backend, TestApp};
use crate::mail::{smtp_sink, SmtpSink};
use crate::on_both_backends;
use base64::Engine;
use diesel::prelude::*;
use domkom_client::dto::{ErrorCode, SubscriptionChange, UpdateSubscriptions};
use domkom_client::Client;
use domkom_receipt::readback;
use domkom_server::db::schema::{jobs, receipt_letters as rl};
use domkom_server::db::DbPool;
use domkom_values::AccountId;
use std::time::{Duration, Instant};

fn switch(account_id: AccountId, on: bool) -> UpdateSubscriptions {
    UpdateSubscriptions {
        accounts: vec![SubscriptionChange {
            account_id,
            receipts_by_email: on,
        }],
    }
}

async fn subscribed(resident: &Client, account: AccountId) -> bool {
    let subs = resident.subscriptions().await.unwrap();
    subs.accounts
        .iter()
        .find(|s| s.account_id == account)
        .expect("the account is listed")
        .receipts_by_email
}

/// (status, attempts) of every letter, oldest first.
fn outbox_rows(pool: &DbPool) -> Vec<(String, i32)> {
    rl::table
        .order(rl::id)
        .select((rl::status, rl::attempts))
        .load(&mut pool.get().unwrap())
        .unwrap()
}

/// Waits until no letter is queued with a try due and no job runs.
async fn settled(pool: &DbPool) {
    let started = Instant::now();
    loop {
        let mut conn = pool.get().unwrap();
        let due: i64 = rl::table
            .filter(rl::status.eq("queued"))
            .filter(rl::next_attempt_at.le(domkom_server::db::now()))
            .count()
            .get_result(&mut conn)
            .unwrap();
        let running: i64 = jobs::table
            .filter(jobs::status.eq("running"))
            .count()
            .get_result(&mut conn)
            .unwrap();
        if due == 0 && running == 0 {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the mailing never ended"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The receipt letters of the file outbox.
fn receipt_letters(app: &TestApp) -> Vec<String> {
    letters(&app.data_dir.path().join("outbox"))
        .into_iter()
        .filter(|l| l.contains("application/pdf"))
        .collect()
}

/// The attachment of a letter as sent (base64 in the raw letter).
fn pdf_of(raw: &str) -> Vec<u8> {
    let at = raw
        .find("Content-Type: application/pdf")
        .expect("a PDF part");
    let body: String = raw[at..]
        .split("\r\n\r\n")
        .nth(1)
        .or_else(|| raw[at..].split("\n\n").nth(1))
        .unwrap()
        .lines()
        .take_while(|l| !l.starts_with("--"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body.trim())
        .expect("base64")
}

fn header<'a>(letter: &'a str, name: &str) -> &'a str {
    letter
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no {name} in\n{letter}"))
}

async fn each_resident_switches_their_own_accounts_only(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let other = Company::new(&app, &admin, 2).await;
    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;

    let subs = resident.subscriptions().await.unwrap();
    assert_eq!(subs.email, "resident@example.ru");
    assert_eq!(subs.accounts.len(), 1);
    assert_eq!(subs.accounts[0].account_number, "1001");
    assert!(!subs.accounts[0].receipts_by_email, "off until switched on");

    let on = resident
        .update_subscriptions(&switch(account, true))
        .await
        .unwrap();
    assert!(on.accounts[0].receipts_by_email);
    assert!(subscribed(&resident, account).await);

    // Another company's account, or one named twice: refused whole, nothing changed.
    let mut both = switch(account, false);
    both.accounts.push(SubscriptionChange {
        account_id: other.account.id,
        receipts_by_email: true,
    });
    let refused = resident.update_subscriptions(&both).await.unwrap_err();
    assert_eq!(
        crate::fixtures::fields(&refused),
        ["accounts[1].account_id"]
    );
    assert!(subscribed(&resident, account).await, "all or nothing");
    both.accounts[1].account_id = account;
    let twice = resident.update_subscriptions(&both).await.unwrap_err();
    assert_eq!(crate::fixtures::fields(&twice), ["accounts[1].account_id"]);

    // A stranger sees no accounts and cannot switch this one; no session, no answer.
    let (stranger, _) = app.signed_in("stranger").await;
    assert!(stranger.subscriptions().await.unwrap().accounts.is_empty());
    let theirs = stranger
        .update_subscriptions(&switch(account, false))
        .await
        .unwrap_err();
    assert_eq!(crate::fixtures::fields(&theirs), ["accounts[0].account_id"]);
    assert!(subscribed(&resident, account).await);
    let anonymous = app.new_client().subscriptions().await.unwrap_err();
    assert_eq!(anonymous.status(), Some(401));
    // Staff, of this company or another, have no subscriptions.
    for staff in [&company.operator, &other.operator, &admin] {
        let e = staff.subscriptions().await.unwrap_err();
        assert_eq!(
            (e.status(), e.code()),
            (Some(403), Some(ErrorCode::Forbidden))
        );
        let e = staff
            .update_subscriptions(&switch(account, false))
            .await
            .unwrap_err();
        assert_eq!(e.status(), Some(403));
    }
    assert!(subscribed(&resident, account).await);

    // Unlinking the account ends its subscription with the link.
    resident.unlink_account(account).await.unwrap();
    assert!(resident.subscriptions().await.unwrap().accounts.is_empty());
}

async fn a_close_mails_each_subscriber_one_receipt_with_a_one_click_unsubscribe(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let account = company.account.id;
    let resident = company.resident(&app, "resident").await;
    let family = company.resident(&app, "family").await;
    let _quiet = company.resident(&app, "quiet").await;
    for who in [&resident, &family] {
        who.update_subscriptions(&switch(account, true))
            .await
            .unwrap();
    }

    close_period(&company.operator, "2026-10").await;
    settled(&app.pool).await;

    assert_eq!(
        outbox_rows(&app.pool),
        [("sent".into(), 1), ("sent".into(), 1)]
    );
    let mut sent = receipt_letters(&app);
    sent.sort();
    assert_eq!(sent.len(), 2, "one letter a subscriber");
    let raw: Vec<String> = std::fs::read_dir(app.data_dir.path().join("outbox"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("receipt-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(raw.len(), 2);
    let doc = resident.receipt(account, "2026-10").await.unwrap();
    let mut to = Vec::new();
    for letter in &raw {
        to.push(header(letter, "To").to_owned());
        assert!(header(letter, "Message-ID").starts_with("<receipt-"));
        assert_eq!(
            header(letter, "List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click"
        );
        assert!(letter.contains("filename=\"kvitanciya-1001-2026-10.pdf\""));
        let pdf = pdf_of(letter);
        assert!(pdf.starts_with(b"%PDF-"));
        // The same receipt as the cabinet's, to the byte but for the creation time.
        assert!(
            pdf.len().abs_diff(doc.bytes.len()) < 64,
            "{} vs {}",
            pdf.len(),
            doc.bytes.len()
        );
        if let Some(text) = readback::text(&pdf) {
            assert!(text.contains("Лицевой счёт: 1001"), "{text}");
        }
    }
    to.sort();
    assert_eq!(to, ["family@example.ru", "resident@example.ru"]);

    // The header's link switches the letters off with one post, as a mail program sends it.
    let letter = raw
        .iter()
        .find(|l| header(l, "To") == "resident@example.ru")
        .unwrap();
    let link = header(letter, "List-Unsubscribe")
        .trim_matches(['<', '>'])
        .to_owned();
    let token = link.split("token=").nth(1).unwrap().to_owned();
    assert!(
        letters(&app.data_dir.path().join("outbox"))
            .iter()
            .any(|l| l.contains(&format!("/unsubscribe?token={token}"))),
        "the text links to the unsubscribe page"
    );
    let path = link.split_once("/api/").unwrap().1;
    let posted = reqwest::Client::new()
        .post(app.url(&format!("/api/{path}")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 200);
    assert!(!subscribed(&resident, account).await);
    assert!(subscribed(&family, account).await, "the family's stays");
    let again = app.new_client().unsubscribe(&token).await.unwrap();
    assert_eq!(again.account_number, "1001");
    for bad in ["x".repeat(43), "short".into(), format!("{}!", &token[..42])] {
        let e = app.new_client().unsubscribe(&bad).await.unwrap_err();
        assert_eq!(
            (e.status(), e.code()),
            (Some(400), Some(ErrorCode::TokenInvalid))
        );
    }
}

on_both_backends!(
    each_resident_switches_their_own_accounts_only,
    a_close_mails_each_subscriber_one_receipt_with_a_one_click_unsubscribe,
);

/// A resident of `company` who signed up with the letter the sink took.
async fn resident_over_smtp(
    app: &TestApp,
    sink: &SmtpSink,
    company: &Company,
    login: &str,
) -> Client {
    let form = register_form(login);
    app.client.register(&form).await.unwrap();
    let taken: Vec<String> = sink
        .letters
        .lock()
        .unwrap()
        .iter()
        .map(|l| decode_letter(l))
        .collect();
    let token = last_token_in(&taken, &form.email, "/activate").expect("the activation letter");
    app.client.activate(&token).await.unwrap();
    let resident = app.new_client();
    resident.login(&form.login, &form.password).await.unwrap();
    resident.link_account(&company.link_form()).await.unwrap();
    resident
        .update_subscriptions(&switch(company.account.id, true))
        .await
        .unwrap();
    resident
}

/// A letter the mail server refuses for now waits (1 minute, then longer), the mailing
/// queues itself for then, and the letter goes when the server takes it; a refusal for
/// good is not tried again.
#[tokio::test]
async fn a_refused_letter_is_tried_again_later_and_a_rejected_one_is_given_up() {
    let sink = smtp_sink().await;
    let smtp = format!("smtp://127.0.0.1:{}", sink.port);
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.smtp_url = Some(smtp))
        .await
        .unwrap();
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    resident_over_smtp(&app, &sink, &company, "resident").await;
    let sent_before = sink.letters.lock().unwrap().len();
    *sink.refusal.lock().unwrap() = Some("451 4.3.0 Try again later\r\n");

    close_period(&company.operator, "2026-10").await;
    settled(&app.pool).await;
    assert_eq!(outbox_rows(&app.pool), [("queued".into(), 1)]);
    let mut conn = app.pool.get().unwrap();
    let (next, error): (chrono::NaiveDateTime, Option<String>) = rl::table
        .select((rl::next_attempt_at, rl::error))
        .first(&mut conn)
        .unwrap();
    let wait = next - domkom_server::db::now();
    assert!(
        wait > chrono::Duration::seconds(50) && wait <= chrono::Duration::seconds(60),
        "{wait}"
    );
    assert!(error.unwrap().contains("451"));
    let (status, run_after): (String, Option<chrono::NaiveDateTime>) = jobs::table
        .filter(jobs::kind.eq("receipt_mailing"))
        .select((jobs::status, jobs::run_after))
        .first(&mut conn)
        .unwrap();
    assert_eq!((status.as_str(), run_after), ("queued", Some(next)));
    let census = domkom_server::db::jobs::census(&mut conn).unwrap();
    assert_eq!(
        census.oldest_queued, None,
        "a job queued for later is not late"
    );

    // The minute passes; the server takes letters again.
    *sink.refusal.lock().unwrap() = None;
    let past = domkom_server::db::now() - chrono::Duration::seconds(1);
    diesel::update(rl::table)
        .set(rl::next_attempt_at.eq(past))
        .execute(&mut conn)
        .unwrap();
    diesel::update(jobs::table.filter(jobs::kind.eq("receipt_mailing")))
        .set(jobs::run_after.eq(past))
        .execute(&mut conn)
        .unwrap();
    let runner = app.runner();
    let ran = tokio::task::spawn_blocking(move || runner.run_pending())
        .await
        .unwrap();
    assert_eq!(ran, 1);
    assert_eq!(outbox_rows(&app.pool), [("sent".into(), 2)]);
    let letters = sink.letters.lock().unwrap().clone();
    assert_eq!(letters.len(), sent_before + 1);
    assert!(letters.last().unwrap().contains("application/pdf"));

    // Refused for good (550): given up at once, the mailing not queued again.
    resident_over_smtp(&app, &sink, &company, "family").await;
    *sink.refusal.lock().unwrap() = Some("550 5.1.1 No such mailbox\r\n");
    domkom_server::db::write_tx(&mut conn, |c| {
        domkom_server::mailing::queue(c, company.org.id, "2026-10".parse().unwrap())
    })
    .unwrap_or_else(|e: diesel::result::Error| panic!("{e}"));
    let runner = app.runner();
    tokio::task::spawn_blocking(move || runner.run_pending())
        .await
        .unwrap();
    let rows: Vec<(String, i32)> = outbox_rows(&app.pool);
    assert_eq!(rows.last().unwrap(), &("failed".into(), 1));
    let queued: i64 = jobs::table
        .filter(jobs::kind.eq("receipt_mailing"))
        .filter(jobs::status.eq("queued"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(queued, 0);
}
