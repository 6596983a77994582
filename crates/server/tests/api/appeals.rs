//! Appeals: a resident writes with photos, the company answers on its desk, the resident
//! reads the answer (and its letter); the status rules; photos judged by their bytes; and
//! no one else reads any of it.

use crate::fixtures::Company;
use crate::helpers::{decode_letter, letters, TestApp};
use crate::on_both_backends;
use diesel::prelude::*;
use domkom_client::dto::{
    AppealFilter, AppealStatus as S, AppealTopics, ErrorCode, NewAppeal, NewMessage, PageQuery,
};
use domkom_client::{Client, Upload};
use domkom_server::db::schema::{appeal_photos, appeals};
use domkom_values::{AppealId, AppealPhotoId};

/// The smallest PNG: one transparent pixel.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

pub fn upload(name: &str, content_type: &str, bytes: &[u8]) -> Upload {
    Upload {
        file_name: name.into(),
        content_type: content_type.into(),
        bytes: bytes.to_vec(),
    }
}

pub fn appeal(text: &str) -> NewAppeal {
    NewAppeal {
        topic: "Содержание и ремонт дома".into(),
        text: text.into(),
        contact_phone: Some("+7 912 345-67-89".into()),
        contact_email: Some("Reply.To@Example.ru".into()),
    }
}

/// An appeal with a photo that `writer` wrote about the company's account: its id and
/// the photo's.
pub async fn written_with_photo(co: &Company, writer: &Client) -> (AppealId, AppealPhotoId) {
    let photo = upload("a.png", "image/png", PNG);
    let written = writer
        .create_appeal(co.account.id, &appeal("Течёт кран"), &[photo])
        .await
        .unwrap();
    (written.summary.id, written.messages[0].photos[0].id)
}

fn message(text: &str) -> NewMessage {
    NewMessage { text: text.into() }
}

fn stored(app: &TestApp) -> (i64, i64) {
    let c = &mut app.pool.get().unwrap();
    let appeals: i64 = appeals::table.count().get_result(c).unwrap();
    let photos: i64 = appeal_photos::table.count().get_result(c).unwrap();
    (appeals, photos)
}

fn code<T: std::fmt::Debug>(
    r: Result<T, domkom_client::Error>,
) -> (Option<u16>, Option<ErrorCode>) {
    let e = r.expect_err("refused");
    (e.status(), e.code())
}

