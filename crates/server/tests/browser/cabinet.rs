//! A new resident's cabinet on the demo data, on a phone-sized screen: no accounts yet, the
//! «Добавить лицевой счёт» wizard with a wrong and then the right code, the account card
//! («Главная»), «Начисления» with «Как рассчитано» and totals that add up, «Показания
//! счётчиков» sent (`readings`), «Платежи» that add up (`payments`), and unlinking.

use crate::browser::{seed_demo, spawn_app, Browser};
use crate::helpers::PASSWORD;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::LinkAccount;
use domkom_values::Money;

/// The amounts in the `data-kopecks` attributes of `css`.
pub async fn kopecks(b: &Browser, css: &str) -> Vec<Money> {
    b.attrs(css, "data-kopecks")
        .await
        .iter()
        .map(|k| {
            k.parse()
                .map(Money::from_kopecks)
                .unwrap_or_else(|_| panic!("`{css}`: «{k}» is not kopecks"))
        })
        .collect()
}

pub async fn one_kopecks(b: &Browser, css: &str) -> Money {
    b.find(css).await;
    let all = kopecks(b, css).await;
    assert_eq!(all.len(), 1, "`{css}`: {all:?}");
    all[0]
}

#[tokio::test]
async fn a_new_resident_links_a_demo_account_and_reads_its_card_and_charges() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = spawn_app().await;
    let summary = seed_demo(&app).await;
    let uk = summary
        .organizations
        .iter()
        .find(|o| o.name.contains("Домовой"))
        .expect("the demo УК");
    let last_closed = summary.current_period.prev().unwrap().to_string();
    let form = app.registered("newresident").await;
    let b = &browser;

    // Вход: the landing page is «Мои лицевые счета», empty for now.
    b.goto(&app.url("/login")).await;
    b.find("#login-form").await;
    b.fits_the_screen("Вход").await;
    b.fill("#login-form", "login", &form.login).await;
    b.fill("#login-form", "password", PASSWORD).await;
    b.submit("#login-form").await;
    b.wait_path("/accounts").await;
    b.wait_text("#no-accounts", "ещё не добавлены").await;
    b.fits_the_screen("Мои лицевые счета").await;
    b.screenshot("01-no-accounts").await;

    // «Добавить лицевой счёт»: the kind, then the УК by name.
    b.click("#add-account").await;
    b.wait_path("/accounts/add").await;
    b.click("[data-test=kind][data-kind=zhku]").await;
    b.fill("#org-search-form", "org_query", "нет такой").await;
    b.submit("#org-search-form").await;
    b.wait_text("#org-not-found", "обратитесь").await;
    b.fits_the_screen("Добавить лицевой счёт").await;
    b.screenshot("02-org-not-found").await;
    b.fill("#org-search-form", "org_query", "домовой").await;
    b.submit("#org-search-form").await;
    let chosen = format!(
        "[data-test=organization][data-org-id=\"{}\"] [data-test=choose-organization]",
        uk.id
    );
    b.click(&chosen).await;
    b.wait_text("[data-test=chosen-organization]", "УК Домовой")
        .await;

    // A wrong code is refused at the code's field; the right one links the account.
    b.fill("#link-form", "account_number", &uk.resident_account)
        .await;
    b.fill("#link-form", "link_code", "WRONG123").await;
    b.submit("#link-form").await;
    b.wait_text("#link_code-error", "не найден").await;
    b.wait_focus("link_code").await;
    b.fits_the_screen("Добавить лицевой счёт: номер и код")
        .await;
    b.screenshot("03-link-refused").await;
    b.fill("#link-form", "link_code", &uk.resident_link_code)
        .await;
    b.submit("#link-form").await;

    // Главная: holder, area and the money of the last closed period, as the API says.
    b.wait_text("[data-test=added]", "добавлен").await;
    let api = app.new_client();
    api.login(&form.login, PASSWORD).await.unwrap();
    let linked = api.my_accounts().await.unwrap();
    assert_eq!(linked.len(), 1);
    let account = &linked[0];
    assert_eq!(account.number, uk.resident_account);
    let card = api.account_card(account.id).await.unwrap();
    b.wait_path(&format!("/accounts/{}", account.id)).await;
    b.wait_text("[data-test=holder]", &card.holder).await;
    assert_eq!(card.holder, "Смирнова Анна Сергеевна");
    let area = b.wait_text("[data-test=area]", "м²").await;
    assert_eq!(
        area.replace('\u{a0}', " "),
        format!(
            "{},{:02} м²",
            card.area.hundredths() / 100,
            card.area.hundredths() % 100
        ),
        "{card:?}"
    );
    let money = card.money.as_ref().expect("a closed period");
    assert_eq!(money.period.to_string(), last_closed);
    assert_eq!(one_kopecks(b, "[data-test=balance]").await, money.balance);
    // The label is the server's status text: «К оплате до …» before the due date, the
    // debt only after it.
    b.wait_text("[data-test=balance-status]", &money.status_text)
        .await;
    b.wait_text("#organization", "+7 495 332-18-40").await;
    assert_eq!(
        b.attr("#organization a[href^=\"tel:\"]", "href").await,
        "tel:+74953321840"
    );
    b.wait_text("#services-table", "Холодное водоснабжение")
        .await;
    b.fits_the_screen("Главная").await;
    b.screenshot("04-home").await;

    // The list shows the account now.
    b.click("header a[href=\"/accounts\"]").await;
    b.wait_text("#account-list", &uk.resident_account).await;
    b.fits_the_screen("Мои лицевые счета").await;
    b.screenshot("05-accounts").await;

    // Начисления: the last closed month first.
    b.click("[data-test=account] a.account-link").await;
    b.click(&format!("a[href=\"/accounts/{}/charges\"]", account.id))
        .await;
    let section = format!("#period-charges[data-period=\"{last_closed}\"]");
    b.find(&section).await;
    b.find("[data-test=charge-line]").await;
    let metered = "[data-test=charge-line][data-method=meter]";
    b.click(&format!("{metered} summary")).await;
    let text = b
        .wait_text(&format!("{metered} .explanation"), "показания")
        .await;
    assert!(text.contains("Счётчик"), "{text}");
    let common = "[data-test=charge-line][data-method=share]";
    b.click(&format!("{common} summary")).await;
    let text = b
        .wait_text(&format!("{common} .explanation"), "формула 1")
        .await;
    assert!(
        text.contains("формула 12") || text.contains("формула 15"),
        "{text}"
    );

    // The totals add up, and they are the API's.
    let amounts = kopecks(b, "[data-test=charge-line] [data-test=amount]").await;
    let recalculated = kopecks(b, "[data-test=charge-line] [data-test=recalculated]").await;
    let adjusted = kopecks(b, "[data-test=charge-line] [data-test=adjusted]").await;
    let charged = one_kopecks(b, "#charges-totals [data-test=charged]").await;
    let recalc_total = one_kopecks(b, "#charges-totals [data-test=recalculated]").await;
    let penalties = one_kopecks(b, "#charges-totals [data-test=penalties]").await;
    let total = one_kopecks(b, "#charges-totals [data-test=total]").await;
    assert_eq!(amounts.iter().sum::<Money>(), charged);
    for ((a, r), adj) in amounts.iter().zip(&recalculated).zip(&adjusted) {
        assert_eq!(*a + *r, *adj);
    }
    assert_eq!(charged + recalc_total + penalties, total);
    let period = api.period_charges(account.id, &last_closed).await.unwrap();
    assert_eq!(
        (
            period.charged,
            period.recalculated,
            period.penalties,
            period.total
        ),
        (charged, recalc_total, penalties, total)
    );
    assert_eq!(amounts.len(), period.lines.len());
    b.fits_the_screen("Начисления").await;
    b.screenshot("06-charges").await;

    // Another month from the picker.
    let earlier = summary.current_period.prev().unwrap().prev().unwrap();
    b.find("#period")
        .await
        .select_by_value(&earlier.to_string())
        .await
        .unwrap();
    b.find(&format!(
        "#period-charges[data-period=\"{earlier}\"] [data-test=charge-line]"
    ))
    .await;

    // The browser's «Назад» goes to the step before, the account's start (the picker
    // replaced the address instead of adding a step), and «Вперёд» brings the month back.
    b.client.back().await.unwrap();
    b.wait_path(&format!("/accounts/{}", account.id)).await;
    b.wait_text("[data-test=holder]", &card.holder).await;
    b.client.forward().await.unwrap();
    b.find(&format!(
        "#period-charges[data-period=\"{earlier}\"] [data-test=charge-line]"
    ))
    .await;
    let menu = b.attrs(".section-menu a[aria-current=page]", "href").await;
    assert_eq!(menu, [format!("/accounts/{}/charges", account.id)]);

    // Показания счётчиков, then Платежи.
    crate::readings::send_the_months_readings(b, &api, account.id).await;
    crate::payments::read_the_statement(b, &api, account.id).await;
    crate::payments::pay_online(b, &api, account.id).await;
    crate::profile::subscribe_to_receipts(b, &app, &api, account.id).await;

    // Someone else's account, or a link typed wrong, is not there.
    // Asking again cannot help: the way back to the list instead of «Повторить».
    b.goto(&app.url("/accounts/999999/charges")).await;
    b.wait_text("[role=alert]", "не найден").await;
    b.click(".load-failed[data-retry=false] a[href=\"/accounts\"]")
        .await;
    b.wait_path("/accounts").await;
    b.goto(&app.url("/accounts/999999")).await;
    b.wait_text(".load-failed", "не найден").await;
    let buttons = b
        .client
        .find_all(fantoccini::Locator::Css(".load-failed button"))
        .await
        .unwrap();
    assert!(buttons.is_empty(), "no «Повторить» for an unknown account");

    // Unlinking asks first, then the list is empty again.
    b.click("header a[href=\"/accounts\"]").await;
    b.click("[data-test=account] [data-test=unlink]").await;
    b.click("[data-test=account] [data-test=unlink-confirm]")
        .await;
    b.wait_text("#no-accounts", "ещё не добавлены").await;
    assert!(api.my_accounts().await.unwrap().is_empty());

    // Wrong proofs are limited: one above, four more here, then even the right code waits,
    // and the page says for how long.
    for _ in 0..4 {
        let wrong = LinkAccount {
            organization_id: uk.id,
            account_number: uk.resident_account.clone(),
            link_code: Some("WRONG123".into()),
            last_receipt_total: None,
            kind: None,
        };
        let e = api.link_account(&wrong).await.unwrap_err();
        assert_eq!(e.code(), Some(ErrorCode::LinkRefused));
    }
    b.click("#add-account").await;
    b.click("[data-test=kind][data-kind=zhku]").await;
    // By INN this time.
    b.fill("#org-search-form", "org_query", "7728164590").await;
    b.submit("#org-search-form").await;
    b.click(&chosen).await;
    b.fill("#link-form", "account_number", &uk.resident_account)
        .await;
    b.click("#proof-total").await;
    b.fill("#link-form", "last_receipt_total", "1 234,56").await;
    b.submit("#link-form").await;
    b.wait_text("#link-form [role=alert]", "попробуйте снова через")
        .await;
    b.screenshot("15-too-many-tries").await;

    browser.close().await;
}
