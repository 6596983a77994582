//! «Показания счётчиков» as a resident uses it on the demo data: the window's sentence, a
//! reading below the last one refused at its input, an unusual jump confirmed, every
//! meter checked with its estimated charge, sent, then shown as sent and in the history.
//! The demo server runs on today's date, so the window may be open or closed: the page
//! must say which period the readings count for either way.

use crate::browser::Browser;
use crate::cabinet::{kopecks, one_kopecks};
use domkom_client::dto::{
    AccountMeter, ConsumptionMethod, NewReading, PeriodRange, SubmitReadings,
};
use domkom_client::Client;
use domkom_values::{AccountId, MeterId, Quantity};

/// Thousandths as a person types them: `123,456`.
fn typed(thousandths: i64) -> String {
    format!("{},{:03}", thousandths / 1_000, thousandths % 1_000)
}

/// A usual month of the meter in thousandths: the mean of its months billed by readings
/// (one unit when there are none).
async fn usual(api: &Client, account: AccountId, meter: MeterId) -> i64 {
    let history = api
        .meter_history(account, meter, &PeriodRange::default())
        .await
        .unwrap();
    let by_readings: Vec<i64> = history
        .consumption
        .iter()
        .filter(|c| c.method == ConsumptionMethod::Meter)
        .map(|c| c.total.thousandths())
        .collect();
    match by_readings.len() {
        0 => 1_000,
        n => (by_readings.iter().sum::<i64>() / i64::try_from(n).unwrap()).max(1_000),
    }
}

fn input(meter: &AccountMeter) -> String {
    format!("reading-{}-1", meter.id)
}