async fn a_resident_writes_with_a_photo_and_reads_the_answer(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;

    let topics = resident.appeal_topics(account).await.unwrap().topics;
    assert!(topics.contains(&"Содержание и ремонт дома".to_owned()));
    let photo = upload("IMG_0001.png", "image/png", PNG);
    let written = resident
        .create_appeal(account, &appeal("Течёт крыша\r\nнад кухней"), &[photo])
        .await
        .unwrap();
    assert_eq!(
        written.messages[0].text, "Течёт крыша\nнад кухней",
        "a form's CRLF kept as LF"
    );
    assert_eq!(written.summary.status, S::New);
    assert_eq!(
        written.contact.email.as_deref(),
        Some("reply.to@example.ru")
    );
    assert_eq!(written.messages.len(), 1);
    let photo = &written.messages[0].photos[0];
    assert_eq!(
        (photo.content_type.as_str(), photo.size),
        ("image/png", PNG.len() as i64)
    );
    let mine = resident
        .appeal_photo(written.summary.id, photo.id)
        .await
        .unwrap();
    assert_eq!(
        (mine.content_type.as_str(), &mine.bytes[..]),
        ("image/png", PNG)
    );

    // The desk: first in the queue, the photo readable, taken up, answered.
    let desk = &company.operator;
    let queue = desk
        .operator_appeals(&AppealFilter::default(), PageQuery::default())
        .await
        .unwrap();
    assert_eq!(queue.items[0].id, written.summary.id);
    assert_eq!(queue.items[0].excerpt, "Течёт крыша\nнад кухней");
    let theirs = desk
        .operator_appeal_photo(written.summary.id, photo.id)
        .await
        .unwrap();
    assert_eq!(theirs.bytes, PNG);
    let taken = desk
        .set_operator_appeal_status(written.summary.id, S::InProgress)
        .await
        .unwrap();
    assert_eq!(taken.summary.status, S::InProgress);
    let answered = desk
        .answer_appeal(
            written.summary.id,
            &message("Мастер придёт завтра с 9 до 12"),
        )
        .await
        .unwrap();
    assert_eq!(answered.summary.status, S::Answered);
    assert!(answered.answered_at.is_some() && answered.reopen_until.is_some());

    // The letter, to the contact address, with the answer and the link.
    let letter = letters(&app.data_dir.path().join("outbox"))
        .into_iter()
        .map(|l| decode_letter(&l))
        .find(|l| l.contains("To: reply.to@example.ru"))
        .expect("a letter about the answer");
    assert!(letter.contains(&format!(
        "обращение № {} «Содержание и ремонт дома»",
        written.summary.id
    )));
    assert!(letter.contains("Мастер придёт завтра с 9 до 12"));
    assert!(letter.contains(&format!(
        "/accounts/{account}/appeals/{}",
        written.summary.id
    )));

    // The resident sees one unread answer until the thread is opened.
    let list = resident
        .appeals(account, PageQuery::default())
        .await
        .unwrap();
    assert_eq!((list.total, list.unread_answers), (1, 1));
    assert_eq!(list.items[0].unread_answers, 1);
    let thread = resident.appeal(written.summary.id).await.unwrap();
    assert_eq!(thread.messages.len(), 2);
    assert!(thread.messages[1].from_staff);
    assert_eq!(thread.messages[1].text, "Мастер придёт завтра с 9 до 12");
    let list = resident
        .appeals(account, PageQuery::default())
        .await
        .unwrap();
    assert_eq!(list.unread_answers, 0);

    // Writing again reopens it; the resident closes it; then nothing more is written.
    let again = resident
        .write_in_appeal(written.summary.id, &message("Никто не пришёл"), &[])
        .await
        .unwrap();
    assert_eq!(again.summary.status, S::InProgress);
    let queue = desk
        .operator_appeals(
            &AppealFilter {
                status: Some(S::InProgress),
                ..AppealFilter::default()
            },
            PageQuery::default(),
        )
        .await
        .unwrap();
    assert_eq!(queue.total, 1);
    let closed = resident
        .set_appeal_status(written.summary.id, S::Closed)
        .await
        .unwrap();
    assert_eq!(closed.summary.status, S::Closed);
    assert!(closed.closed_at.is_some());
    assert_eq!(
        code(
            resident
                .write_in_appeal(written.summary.id, &message("И ещё"), &[])
                .await
        ),
        (Some(409), Some(ErrorCode::StatusNotAllowed))
    );
    assert_eq!(
        code(
            desk.answer_appeal(written.summary.id, &message("Ответ"))
                .await
        ),
        (Some(409), Some(ErrorCode::StatusNotAllowed))
    );
}

