//! «Платные услуги» from both sides: a resident orders a service from the catalogue; an
//! operator finds the request on the desk, accepts it with a time and a price and marks
//! it done (a letter goes to the contact e-mail at each step), and finds the catalogue's
//! service kept from deletion while a request names it; the resident sees the agreed
//! time, then the request done, pays it online through the sandbox acquirer and sees it
//! paid.

use crate::appeals::{company, ADDRESS};
use crate::browser::{spawn_app, Browser};
use crate::helpers::{letters, PASSWORD};
use domkom_client::dto::{LinkAccount, PageQuery, PaidServiceData, RequestStatus};
use domkom_values::Money;

const SERVICE: &str = "Вызов сантехника";
const COMMENT: &str = "Течёт смеситель на кухне";

/// Sets a date or time input as a picker would: the page hears `input`.
async fn set_value(b: &Browser, css: &str, value: &str) {
    b.find(css).await;
    b.client
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
             el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![css.into(), value.into()],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_resident_orders_the_desk_accepts_and_finishes_the_resident_pays() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = spawn_app().await;
    let (desk, org, account) = company(&app).await;
    let plumber = desk
        .create_paid_service(&PaidServiceData {
            name: SERVICE.into(),
            description: "Устранение протечек, замена смесителя".into(),
            price: Some(Money::from_kopecks(150_000)),
            unit: "услуга".into(),
            active: true,
        })
        .await
        .unwrap();
    desk.create_paid_service(&PaidServiceData {
        name: "Замена электросчётчика".into(),
        price: None,
        unit: "шт.".into(),
        active: true,
        ..Default::default()
    })
    .await
    .unwrap();
    let resident = app.registered("orderer").await;
    let api = app.new_client();
    api.login(&resident.login, PASSWORD).await.unwrap();
    api.link_account(&LinkAccount {
        organization_id: org,
        account_number: account.data.number.clone(),
        link_code: Some(account.link_code.clone()),
        last_receipt_total: None,
        kind: None,
    })
    .await
    .unwrap();
    let b = &browser;
    let requests = format!("/accounts/{}/service-requests", account.id);

    // «Платные услуги» in the account's menu: none yet.
    b.sign_in(&app, "orderer", PASSWORD).await;
    b.wait_path("/accounts").await;
    b.click("[data-test=account] a.account-link").await;
    b.click(&format!(".section-menu a[href=\"{requests}\"]"))
        .await;
    b.wait_text("#no-requests", "Заявок пока нет").await;
    b.fits_the_screen("Платные услуги: пусто").await;
    b.screenshot("30-requests-empty").await;

    // The catalogue with its prices; the contact is the profile's and the server's rules
    // are told at their fields.
    b.click("#new-request").await;
    b.wait_path(&format!("{requests}/new")).await;
    let option = format!(
        "[data-test=service-option][data-service-id=\"{}\"]",
        plumber.id
    );
    b.wait_text(
        &format!("{option} [data-test=price]"),
        "1 500,00 ₽ / услуга",
    )
    .await;
    b.wait_text(
        "#paid_service_id",
        "Замена электросчётчика\nпо договорённости",
    )
    .await;
    let form = "#request-form";
    let email = b.find(&format!("{form} [name=contact_email]")).await;
    assert_eq!(
        email.prop("value").await.unwrap(),
        Some(resident.email.clone())
    );
    b.fill(form, "contact_phone", " ").await;
    b.fill(form, "contact_email", " ").await;
    b.submit(form).await;
    b.wait_text("#paid_service_id-error", "Выберите услугу")
        .await;
    b.wait_text("#contact_phone-error", "телефон или e-mail")
        .await;
    b.click(&format!("{option} input")).await;
    b.find("#time_slot")
        .await
        .select_by_value("morning")
        .await
        .unwrap();
    b.fill(form, "comment", COMMENT).await;
    b.fill(form, "contact_email", "Reply.To@Example.ru").await;
    b.fits_the_screen("Заказать услугу").await;
    b.screenshot("31-request-new").await;
    b.submit(form).await;

    // Back in the list, new.
    b.wait_path(&requests).await;
    let written = api
        .service_requests(account.id, PageQuery::default())
        .await
        .unwrap();
    assert_eq!(written.total, 1);
    let request = &written.items[0];
    assert_eq!(request.comment, COMMENT);
    assert_eq!(
        request.contact.email.as_deref(),
        Some("reply.to@example.ru")
    );
    let row = format!(
        "[data-test=service-request][data-request-id=\"{}\"]",
        request.id
    );
    b.wait_text(&format!("{row} [data-test=status]"), "Новая")
        .await;
    b.wait_text(&format!("{row} [data-test=preferred]"), "утром, 9:00–12:00")
        .await;
    b.sign_out().await;

    // The desk: «Заявки» in its menu, the request in the queue with where and whose.
    b.sign_in(&app, "operator1", PASSWORD).await;
    b.wait_path("/desk/appeals").await;
    b.click(".section-menu a[href=\"/desk/service-requests\"]")
        .await;
    let queued = format!("#request-queue {row}");
    let shown = b.wait_text(&queued, SERVICE).await;
    for part in [ADDRESS, "2001", "Новая", "утром"] {
        assert!(shown.contains(part), "«{part}» in «{shown}»");
    }
    b.find("#request-filter #status")
        .await
        .select_by_value("done")
        .await
        .unwrap();
    b.submit("#request-filter").await;
    b.wait_text("#no-requests", "Заявок с таким статусом нет")
        .await;
    let url = b.client.current_url().await.unwrap();
    assert!(url.query().unwrap().contains("status=done"), "{url}");
    b.client.back().await.unwrap();
    b.fits_the_screen("Рабочее место: заявки").await;
    b.screenshot("32-desk-requests").await;

    // The request: the resident's contact, accepted with a time and a price.
    b.click(&format!("{queued} a")).await;
    b.wait_path(&format!("/desk/service-requests/{}", request.id))
        .await;
    b.wait_text("[data-test=comment]", COMMENT).await;
    assert_eq!(
        b.attr("[data-test=contact-email]", "href").await,
        "mailto:reply.to@example.ru"
    );
    let price = b.find("#accept-form [name=price]").await;
    assert_eq!(
        price.prop("value").await.unwrap().as_deref(),
        Some("1500,00")
    );
    set_value(b, "#scheduled_time", "10:30").await;
    b.fill("#accept-form", "price", "1800").await;
    b.fits_the_screen("Рабочее место: новая заявка").await;
    b.screenshot("33-desk-accept").await;
    b.submit("#accept-form").await;
    b.wait_text(".appeal-head [data-test=status]", "Принята")
        .await;
    b.wait_text("#request-facts [data-test=scheduled]", "10:30")
        .await;
    b.wait_text("#request-facts [data-test=price]", "1 800,00 ₽")
        .await;
    // Signing out in the browser ended the resident's tokens then.
    api.login(&resident.login, PASSWORD).await.unwrap();
    let accepted = api.service_request(request.id).await.unwrap();
    assert_eq!(accepted.price, Some(Money::from_kopecks(180_000)));
    assert_eq!(
        accepted.scheduled_at,
        request.preferred_date.and_hms_opt(10, 30, 0)
    );

    // Done, asked first; then only read.
    b.click("[data-test=done]").await;
    b.wait_text("#done-question", "Отметить заявку выполненной")
        .await;
    b.click("[data-test=done-confirm]").await;
    b.wait_text(".appeal-head [data-test=status]", "Выполнена")
        .await;
    assert!(b
        .attrs("#accept-form, #reject-form, [data-test=done]", "id")
        .await
        .is_empty());
    b.fits_the_screen("Рабочее место: заявка выполнена").await;
    b.screenshot("34-desk-done").await;

    // The catalogue: a service a request names is not deleted; the page says what to do.
    b.click(".section-menu a[href=\"/desk/paid-services\"]")
        .await;
    let item = format!(
        "[data-test=paid-service][data-service-id=\"{}\"]",
        plumber.id
    );
    b.click(&format!("{item} [data-test=delete]")).await;
    b.click(&format!("{item} [data-test=delete-confirm]")).await;
    b.wait_text("[role=alert]", "снимите отметку «Доступна жителям»")
        .await;
    b.click(&format!("{item} [data-test=edit]")).await;
    b.fill("#service-form", "unit", "вызов").await;
    b.click("#service-form #active").await;
    b.fits_the_screen("Рабочее место: каталог").await;
    b.screenshot("35-desk-catalogue").await;
    b.submit("#service-form").await;
    b.wait_text(&format!("{item} [data-test=inactive]"), "Скрыта")
        .await;
    let changed = desk
        .operator_paid_services(PageQuery::default())
        .await
        .unwrap();
    let changed = changed.items.iter().find(|s| s.id == plumber.id).unwrap();
    assert_eq!(
        (changed.data.unit.as_str(), changed.data.active),
        ("вызов", false)
    );
    b.sign_out().await;

    // The letters of accepted and done went to the contact the resident gave.
    let told: Vec<String> = letters(&app.data_dir.path().join("outbox"))
        .into_iter()
        .filter(|l| l.contains("To: reply.to@example.ru"))
        .collect();
    let named = format!("Заявка № {} на услугу «{SERVICE}»", request.id);
    for (status, what) in [("принята", "10:30"), ("выполнена", "К оплате: 1 800,00")]
    {
        let letter = told
            .iter()
            .map(|l| l.replace('\u{a0}', " "))
            .find(|l| l.contains(&format!("{named} по адресу {ADDRESS}, кв. 12 {status}.")))
            .unwrap_or_else(|| panic!("«{status}» in {told:?}"));
        assert!(letter.contains(what), "{letter}");
    }

    // The resident: done, with the agreed time and price, paid online, then paid.
    b.sign_in(&app, "orderer", PASSWORD).await;
    b.wait_path("/accounts").await;
    b.goto(&app.url(&requests)).await;
    b.wait_text(&format!("{row} [data-test=status]"), "Выполнена")
        .await;
    b.wait_text(&format!("{row} [data-test=scheduled]"), "10:30")
        .await;
    b.wait_text(&format!("{row} [data-test=price]"), "1 800,00 ₽")
        .await;
    b.fits_the_screen("Платные услуги: к оплате").await;
    b.screenshot("36-request-to-pay").await;
    b.click(&format!("{row} [data-test=pay-request] button"))
        .await;
    b.wait_text("#sandbox-amount", "800,00").await;
    b.click("#sandbox-pay").await;
    b.wait_text("#payment-outcome", "услуга оплачена").await;
    let url = b.client.current_url().await.unwrap();
    assert_eq!(url.path(), requests);
    assert!(
        url.query().unwrap_or_default().starts_with("online="),
        "{url}"
    );
    b.wait_text(&format!("{row} [data-test=paid]"), "Оплачено")
        .await;
    assert!(b
        .attrs(&format!("{row} [data-test=pay-request]"), "class")
        .await
        .is_empty());
    let paid = api.service_request(request.id).await.unwrap();
    assert_eq!(paid.status, RequestStatus::Done);
    assert!(paid.paid_by.is_some());
    b.fits_the_screen("Платные услуги: оплачено").await;
    b.screenshot("37-request-paid").await;

    browser.close().await;
}
