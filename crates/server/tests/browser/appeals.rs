//! «Обращения» from both sides: a resident writes to the company with a photo; an operator
//! signs in to the desk, finds it in the queue, sees the photo, takes it up and answers
//! (the letter goes to the contact e-mail) and edits the topics; the resident comes back
//! to the unread answer in the account's menu, reads it and closes the appeal.

use crate::browser::{spawn_app, Browser};
use crate::helpers::{letters, TestApp, PASSWORD};
use domkom_client::dto::{
    Account, AccountData, AccountKind, HouseData, LinkAccount, PageQuery, PremiseData,
};
use domkom_client::Client;
use domkom_values::{Area, Money, OrganizationId};
use std::time::{Duration, Instant};

const TEXT: &str = "Течёт батарея в детской, под окном лужа. Прошу прислать мастера.";
const ANSWER: &str = "Сантехник придёт завтра с 9 до 12.\nСтояк перекроем на час.";
pub const ADDRESS: &str = "ул. Садовая, д. 5";

/// The company's operator (signed in through the API), its organization and an account
/// of its house.
pub async fn company(app: &TestApp) -> (Client, OrganizationId, Account) {
    let admin = app.admin().await;
    let (desk, org) = app.operator(&admin, 1).await;
    let house = desk
        .create_house(&HouseData {
            address: ADDRESS.into(),
            total_area: Area::from_hundredths(300_000),
            common_area: Area::from_hundredths(40_000),
            share_cap_at_norm: false,
        })
        .await
        .unwrap();
    let premise = desk
        .create_premise(&PremiseData {
            house_id: house.id,
            number: "12".into(),
            residential: true,
            area: Area::from_hundredths(5_430),
        })
        .await
        .unwrap();
    let account = desk
        .create_account(&AccountData {
            premise_id: premise.id,
            number: "2001".into(),
            kind: AccountKind::Zhku,
            holder: "Петрова Мария Ивановна".into(),
            persons: 3,
            opening_balance: Money::ZERO,
            service_ids: vec![],
        })
        .await
        .unwrap();
    (desk, org.id, account)
}