async fn every_status_rule_is_enforced(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let resident = company.resident(&app, "resident").await;
    let desk = &company.operator;
    let id = resident
        .create_appeal(company.account.id, &appeal("Вопрос"), &[])
        .await
        .unwrap()
        .summary
        .id;
    let conflict = (Some(409), Some(ErrorCode::StatusNotAllowed));
    assert_eq!(
        code(desk.set_operator_appeal_status(id, S::Answered).await),
        conflict
    );
    assert_eq!(
        code(desk.set_operator_appeal_status(id, S::New).await),
        conflict
    );
    assert_eq!(
        code(resident.set_appeal_status(id, S::InProgress).await),
        conflict
    );
    assert_eq!(
        code(resident.set_appeal_status(id, S::Answered).await),
        conflict
    );
    desk.answer_appeal(id, &message("Ответ")).await.unwrap();
    assert_eq!(
        code(desk.set_operator_appeal_status(id, S::InProgress).await),
        conflict
    );

    // Thirty-one days after the answer it is too late to reopen.
    let long_ago = domkom_server::db::now() - chrono::Duration::days(31);
    diesel::update(appeals::table.find(id))
        .set(appeals::answered_at.eq(long_ago))
        .execute(&mut app.pool.get().unwrap())
        .unwrap();
    let expired = (Some(409), Some(ErrorCode::ReopenExpired));
    assert_eq!(
        code(resident.set_appeal_status(id, S::InProgress).await),
        expired
    );
    assert_eq!(
        code(resident.write_in_appeal(id, &message("Снова"), &[]).await),
        expired
    );
    let problem = resident
        .set_appeal_status(id, S::InProgress)
        .await
        .unwrap_err();
    assert!(problem.problem().unwrap().detail.contains("30 дней"));
    desk.set_operator_appeal_status(id, S::Closed)
        .await
        .unwrap();
    assert_eq!(
        code(resident.set_appeal_status(id, S::Closed).await),
        conflict
    );
}

async fn photos_are_judged_by_their_bytes_and_nothing_is_kept_of_a_refusal(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;

    // A text file named and labelled as a JPEG: 415.
    let fake = upload("photo.jpg", "image/jpeg", b"<svg onload=alert(1)>");
    let refused = resident
        .create_appeal(
            account,
            &appeal("Фото"),
            &[upload("a.png", "image/png", PNG), fake],
        )
        .await
        .unwrap_err();
    assert_eq!(
        (refused.status(), refused.code()),
        (Some(415), Some(ErrorCode::UnsupportedMediaType))
    );
    // A JPEG one byte above 5 MiB: 413.
    let mut big = vec![0xFF, 0xD8, 0xFF, 0xE0];
    big.resize(5 * 1024 * 1024 + 1, 0);
    let refused = resident
        .create_appeal(
            account,
            &appeal("Фото"),
            &[upload("big.jpg", "image/jpeg", &big)],
        )
        .await
        .unwrap_err();
    assert_eq!(
        (refused.status(), refused.code()),
        (Some(413), Some(ErrorCode::PayloadTooLarge))
    );
    // Six photos: 422 on `photos`.
    let six = vec![upload("a.png", "image/png", PNG); 6];
    let refused = resident
        .create_appeal(account, &appeal("Фото"), &six)
        .await
        .unwrap_err();
    assert_eq!(crate::fixtures::fields(&refused), ["photos"]);
    assert_eq!(stored(&app), (0, 0), "nothing kept of a refused appeal");

    // A HEIC from a phone, sent as bytes of no declared type, is kept as HEIC.
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
    let written = resident
        .create_appeal(
            account,
            &appeal("Фото"),
            &[upload("IMG_1.HEIC", "application/octet-stream", heic)],
        )
        .await
        .unwrap();
    assert_eq!(written.messages[0].photos[0].content_type, "image/heic");
    // A refused message keeps nothing either.
    let fake = upload("x.png", "image/png", b"GIF89a....");
    let refused = resident
        .write_in_appeal(written.summary.id, &message("Ещё фото"), &[fake])
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(415));
    assert_eq!(
        resident
            .appeal(written.summary.id)
            .await
            .unwrap()
            .messages
            .len(),
        1
    );
    assert_eq!(stored(&app), (1, 1));
}

