//! What a receipt shows, as the close stored it: the sections of the ЕПД form
//! (Приказ Минстроя № 43/пр) that apply to a personal account.

use chrono::NaiveDate;
use domkom_values::{Area, Money, Period, Quantity, Tariff};

/// One account's receipt for one closed period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub period: Period,
    pub payer: Payer,
    pub executor: Executor,
    pub money: MoneyDue,
    /// The calculation, service by service, in the order of the charges page.
    pub lines: Vec<Line>,
    /// The house meters' readings of the period (reference section).
    pub house_meters: Vec<HouseMeter>,
    /// Recalculations booked in the period, with their reasons.
    pub corrections: Vec<Correction>,
    /// The code that attaches the account to a resident's cabinet.
    pub link_code: String,
    /// Where residents sign in, printed beside the code.
    pub site: String,
}

/// Section 1: who pays, for which premise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payer {
    pub account_number: String,
    pub holder: String,
    pub address: String,
    pub area: Area,
    pub persons: i32,
}

/// Section 1 and 2: the company that renders the services and receives the money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Executor {
    pub name: String,
    pub inn: String,
    pub kpp: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub site: String,
    pub hours: String,
    pub bank: Bank,
}

/// The payee's bank details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bank {
    /// Расчётный счёт.
    pub account: String,
    pub name: String,
    pub bic: String,
    pub corr_account: String,
}

/// Section 2: the period's money; positive is a debt, negative an advance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyDue {
    pub opening: Money,
    pub charged: Money,
    pub recalculated: Money,
    pub penalties: Money,
    pub paid: Money,
    /// The day of the last payment counted in the period.
    pub last_paid_on: Option<NaiveDate>,
    /// The balance at the end of the period: «Итого к оплате» when positive.
    pub closing: Money,
    pub due_date: NaiveDate,
}

impl MoneyDue {
    /// What the resident is asked to pay: the debt, or nothing after an advance.
    pub fn due(&self) -> Money {
        self.closing.max(Money::ZERO)
    }
}

/// Section 3: one service's calculation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// With the zone, when a multi-zone meter is billed by zone.
    pub service: String,
    pub unit: String,
    /// The individual volume.
    pub volume: Quantity,
    /// The common-house volume.
    pub common_volume: Quantity,
    pub tariff: Tariff,
    /// As computed in the period.
    pub charged: Money,
    /// Recalculations of the service booked in the period.
    pub recalculated: Money,
    pub total: Money,
}

/// Section 4: a house meter's reading in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseMeter {
    pub service: String,
    pub unit: String,
    pub serial: String,
    /// The readings that counted, a zone each (none when the meter was not read).
    pub readings: Vec<Quantity>,
    /// The house's volume of the period.
    pub volume: Quantity,
}

/// Section 6: a recalculation and its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub service: String,
    pub corrects_period: Period,
    pub amount: Money,
    pub reason: String,
}