/// Waits until the image `css` has loaded, and returns its natural width.
async fn loaded_width(b: &Browser, css: &str) -> i64 {
    let started = Instant::now();
    loop {
        let width = b
            .client
            .execute(
                "const img = document.querySelector(arguments[0]); \
                 return img && img.complete ? img.naturalWidth : 0;",
                vec![css.into()],
            )
            .await
            .unwrap();
        match width.as_i64() {
            Some(w) if w > 0 => return w,
            _ if started.elapsed() > Duration::from_secs(20) => panic!("`{css}` never loaded"),
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// The computed background of the first `css`.
async fn background(b: &Browser, css: &str) -> String {
    let script = "return getComputedStyle(document.querySelector(arguments[0])).backgroundColor;";
    let color = b.client.execute(script, vec![css.into()]).await.unwrap();
    color.as_str().unwrap().to_owned()
}

/// How many elements `css` matches now.
async fn count(b: &Browser, css: &str) -> usize {
    b.attrs(css, "class").await.len()
}

#[tokio::test]
async fn a_resident_writes_with_a_photo_the_desk_answers_the_resident_reads_it() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = spawn_app().await;
    let (desk, org, account) = company(&app).await;
    let writer = app.registered("writer").await;
    let api = app.new_client();
    api.login(&writer.login, PASSWORD).await.unwrap();
    api.link_account(&LinkAccount {
        organization_id: org,
        account_number: account.data.number.clone(),
        link_code: Some(account.link_code.clone()),
        last_receipt_total: None,
        kind: None,
    })
    .await
    .unwrap();
    let files = tempfile::tempdir().unwrap();
    let photo = files.path().join("leak.png");
    std::fs::write(&photo, png(160, 120)).unwrap();
    let scan = files.path().join("scan.pdf");
    std::fs::write(&scan, b"%PDF-1.4\n%%EOF\n").unwrap();
    let b = &browser;
    let appeals = format!("/accounts/{}/appeals", account.id);

    // «Обращения» in the account's menu: none yet, and what they are for.
    b.sign_in(&app, "writer", PASSWORD).await;
    b.wait_path("/accounts").await;
    b.click("[data-test=account] a.account-link").await;
    b.click(&format!(".section-menu a[href=\"{appeals}\"]"))
        .await;
    b.wait_text("#no-appeals", "Обращений пока нет").await;
    b.wait_text("#no-appeals", "сообщить о протечке").await;
    b.fits_the_screen("Обращения: пусто").await;
    b.screenshot("20-appeals-empty").await;

    // «Новое обращение»: the contact is the profile's; the server's rules, checked here,
    // are told at their fields.
    b.click("#new-appeal").await;
    b.wait_path(&format!("{appeals}/new")).await;
    let form = "#appeal-form";
    let value = |name: &'static str| async move {
        let field = b.find(&format!("{form} [name={name}]")).await;
        field.prop("value").await.unwrap().unwrap_or_default()
    };
    assert_eq!(value("contact_phone").await, writer.phone);
    assert_eq!(value("contact_email").await, writer.email);
    // A space, which the check trims away: typing nothing would not tell the page.
    b.fill(form, "contact_phone", " ").await;
    b.fill(form, "contact_email", " ").await;
    b.submit(form).await;
    b.wait_text("#text-error", "Заполните").await;
    b.wait_text("#contact_phone-error", "телефон или e-mail")
        .await;
    b.wait_focus("text").await;

    // A file that is no photo is refused as it is chosen; the photo is taken.
    let input = b.find("#photos").await;
    input.send_keys(scan.to_str().unwrap()).await.unwrap();
    b.wait_text("#photos-error", "JPEG, PNG или HEIC").await;
    assert_eq!(count(b, "[data-test=chosen-photo]").await, 0);
    input.send_keys(photo.to_str().unwrap()).await.unwrap();
    b.wait_text("[data-test=chosen-photo]", "leak.png").await;
    assert_eq!(count(b, "#photos-error").await, 0, "the refusal is gone");

    b.find("#topic")
        .await
        .select_by_value("Отопление и горячая вода")
        .await
        .unwrap();
    b.fill(form, "text", TEXT).await;
    b.wait_text("#text-count", &format!("{} из 4000", TEXT.chars().count()))
        .await;
    b.fill(form, "contact_phone", "+7 912 345-67-89").await;
    b.fill(form, "contact_email", "Reply.To@Example.ru").await;
    b.fits_the_screen("Новое обращение").await;
    b.screenshot("21-appeal-new").await;
    b.submit(form).await;

    // The thread it starts, with the photo the server keeps.
    b.wait_text(
        "[data-test=message] [data-test=text]",
        "Прошу прислать мастера",
    )
    .await;
    let written = api.appeals(account.id, PageQuery::default()).await.unwrap();
    assert_eq!(written.total, 1);
    let appeal = &written.items[0];
    assert_eq!(appeal.topic, "Отопление и горячая вода");
    b.wait_path(&format!("{appeals}/{}", appeal.id)).await;
    b.wait_text(".appeal-head [data-test=status]", "Новое")
        .await;
    let thread = api.appeal(appeal.id).await.unwrap();
    assert_eq!(thread.messages[0].text, TEXT);
    assert_eq!(thread.messages[0].photos.len(), 1);
    assert_eq!(thread.contact.email.as_deref(), Some("reply.to@example.ru"));
    assert_eq!(loaded_width(b, "[data-test=photo]").await, 160);
    b.fits_the_screen("Обращение").await;
    b.screenshot("22-appeal-written").await;
    b.sign_out().await;

    // The operator lands on the desk, and the resident's pages are not theirs.
    b.sign_in(&app, "operator1", PASSWORD).await;
    b.wait_path("/desk/appeals").await;
    b.goto(&app.url("/accounts")).await;
    b.wait_path("/desk/appeals").await;
    assert!(b.attrs("a[href=\"/accounts\"]", "href").await.is_empty());

    // The queue: where, whose, what, how long it waits.
    let row = format!(
        "#queue [data-test=appeal][data-appeal-id=\"{}\"]",
        appeal.id
    );
    let shown = b.wait_text(&row, "Отопление и горячая вода").await;
    for part in [ADDRESS, "2001", "Новое", "Течёт батарея"] {
        assert!(shown.contains(part), "«{part}» in «{shown}»");
    }
    let waits = b
        .wait_text(&format!("{row} [data-test=when]"), "Ждёт ")
        .await;
    assert!(waits.ends_with("мин."), "{waits}");
    // Filtered by status in the address: none answered yet, one new.
    b.find("#queue-filter #status")
        .await
        .select_by_value("answered")
        .await
        .unwrap();
    b.submit("#queue-filter").await;
    b.wait_text("#no-appeals", "Обращений с такими").await;
    let url = b.client.current_url().await.unwrap();
    assert!(url.query().unwrap().contains("status=answered"), "{url}");
    b.find("#queue-filter #status")
        .await
        .select_by_value("new")
        .await
        .unwrap();
    b.submit("#queue-filter").await;
    b.find(&row).await;
    b.fits_the_screen("Рабочее место: обращения").await;
    b.screenshot("23-desk-queue").await;

    // The appeal: the photo, the resident's contact, taken up, answered.
    b.click(&format!("{row} a")).await;
    b.wait_path(&format!("/desk/appeals/{}", appeal.id)).await;
    assert_eq!(loaded_width(b, "[data-test=photo]").await, 160);
    assert_eq!(
        b.attr("[data-test=contact-phone]", "href").await,
        "tel:+79123456789"
    );
    assert_eq!(
        b.attr("[data-test=contact-email]", "href").await,
        "mailto:reply.to@example.ru"
    );
    b.click(".photo-thumb").await;
    assert_eq!(loaded_width(b, "dialog[open] img").await, 160);
    b.screenshot("24-desk-photo").await;
    b.click("dialog[open] button").await;
    b.click("[data-test=take]").await;
    b.wait_text(".appeal-head [data-test=status]", "В работе")
        .await;
    assert_eq!(count(b, "[data-test=take]").await, 0, "taken only once");
    b.fill("#message-form", "text", ANSWER).await;
    b.submit("#message-form").await;
    b.wait_text("#message-form [role=status]", "Ответ отправлен")
        .await;
    b.wait_text(".appeal-head [data-test=status]", "Дан ответ")
        .await;
    b.wait_text(
        "[data-test=message][data-from-staff=true] [data-test=author]",
        "Оператор Ольга Петровна",
    )
    .await;
    assert_ne!(
        background(b, "[data-test=message][data-from-staff=true]").await,
        background(b, "[data-test=message][data-from-staff=false]").await,
        "the company's message looks apart from the resident's"
    );
    b.fits_the_screen("Рабочее место: обращение").await;
    b.screenshot("25-desk-answered").await;

    // The letter went to the contact the resident gave, with the answer.
    let letter = letters(&app.data_dir.path().join("outbox"))
        .into_iter()
        .find(|l| l.contains("To: reply.to@example.ru"))
        .expect("the answer's letter");
    assert!(ANSWER.lines().all(|l| letter.contains(l)), "{letter}");

    // «Темы обращений»: a topic twice is refused at its row; a new one is saved.
    b.click(".section-menu a[href=\"/desk/appeal-topics\"]")
        .await;
    b.find("[id=\"topics[7]\"]").await;
    for name in ["Домофон", "домофон"] {
        b.click("#add-topic").await;
        let last = count(b, ".topic-row").await - 1;
        let field = format!("[id=\"topics[{last}]\"]");
        b.find(&field).await.send_keys(name).await.unwrap();
    }
    b.submit("#topics-form").await;
    b.wait_text("#topics-9-error", "уже есть").await;
    b.wait_focus("topics[9]").await;
    b.click(".topic-row:last-child [data-test=remove-topic]")
        .await;
    b.submit("#topics-form").await;
    b.wait_text("#topics-form [role=status]", "Темы сохранены")
        .await;
    let topics = desk.operator_appeal_topics().await.unwrap().topics;
    assert_eq!(topics.len(), 9);
    assert_eq!(topics.last().map(String::as_str), Some("Домофон"));
    b.fits_the_screen("Рабочее место: темы").await;
    b.screenshot("26-desk-topics").await;
    b.sign_out().await;

    // The resident: the unread answer in the account's menu, then read in the thread.
    b.sign_in(&app, "writer", PASSWORD).await;
    b.wait_path("/accounts").await;
    b.goto(&app.url("/desk")).await;
    b.wait_path("/accounts").await;
    b.click("[data-test=account] a.account-link").await;
    b.wait_text(".section-menu [data-test=unread-answers]", "1")
        .await;
    b.click(&format!(".section-menu a[href=\"{appeals}\"]"))
        .await;
    let item = format!("[data-test=appeal][data-appeal-id=\"{}\"]", appeal.id);
    b.wait_text(&format!("{item} [data-test=unread]"), "1")
        .await;
    b.wait_text(&format!("{item} [data-test=status]"), "Дан ответ")
        .await;
    b.fits_the_screen("Обращения: новый ответ").await;
    b.screenshot("27-unread-answer").await;
    b.click(&format!("{item} a")).await;
    // Its lines as the operator typed them.
    let answer = "[data-test=message][data-from-staff=true] [data-test=text]";
    assert_eq!(b.wait_text(answer, "Стояк перекроем").await, ANSWER);
    b.wait_text("[data-test=reopen]", "напишите здесь до").await;
    // Read now: the menu's count is gone.
    let started = Instant::now();
    while count(b, "[data-test=unread-answers]").await > 0 {
        assert!(started.elapsed() < Duration::from_secs(20), "still unread");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Signing out in the browser ended every access token the resident had then.
    api.login(&writer.login, PASSWORD).await.unwrap();
    let list = api.appeals(account.id, PageQuery::default()).await.unwrap();
    assert_eq!(list.unread_answers, 0);
    b.fits_the_screen("Обращение с ответом").await;
    b.screenshot("28-appeal-answered").await;

    // Done with: closed, asked first; nothing more is written in it.
    b.click("[data-test=close]").await;
    b.wait_text("#close-question", "Писать в нём больше будет нельзя")
        .await;
    b.click("[data-test=close-confirm]").await;
    b.wait_text(".appeal-head [data-test=status]", "Закрыто")
        .await;
    b.wait_text("[data-test=closed]", "Написать новое обращение")
        .await;
    assert_eq!(count(b, "#message-form").await, 0);
    assert_eq!(count(b, "[data-test=close]").await, 0);
    b.screenshot("29-appeal-closed").await;

    browser.close().await;
}

/// A real PNG of `width`×`height` pixels (a gradient), its deflate stream in stored
/// blocks: small code, a valid file any browser decodes.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut pixels = Vec::new();
    for y in 0..height {
        pixels.push(0); // no filter
        for x in 0..width {
            pixels.extend([(x * 255 / width) as u8, (y * 255 / height) as u8, 180]);
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = pixels.chunks(0xFFFF).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend(len.to_le_bytes());
        zlib.extend((!len).to_le_bytes());
        zlib.extend(*block);
    }
    zlib.extend(adler32(&pixels).to_be_bytes());
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]); // 8 bits, RGB
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(b"IHDR", &header), (b"IDAT", &zlib), (b"IEND", &Vec::new())] {
        png.extend((data.len() as u32).to_be_bytes());
        let start = png.len();
        png.extend(kind);
        png.extend(data);
        png.extend(crc32(&png[start..]).to_be_bytes());
    }
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}
