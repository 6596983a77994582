//! «Платежи» on the demo data: the statement of the API's default range with totals and
//! months that add up (opening + charged + recalculated + penalties − paid = closing)
//! and equal the API's, the chart, the payments of a month, and another range chosen.

use crate::browser::Browser;
use crate::cabinet::{kopecks, one_kopecks};
use domkom_client::dto::{MoneyMovement, PeriodRange};
use domkom_client::Client;
use domkom_values::{AccountId, Money};

/// The six numbers of a statement row or of the totals inside `css`, read from the page.
async fn movement(b: &Browser, css: &str) -> MoneyMovement {
    let read = |name: &'static str| format!("{css} [data-test={name}]");
    MoneyMovement {
        opening: one_kopecks(b, &read("opening")).await,
        charged: one_kopecks(b, &read("charged")).await,
        recalculated: one_kopecks(b, &read("recalculated")).await,
        penalties: one_kopecks(b, &read("penalties")).await,
        paid: one_kopecks(b, &read("paid")).await,
        closing: one_kopecks(b, &read("closing")).await,
    }
}

fn adds_up(m: &MoneyMovement) -> bool {
    m.opening + m.charged + m.recalculated + m.penalties - m.paid == m.closing
}

/// From the account's menu, on an account with a year of closed periods.
pub async fn read_the_statement(b: &Browser, api: &Client, account: AccountId) {
    b.click(&format!("a[href=\"/accounts/{account}/payments\"]"))
        .await;
    let statement = api
        .account_statement(account, &PeriodRange::default())
        .await
        .unwrap();
    assert!(!statement.periods.is_empty(), "the demo has closed periods");

    // The range selector starts at the API's default.
    b.find("#statement-totals").await;
    assert_eq!(
        b.find("#from").await.prop("value").await.unwrap(),
        statement.from.map(|p| p.to_string())
    );
    assert_eq!(
        b.find("#to").await.prop("value").await.unwrap(),
        statement.to.map(|p| p.to_string())
    );

    // The totals add up and are the API's; so does every month.
    let totals = movement(b, "#statement-totals").await;
    assert!(adds_up(&totals), "{totals:?}");
    assert_eq!(totals, statement.totals);
    let table_totals = movement(b, "[data-test=statement-total]").await;
    assert_eq!(table_totals, statement.totals);
    for p in &statement.periods {
        let row = format!("[data-test=statement-period][data-period=\"{}\"]", p.period);
        let shown = movement(b, &row).await;
        assert!(adds_up(&shown), "{}: {shown:?}", p.period);
        assert_eq!(shown, p.money, "{}", p.period);
    }
    assert_eq!(
        b.attr("#statement-table [data-test=opening]", "data-label")
            .await,
        "На начало"
    );

    // Two bars a month: charged (with recalculations and penalties) and paid.
    let bars = kopecks_of_bars(b).await;
    assert_eq!(bars.len(), statement.periods.len() * 2);
    let last = statement.periods.last().unwrap();
    assert_eq!(
        bars[bars.len() - 2..],
        [
            last.money.charged + last.money.recalculated + last.money.penalties,
            last.money.paid
        ]
    );

    // A month's payments: date, amount and source.
    let paid = statement
        .periods
        .iter()
        .rev()
        .find(|p| !p.payments.is_empty())
        .expect("the demo resident pays");
    let row = format!(
        "[data-test=statement-period][data-period=\"{}\"]",
        paid.period
    );
    b.click(&format!("{row} [data-test=period-payments] summary"))
        .await;
    let amounts = kopecks(b, &format!("{row} [data-test=payment]")).await;
    let expected: Vec<Money> = paid.payments.iter().map(|p| p.amount).collect();
    assert_eq!(amounts, expected);
    assert_eq!(amounts.iter().sum::<Money>(), paid.money.paid);

    // That month's receipt, «Печать квитанции»: the PDF the API gives for the period,
    // opened in a tab and linked (the page's policy keeps scripts from reading it back).
    b.click(&format!("{row} [data-test=print-receipt]")).await;
    let link = format!("{row} [data-test=receipt-link]");
    assert!(b.attr(&link, "href").await.starts_with("blob:"));
    assert_eq!(
        b.attr(&link, "download").await,
        format!("kvitanciya-{}.pdf", paid.period)
    );
    let size: usize = b.attr(&link, "data-size").await.parse().unwrap();
    let api_receipt = api
        .receipt(account, &paid.period.to_string())
        .await
        .unwrap();
    assert!(api_receipt.bytes.starts_with(b"%PDF-"));
    assert_eq!(size, api_receipt.bytes.len(), "the period's receipt");
    assert_eq!(b.tabs().await, 2, "the receipt opened in a tab of its own");
    b.close_other_tabs().await;
    b.fits_the_screen("Платежи").await;
    b.screenshot("13-payments").await;

    // One month only: its opening and closing balance, as the API says.
    let month = &statement.periods[0].period.to_string();
    b.find("#from").await.select_by_value(month).await.unwrap();
    b.find("#to").await.select_by_value(month).await.unwrap();
    b.submit("#range-form").await;
    wait_for_months(b, std::slice::from_ref(month)).await;
    let title = b
        .wait_text("#statement-totals-title", "Движение средств")
        .await;
    assert_eq!(
        title,
        format!("Движение средств: {}", russian_period(month))
    );
    let one = api
        .account_statement(
            account,
            &PeriodRange {
                from: Some(month.clone()),
                to: Some(month.clone()),
            },
        )
        .await
        .unwrap();
    let shown = movement(b, "#statement-totals").await;
    assert!(adds_up(&shown), "{shown:?}");
    assert_eq!(shown, one.totals);
    assert_eq!(shown, statement.periods[0].money);
    b.screenshot("14-payments-one-month").await;

    // A start after the end is refused at the start.
    b.find("#from")
        .await
        .select_by_value(&last.period.to_string())
        .await
        .unwrap();
    b.find("#to").await.select_by_value(month).await.unwrap();
    b.submit("#range-form").await;
    b.wait_text("#from-error", "позже конца").await;
}

