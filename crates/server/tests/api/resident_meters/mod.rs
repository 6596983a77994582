//! The resident's meters: what is shown and the reading window; the submission's rules are
//! in [`submission`]. The calendar is fixed to 22 October 2026 (inside the default
//! window, days 20–25), so October is the period readings count for.

mod submission;

use crate::fixtures::{date, flat_meter, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::*;
use domkom_client::Client;
use domkom_values::{AccountId, MeterId, Quantity};

struct Home {
    admin: Client,
    co: Company,
    resident: Client,
}

impl Home {
    async fn new(app: &TestApp) -> Home {
        let admin = app.admin().await;
        let co = Company::new(app, &admin, 1).await;
        let resident = co.resident(app, "resident").await;
        Home {
            admin,
            co,
            resident,
        }
    }

    fn account(&self) -> AccountId {
        self.co.account.id
    }

    /// Another meter of the account's cold water, showing `initial` thousandths.
    async fn meter(&self, serial: &str, initial: i64, verification_due: &str) -> Meter {
        self.co
            .operator
            .create_meter(&MeterData {
                serial: serial.into(),
                initial_values: vec![q(initial)],
                verification_due: date(verification_due),
                ..flat_meter(self.account(), self.co.service.id)
            })
            .await
            .unwrap()
    }

    async fn send(
        &self,
        readings: Vec<NewReading>,
    ) -> Result<ReadingsResult, domkom_client::Error> {
        let form = SubmitReadings {
            readings,
            preview: false,
        };
        self.resident.submit_readings(self.account(), &form).await
    }

    async fn meters(&self) -> AccountMeters {
        self.resident.account_meters(self.account()).await.unwrap()
    }

    async fn history(&self, meter: MeterId) -> MeterHistory {
        self.resident
            .meter_history(self.account(), meter, &PeriodRange::default())
            .await
            .unwrap()
    }
}

/// Thousandths of the unit: a reading or a volume.
fn q(thousandths: i64) -> Quantity {
    Quantity::from_thousandths(thousandths)
}

/// A reading of zone 1 showing `thousandths`.
fn one(meter_id: MeterId, thousandths: i64) -> NewReading {
    NewReading {
        meter_id,
        zone: 1,
        value: q(thousandths),
        rolled_over: false,
        confirm: false,
    }
}

fn rolled(meter_id: MeterId, thousandths: i64) -> NewReading {
    NewReading {
        rolled_over: true,
        ..one(meter_id, thousandths)
    }
}

/// `(status, code, [(field, code)])` of a refusal.
fn refusal(e: domkom_client::Error) -> (u16, ErrorCode, Vec<(String, String)>) {
    let problem = e.problem().expect("a problem+json body").clone();
    let fields = problem
        .errors
        .iter()
        .map(|f| (f.field.clone(), f.code.clone()))
        .collect();
    (problem.status, problem.code, fields)
}

fn field(name: &str, code: &str) -> (String, String) {
    (name.into(), code.into())
}

/// Kopecks of `volume` thousandths at `price` hundredths of a kopeck, half up: worked out
/// here, not by the server's code.
fn kopecks(volume: i64, price: i64) -> i64 {
    let exact = i128::from(volume) * i128::from(price);
    i64::try_from((exact + 50_000) / 100_000).unwrap()
}

async fn the_meters_show_verification_billed_readings_and_the_window(app: TestApp) {
    let h = Home::new(&app).await;
    let soon = h.meter("ХВ-2", 5_000, "2026-12-01").await;
    let expired = h.meter("ХВ-3", 7_000, "2026-10-01").await;
    let house_meter = MeterData {
        account_id: None,
        house_id: Some(h.co.house.id),
        serial: "ОДПУ-1".into(),
        ..flat_meter(h.account(), h.co.service.id)
    };
    h.co.operator.create_meter(&house_meter).await.unwrap();

    let list = h.meters().await;
    let w = &list.window;
    assert_eq!(
        (w.day_from, w.day_to, w.open, w.next_period),
        (20, 25, true, false)
    );
    assert_eq!(
        (w.period.to_string().as_str(), w.today),
        ("2026-10", date("2026-10-22"))
    );
    assert!(w.message.contains("«октябрь 2026»"), "{}", w.message);
    let ids: Vec<MeterId> = list.meters.iter().map(|m| m.id).collect();
    assert_eq!(
        ids,
        [h.co.meter.id, soon.id, expired.id],
        "the house meter is not the flat's"
    );

    let cold = &list.meters[0];
    assert_eq!(
        (
            cold.service_name.as_str(),
            cold.unit.as_str(),
            cold.resource
        ),
        ("Холодное водоснабжение", "м³", Some(Resource::ColdWater))
    );
    assert_eq!(
        (cold.serial.as_str(), cold.zones, cold.digits),
        ("ХВ-000123", 1, 5)
    );
    assert_eq!(
        (
            cold.verification,
            &cold.verification_warning,
            cold.accepts_readings
        ),
        (VerificationState::Valid, &None, true)
    );
    assert_eq!(cold.billed_period, None);
    let zone = &cold.readings[0];
    assert_eq!((zone.zone, zone.billed, zone.base), (1, q(0), q(0)));
    let sent = zone
        .submitted
        .as_ref()
        .expect("the operator's October reading");
    assert_eq!(
        (sent.value, sent.source),
        (q(110_000), ReadingSource::Operator)
    );

    let soon = &list.meters[1];
    assert_eq!(soon.verification, VerificationState::DueSoon);
    assert!(soon
        .verification_warning
        .as_ref()
        .unwrap()
        .contains("01.12.2026"));
    assert!(soon.accepts_readings);
    assert_eq!(
        (soon.readings[0].billed, soon.readings[0].submitted.clone()),
        (q(5_000), None)
    );

    let expired = &list.meters[2];
    assert_eq!(expired.verification, VerificationState::Expired);
    assert!(expired
        .verification_warning
        .as_ref()
        .unwrap()
        .contains("истёк"));
    assert!(!expired.accepts_readings);
}

async fn outside_the_window_readings_count_for_the_next_period(app: TestApp) {
    let h = Home::new(&app).await;
    let mut org = h.co.org.data.clone();
    org.settings.reading_day_from = 1;
    org.settings.reading_day_to = 10;
    h.admin
        .update_organization(h.co.org.id, &org)
        .await
        .unwrap();

    let list = h.meters().await;
    let w = &list.window;
    assert_eq!(
        (w.open, w.next_period, w.period.to_string().as_str()),
        (false, true, "2026-11")
    );
    assert!(
        w.message
            .contains("следующем расчётном периоде — «ноябрь 2026»"),
        "{}",
        w.message
    );
    // October's reading is not billed yet but will be first: November starts from it.
    let zone = &list.meters[0].readings[0];
    assert_eq!(
        (zone.billed, zone.base, zone.submitted.clone()),
        (q(0), q(110_000), None)
    );
    let e = h.send(vec![one(h.co.meter.id, 100_000)]).await.unwrap_err();
    assert_eq!(
        refusal(e),
        (
            422,
            ErrorCode::ValidationFailed,
            vec![field("readings[0].value", "decreased")]
        )
    );

    let stored = h.send(vec![one(h.co.meter.id, 120_000)]).await.unwrap();
    assert_eq!(
        (stored.period.to_string().as_str(), stored.preview),
        ("2026-11", false)
    );
    assert_eq!(stored.message, w.message);
    assert_eq!(stored.readings.len(), 1);
    let r = &stored.readings[0];
    assert_eq!(
        (r.period.to_string().as_str(), r.value, r.source),
        ("2026-11", q(120_000), ReadingSource::Resident)
    );
    assert_eq!(stored.meters[0].consumption, q(10_000));

    // Before this month's window opens, readings count for this month.
    org.settings.reading_day_from = 23;
    org.settings.reading_day_to = 25;
    h.admin
        .update_organization(h.co.org.id, &org)
        .await
        .unwrap();
    let w = h.meters().await.window;
    assert_eq!(
        (w.open, w.next_period, w.period.to_string().as_str()),
        (false, false, "2026-10")
    );
    assert!(w.message.contains("«октябрь 2026»"), "{}", w.message);
}

on_both_backends!(
    today = "2026-10-22";
    the_meters_show_verification_billed_readings_and_the_window,
    outside_the_window_readings_count_for_the_next_period,
);