async fn the_contact_the_text_and_the_topic_are_checked(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;
    let no_contact = NewAppeal {
        contact_phone: Some("  ".into()),
        contact_email: None,
        ..appeal("Текст")
    };
    let refused = resident
        .create_appeal(account, &no_contact, &[])
        .await
        .unwrap_err();
    assert_eq!(crate::fixtures::fields(&refused), ["contact_phone"]);
    let bad = NewAppeal {
        text: "x".repeat(4001),
        contact_email: Some("not an address".into()),
        ..appeal("")
    };
    let refused = resident
        .create_appeal(account, &bad, &[])
        .await
        .unwrap_err();
    assert_eq!(crate::fixtures::fields(&refused), ["text", "contact_email"]);

    // The company's own topics replace the default list.
    let desk = &company.operator;
    let twice = AppealTopics {
        topics: vec!["Лифт".into(), "лифт ".into()],
    };
    let refused = desk.set_appeal_topics(&twice).await.unwrap_err();
    assert_eq!(crate::fixtures::fields(&refused), ["topics[1]"]);
    let own = AppealTopics {
        topics: vec!["Лифт".into(), "Другое".into()],
    };
    assert_eq!(desk.set_appeal_topics(&own).await.unwrap(), own);
    assert_eq!(resident.appeal_topics(account).await.unwrap(), own);
    let refused = resident
        .create_appeal(account, &appeal("Текст"), &[])
        .await
        .unwrap_err();
    assert_eq!(crate::fixtures::fields(&refused), ["topic"]);
    let lift = NewAppeal {
        topic: "Лифт".into(),
        ..appeal("Лифт стоит")
    };
    let written = resident.create_appeal(account, &lift, &[]).await.unwrap();
    let by_topic = desk
        .operator_appeals(
            &AppealFilter {
                topic: Some("Лифт".into()),
                house_id: Some(company.house.id),
                ..AppealFilter::default()
            },
            PageQuery::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        by_topic.items.iter().map(|a| a.id).collect::<Vec<_>>(),
        [written.summary.id]
    );
    let old = desk
        .operator_appeals(
            &AppealFilter {
                older_than_days: Some(1),
                ..AppealFilter::default()
            },
            PageQuery::default(),
        )
        .await
        .unwrap();
    assert_eq!(old.total, 0, "written just now");
}

/// Every appeal endpoint as `who`: the status of each.
async fn appeal_calls(who: &Client, written: &domkom_client::dto::Appeal) -> Vec<Option<u16>> {
    let account = written.summary.account_id;
    let mut calls = vec![
        code(who.appeal_topics(account).await).0,
        code(who.appeals(account, PageQuery::default()).await).0,
        code(who.create_appeal(account, &appeal("Чужое"), &[]).await).0,
    ];
    calls.extend(thread_calls(who, written).await);
    calls
}

/// The endpoints of one appeal as `who`.
async fn thread_calls(who: &Client, written: &domkom_client::dto::Appeal) -> Vec<Option<u16>> {
    let id = written.summary.id;
    let photo = written.messages[0].photos[0].id;
    vec![
        code(who.appeal(id).await).0,
        code(who.write_in_appeal(id, &message("Чужое"), &[]).await).0,
        code(who.set_appeal_status(id, S::Closed).await).0,
        code(who.appeal_photo(id, photo).await).0,
    ]
}

async fn desk_calls(who: &Client, written: &domkom_client::dto::Appeal) -> Vec<Option<u16>> {
    let id = written.summary.id;
    let photo = written.messages[0].photos[0].id;
    vec![
        code(who.operator_appeal(id).await).0,
        code(who.answer_appeal(id, &message("Чужое")).await).0,
        code(who.set_operator_appeal_status(id, S::Closed).await).0,
        code(who.operator_appeal_photo(id, photo).await).0,
    ]
}