/// Waits until the statement shows exactly `months` (the previous range stays on the page
/// until the new one has loaded).
async fn wait_for_months(b: &Browser, months: &[String]) {
    let started = std::time::Instant::now();
    loop {
        let shown = b.attrs("[data-test=statement-period]", "data-period").await;
        if shown == months {
            return;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "the statement shows {shown:?}, not {months:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The bars of the money chart (their values are kopecks), oldest month first.
async fn kopecks_of_bars(b: &Browser) -> Vec<Money> {
    b.find("#money-chart rect.chart-bar").await;
    b.attrs("#money-chart rect.chart-bar", "data-value")
        .await
        .iter()
        .map(|v| Money::from_kopecks(v.parse().unwrap()))
        .collect()
}

/// `2026-03` → «Март 2026», as the page titles it.
fn russian_period(period: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Январь",
        "Февраль",
        "Март",
        "Апрель",
        "Май",
        "Июнь",
        "Июль",
        "Август",
        "Сентябрь",
        "Октябрь",
        "Ноябрь",
        "Декабрь",
    ];
    let month: usize = period[5..].parse().unwrap();
    format!("{} {}", MONTHS[month - 1], &period[..4])
}

/// «Оплатить» on Платежи: the amount starts as what is left to pay; the sandbox's page
/// takes another; back on Платежи the payment shows as credited, and the card counts it.
pub async fn pay_online(b: &Browser, api: &Client, account: AccountId) {
    b.click(&format!("a[href=\"/accounts/{account}/payments\"]"))
        .await;
    let before = api.account_card(account).await.unwrap();
    let money = before.money.expect("a closed period");
    let left = money.balance - money.paid_since;
    b.click("#pay-now #pay-open").await;
    let prefilled = b
        .find("#pay-form [name=pay_amount]")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    if left.is_positive() {
        let k = left.kopecks();
        assert_eq!(prefilled, format!("{},{:02}", k / 100, k % 100));
    }
    b.fill("#pay-form", "pay_amount", "0").await;
    b.submit("#pay-form").await;
    b.wait_text("#pay_amount-error", "больше нуля").await;
    b.fill("#pay-form", "pay_amount", "1234,56").await;
    b.fits_the_screen("Платежи: оплата").await;
    b.screenshot("14b-pay").await;
    b.submit("#pay-form").await;

    // The acquirer's page, then back.
    b.wait_text("#sandbox-amount", "234,56").await;
    b.click("#sandbox-pay").await;
    b.wait_text("#payment-outcome", "зачислена").await;
    let url = b.client.current_url().await.unwrap();
    assert!(
        url.query().unwrap_or_default().starts_with("online="),
        "{url}"
    );
    b.screenshot("14c-paid").await;
    let after = api.account_card(account).await.unwrap();
    let paid = Money::from_kopecks(123_456);
    assert_eq!(after.money.unwrap().paid_since, money.paid_since + paid);
    assert!(after
        .pending_payments
        .iter()
        .any(|p| p.amount == paid && p.source == "online"));
    let shown = b
        .attrs("#recent-payments [data-kopecks]", "data-kopecks")
        .await;
    assert!(shown.contains(&"123456".to_owned()), "{shown:?}");
}
