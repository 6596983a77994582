//! Realistic company data for the operator tests (the worked example of domain.md).

use crate::helpers::TestApp;
use chrono::NaiveDate;
use domkom_client::dto::*;
use domkom_client::Client;
use domkom_values::{AccountId, Area, HouseId, MeterId, Money, PremiseId, Quantity, ServiceId};

pub fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn house() -> HouseData {
    HouseData {
        address: "ул. Примерная, 1".into(),
        total_area: Area::from_hundredths(20_000),
        common_area: Area::from_hundredths(6_000),
        share_cap_at_norm: false,
    }
}

pub fn premise(house_id: HouseId, number: &str) -> PremiseData {
    PremiseData {
        house_id,
        number: number.into(),
        residential: true,
        area: Area::from_hundredths(5_000),
    }
}

pub fn cold_water() -> ServiceData {
    ServiceData {
        name: "Холодное водоснабжение".into(),
        unit: "м³".into(),
        supplier_name: "АО «Мосводоканал»".into(),
        supplier_inn: "7701984274".into(),
        method: ServiceMethodKind::Meter,
        resource: Some(Resource::ColdWater),
        source_service_ids: vec![],
        norm_per_person: Quantity::from_thousandths(4_745),
        norm_per_m2: None,
        sort_order: 2,
    }
}

pub fn account(premise_id: PremiseId, number: &str, service_ids: Vec<ServiceId>) -> AccountData {
    AccountData {
        premise_id,
        number: number.into(),
        kind: AccountKind::Zhku,
        holder: "Иванов Иван Иванович".into(),
        persons: 2,
        opening_balance: Money::ZERO,
        service_ids,
    }
}

pub fn tariff(service_id: ServiceId, valid_from: &str) -> TariffData {
    TariffData {
        service_id,
        valid_from: date(valid_from),
        zone: 0,
        price: domkom_values::Tariff::from_hundredths_of_kopeck(456_700),
    }
}

/// A paid service with a price per hour.
pub fn plumber() -> PaidServiceData {
    PaidServiceData {
        name: "Вызов сантехника".into(),
        description: "Осмотр и мелкий ремонт сантехники в квартире".into(),
        price: Some(Money::from_kopecks(150_000)),
        unit: "час".into(),
        active: true,
    }
}

/// One organization's objects, one of each kind.
pub struct Company {
    pub operator: Client,
    pub org: Organization,
    pub house: House,
    pub premise: Premise,
    pub service: Service,
    pub account: Account,
    pub tariff: Tariff,
    pub meter: Meter,
    pub reading: Reading,
    pub recalculation: Recalculation,
    pub payment: Payment,
    pub paid_service: PaidService,
}

impl Company {
    pub async fn new(app: &TestApp, admin: &Client, n: u32) -> Company {
        let (operator, org) = app.operator(admin, n).await;
        let house = operator.create_house(&house()).await.unwrap();
        let premise = operator
            .create_premise(&premise(house.id, "1"))
            .await
            .unwrap();
        let service = operator.create_service(&cold_water()).await.unwrap();
        let account = operator
            .create_account(&account(premise.id, "1001", vec![service.id]))
            .await
            .unwrap();
        let tariff = operator
            .create_tariff(&tariff(service.id, "2026-07-01"))
            .await
            .unwrap();
        let meter = operator
            .create_meter(&flat_meter(account.id, service.id))
            .await
            .unwrap();
        let reading = operator
            .create_reading(&reading(meter.id, "2026-10", 110_000))
            .await
            .unwrap();
        let recalculation = operator
            .create_recalculation(&recalculation(account.id, service.id))
            .await
            .unwrap();
        let payment = operator
            .create_payment(&payment(account.id, "П-1"))
            .await
            .unwrap();
        let paid_service = operator.create_paid_service(&plumber()).await.unwrap();
        Company {
            paid_service,
            operator,
            org,
            recalculation,
            payment,
            meter,
            reading,
            house,
            premise,
            service,
            account,
            tariff,
        }
    }
}

impl Company {
    /// A resident signed in as `login` who linked the company's account by its code.
    pub async fn resident(&self, app: &TestApp, login: &str) -> Client {
        let (resident, _) = app.signed_in(login).await;
        resident.link_account(&self.link_form()).await.unwrap();
        resident
    }

    /// Links the company's account by its code.
    pub fn link_form(&self) -> LinkAccount {
        LinkAccount {
            organization_id: self.org.id,
            account_number: self.account.data.number.clone(),
            link_code: Some(self.account.link_code.clone()),
            last_receipt_total: None,
            kind: None,
        }
    }
}

/// The fields a 422 names.
pub fn fields(e: &domkom_client::Error) -> Vec<String> {
    assert_eq!(e.status(), Some(422), "{e}");
    e.problem()
        .unwrap()
        .errors
        .iter()
        .map(|f| f.field.clone())
        .collect()
}

pub fn flat_meter(account_id: AccountId, service_id: ServiceId) -> MeterData {
    MeterData {
        account_id: Some(account_id),
        house_id: None,
        service_id,
        serial: "ХВ-000123".into(),
        zones: 1,
        digits: 5,
        installed_on: date("2024-03-01"),
        verification_due: date("2030-03-01"),
        initial_values: vec![Quantity::ZERO],
    }
}

/// A reading of `thousandths` of the unit.
pub fn reading(meter_id: MeterId, period: &str, thousandths: i64) -> ReadingData {
    ReadingData {
        meter_id,
        period: period.into(),
        zone: 1,
        value: Quantity::from_thousandths(thousandths),
        rolled_over: false,
        taken_on: None,
    }
}

/// Closes `period` through the API and waits until it is closed.
pub async fn close_period(operator: &Client, period: &str) {
    let state = crate::periods::close_and_wait(operator, period).await;
    assert_eq!(state.status, PeriodStatus::Closed, "{state:?}");
}

/// −100.00 ₽ for September's cold water, booked in October (domain.md's example).
pub fn recalculation(account_id: AccountId, service_id: ServiceId) -> RecalculationData {
    RecalculationData {
        account_id,
        service_id,
        period: "2026-10".into(),
        corrects_period: "2026-09".into(),
        amount: Money::from_kopecks(-10_000),
        reason: "Некачественная услуга ХВС, сентябрь 2026".into(),
    }
}

pub fn payment(account_id: AccountId, external_id: &str) -> PaymentData {
    PaymentData {
        account_id,
        amount: Money::from_kopecks(200_000),
        paid_on: date("2026-10-12"),
        source: "cash".into(),
        external_id: Some(external_id.into()),
        for_period: Some("2026-09".into()),
    }
}