async fn no_one_else_reads_or_changes_an_appeal(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let other = Company::new(&app, &admin, 2).await;
    let resident = company.resident(&app, "resident").await;
    let written = resident
        .create_appeal(
            company.account.id,
            &appeal("Моё"),
            &[upload("a.png", "image/png", PNG)],
        )
        .await
        .unwrap();
    let stranger = other.resident(&app, "stranger").await;
    let (unlinked, _) = app.signed_in("unlinked").await;
    for who in [&stranger, &unlinked, &company.operator, &other.operator] {
        assert_eq!(appeal_calls(who, &written).await, vec![Some(404); 7]);
    }
    // A flatmate linked to the same account writes their own, and reads none of these.
    let flatmate = company.resident(&app, "flatmate").await;
    let own = flatmate
        .appeals(company.account.id, PageQuery::default())
        .await
        .unwrap();
    assert_eq!(own.total, 0);
    assert_eq!(thread_calls(&flatmate, &written).await, [Some(404); 4]);
    for who in [&resident, &stranger] {
        assert_eq!(desk_calls(who, &written).await, vec![Some(403); 4]);
    }
    assert_eq!(
        desk_calls(&other.operator, &written).await,
        vec![Some(404); 4]
    );
    let theirs = other
        .operator
        .operator_appeals(&AppealFilter::default(), PageQuery::default())
        .await
        .unwrap();
    assert_eq!(theirs.total, 0);
    let anonymous = app.new_client();
    assert_eq!(appeal_calls(&anonymous, &written).await, vec![Some(401); 7]);
    // Nothing changed: still new, one message, no letter.
    let thread = resident.appeal(written.summary.id).await.unwrap();
    assert_eq!((thread.summary.status, thread.messages.len()), (S::New, 1));
    assert_eq!(stored(&app), (1, 1));
}

/// The organization's digest job: its `run_after`.
fn digest_due(app: &TestApp, org: domkom_values::OrganizationId) -> Vec<chrono::NaiveDateTime> {
    use domkom_server::db::schema::jobs;
    jobs::table
        .filter(jobs::organization_id.eq(org))
        .filter(jobs::kind.eq("appeals_digest"))
        .filter(jobs::status.eq("queued"))
        .select(jobs::run_after.assume_not_null())
        .load(&mut app.pool.get().unwrap())
        .unwrap()
}

async fn the_staff_get_a_morning_digest_of_what_waits(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let org = company.org.id;
    let due = digest_due(&app, org);
    assert_eq!(due.len(), 1, "queued with the organization");
    let now = domkom_server::db::now();
    assert!(
        due[0] > now && due[0] <= now + chrono::Duration::days(1),
        "{due:?}"
    );

    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;
    let waiting = resident
        .create_appeal(account, &appeal("Не работает домофон"), &[])
        .await
        .unwrap();
    let answered = resident
        .create_appeal(account, &appeal("Когда покрасят подъезд?"), &[])
        .await
        .unwrap();
    company
        .operator
        .answer_appeal(answered.summary.id, &message("В мае"))
        .await
        .unwrap();

    // The morning comes: the digest goes to the staff and waits for the next morning.
    use domkom_server::db::schema::jobs;
    diesel::update(jobs::table.filter(jobs::kind.eq("appeals_digest")))
        .set(jobs::run_after.eq(now - chrono::Duration::minutes(1)))
        .execute(&mut app.pool.get().unwrap())
        .unwrap();
    let runner = app.runner();
    tokio::task::spawn_blocking(move || runner.run_pending())
        .await
        .unwrap();
    let digests: Vec<String> = letters(&app.data_dir.path().join("outbox"))
        .into_iter()
        .filter(|l| l.contains("Message-ID: <digest-"))
        .map(|l| decode_letter(&l))
        .collect();
    assert_eq!(digests.len(), 1, "one operator, one letter");
    let digest = &digests[0];
    assert!(
        digest.contains(&format!("№ {}", waiting.summary.id)),
        "{digest}"
    );
    assert!(digest.contains("Не работает домофон"));
    assert!(
        !digest.contains("Когда покрасят подъезд?"),
        "answered: not waiting"
    );
    assert!(digest.contains("/desk/appeals"));
    let due = digest_due(&app, org);
    assert_eq!(due.len(), 1);
    assert!(
        due[0] > domkom_server::db::now(),
        "queued for the next morning"
    );
}

on_both_backends!(
    a_resident_writes_with_a_photo_and_reads_the_answer,
    every_status_rule_is_enforced,
    photos_are_judged_by_their_bytes_and_nothing_is_kept_of_a_refusal,
    the_contact_the_text_and_the_topic_are_checked,
    no_one_else_reads_or_changes_an_appeal,
    the_staff_get_a_morning_digest_of_what_waits,
);