/// From the account's menu, on an account whose meters have a year of readings.
pub async fn send_the_months_readings(b: &Browser, api: &Client, account: AccountId) {
    b.click(&format!("a[href=\"/accounts/{account}/readings\"]"))
        .await;
    let state = api.account_meters(account).await.unwrap();
    let window = &state.window;

    // The window's sentence from the API, before anything is typed; closed or open.
    let said = b.wait_text("#reading-window", &window.message).await;
    assert_eq!(said, window.message);
    assert_eq!(
        b.attr("#reading-window", "data-open").await,
        window.open.to_string()
    );
    let counts_for = b.attr("[data-test=counts-for]", "data-period").await;
    assert_eq!(counts_for, window.period.to_string());
    if window.next_period {
        b.wait_text("[data-test=counts-for]", "следующем расчётном периоде")
            .await;
    }

    // Every meter is shown; those whose verification ends first take no readings.
    assert!(!state.meters.is_empty(), "the demo flat has meters");
    for m in &state.meters {
        let card = format!("[data-test=meter][data-meter-id=\"{}\"]", m.id);
        b.wait_text(&card, &m.serial).await;
        assert_eq!(
            b.attr(&card, "data-accepts").await,
            m.accepts_readings.to_string()
        );
        if !m.accepts_readings {
            b.find(&format!("{card} [data-test=no-input]")).await;
        }
        if m.verification_warning.is_some() {
            b.find(&format!("{card} [data-test=verification-warning]"))
                .await;
        }
    }
    let open: Vec<&AccountMeter> = state.meters.iter().filter(|m| m.accepts_readings).collect();
    assert!(!open.is_empty(), "some demo meter takes readings");
    b.fits_the_screen("Показания счётчиков").await;
    b.screenshot("07-readings").await;

    // The base is read from the page: what the input says a reading is checked against,
    // in thousandths.
    let mut bases = Vec::new();
    for m in &open {
        let base: i64 = b
            .attr(&format!("#{}", input(m)), "data-base")
            .await
            .parse()
            .unwrap();
        assert_eq!(base, m.readings[0].base.thousandths());
        bases.push(base);
    }
    let first = open[0];
    let form = "#readings-form";

    // Lower than the last reading: the API's refusal stands beside the input.
    b.fill(form, &input(first), &typed(bases[0] - 1_000)).await;
    b.submit(form).await;
    b.wait_text(&format!("#{}-error", input(first)), "меньше предыдущего")
        .await;
    b.wait_focus(&input(first)).await;
    b.screenshot("08-reading-decreased").await;

    // Ten usual months at once: the page asks whether it is right, and a yes resends the
    // check with `confirm`.
    let usual_first = usual(api, account, first.id).await;
    b.fill(form, &input(first), &typed(bases[0] + usual_first * 10))
        .await;
    b.submit(form).await;
    b.wait_text(
        "#readings-confirm",
        "Расход намного больше обычного. Всё верно?",
    )
    .await;
    b.wait_text("#readings-confirm [data-test=jump]", &first.serial)
        .await;
    b.screenshot("09-reading-confirm").await;
    b.click("#readings-confirm [data-test=confirm-yes]").await;
    b.find(&format!(
        "#readings-preview [data-test=preview-meter][data-meter-id=\"{}\"]",
        first.id
    ))
    .await;

    // A usual month on every meter: checked, each with its consumption and charge.
    let mut values = Vec::new();
    for (m, base) in open.iter().zip(&bases) {
        let value = base + usual(api, account, m.id).await;
        b.fill(form, &input(m), &typed(value)).await;
        values.push(value);
    }
    b.submit(form).await;
    b.find("#readings-preview").await;
    let readings: Vec<NewReading> = open
        .iter()
        .zip(&values)
        .map(|(m, value)| NewReading {
            meter_id: m.id,
            zone: 1,
            value: Quantity::from_thousandths(*value),
            rolled_over: false,
            confirm: false,
        })
        .collect();
    let preview = api
        .submit_readings(
            account,
            &SubmitReadings {
                readings,
                preview: true,
            },
        )
        .await
        .unwrap();
    assert_eq!(preview.period, window.period);
    for estimate in &preview.meters {
        let row = format!(
            "#readings-preview [data-test=preview-meter][data-meter-id=\"{}\"]",
            estimate.meter_id
        );
        b.wait_text(&row, &estimate.service_name).await;
        let charge = kopecks(b, &format!("{row} [data-kopecks]")).await;
        assert_eq!(charge, vec![estimate.charge.expect("a tariff")]);
        let card = format!(
            "[data-test=meter][data-meter-id=\"{}\"] [data-test=estimate]",
            estimate.meter_id
        );
        assert_eq!(
            b.attr(&card, "data-consumption").await,
            estimate.consumption.thousandths().to_string()
        );
    }
    let total = one_kopecks(b, "[data-test=preview-total]").await;
    assert_eq!(Some(total), preview.charge);
    assert!(total.is_positive());
    b.fits_the_screen("Проверка показаний").await;
    b.screenshot("10-readings-preview").await;

    // Sent: the page reloads the meters and shows each value as sent for the period.
    b.click("#send-readings").await;
    b.wait_text("#readings-form [role=status]", "Показания переданы")
        .await;
    for (m, value) in open.iter().zip(&values) {
        let sent = format!(
            "[data-test=meter][data-meter-id=\"{}\"] [data-test=submitted][data-sent=true]",
            m.id
        );
        assert_eq!(b.attr(&sent, "data-value").await, value.to_string());
    }
    let after = api.account_meters(account).await.unwrap();
    for (m, value) in open.iter().zip(&values) {
        let now = after.meters.iter().find(|a| a.id == m.id).unwrap();
        let submitted = now.readings[0].submitted.as_ref().expect("sent");
        assert_eq!(submitted.value.thousandths(), *value);
    }
    b.screenshot("11-readings-sent").await;

    // The history: the new reading counts for its period, beside a year of bars.
    b.click(&format!(
        "[data-test=meter][data-meter-id=\"{}\"] [data-test=history-toggle]",
        first.id
    ))
    .await;
    let newest = format!(
        "#history-{} [data-test=history-reading][data-period=\"{}\"][data-current=true]",
        first.id, window.period
    );
    assert_eq!(b.attr(&newest, "data-value").await, values[0].to_string());
    b.wait_text(&newest, "в личном кабинете").await;
    let bars = b
        .attrs(
            &format!("#history-{} rect.chart-bar", first.id),
            "data-value",
        )
        .await;
    let history = api
        .meter_history(account, first.id, &PeriodRange::default())
        .await
        .unwrap();
    assert_eq!(bars.len(), history.consumption.len());
    assert!(!bars.is_empty(), "a year of closed months");
    b.fits_the_screen("История показаний").await;
    b.screenshot("12-reading-history").await;
}
