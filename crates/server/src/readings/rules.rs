//! The rules a reading follows against its meter (Правила 354): the zone exists, the value
//! fits the meter's digits, it does not go down without a roll-over, a roll-over is
//! plausible; and an unusual jump is told. The resident's readings, the staff's and the
//! imported ones all pass them: staff may confirm a jump, never break the rest.

use crate::db::account_meters::MeterBook;
use domkom_domain::reading::{self, ReadingError};
use domkom_domain::{ru, Period, Quantity};
use domkom_dto::{NewReading, ReadingData};
use domkom_values::ReadingId;

/// Why a reading is refused: the field, the code and the message.
pub type Refusal = (&'static str, &'static str, String);

/// What a reading checked against its meter means.
pub struct Checked {
    /// The previous reading of the zone.
    pub base: Quantity,
    pub used: Quantity,
    /// The message when the consumption is unusually large, for someone to confirm.
    pub jump: Option<String>,
}

/// One zone's reading, whoever sends it.
#[derive(Clone, Copy)]
pub struct Value {
    pub zone: i32,
    pub value: Quantity,
    pub rolled_over: bool,
}

impl From<&NewReading> for Value {
    fn from(r: &NewReading) -> Self {
        Value {
            zone: r.zone,
            value: r.value,
            rolled_over: r.rolled_over,
        }
    }
}

impl From<&ReadingData> for Value {
    fn from(r: &ReadingData) -> Self {
        Value {
            zone: r.zone,
            value: r.value,
            rolled_over: r.rolled_over,
        }
    }
}

/// The reading already counting for `period` when it says the same (value and roll-over):
/// sending it again changes nothing.
pub fn repeated(book: &MeterBook, period: Period, r: Value) -> Option<ReadingId> {
    let zone = usize::try_from(r.zone - 1).ok()?;
    let newest = book.newest_by_period();
    let current = (*newest.get(&period)?.get(zone)?)?;
    (current.value == r.value && current.rolled_over == r.rolled_over).then_some(current.id)
}

/// «за ноябрь 2026» in messages.
fn for_period(p: Period) -> String {
    format!("за {}", ru::period(p))
}

/// A resident's reading of a meter past its verification is refused: the close bills the
/// average, then the norm (Правила 354 п.59 «а», п.60).
pub fn verification_expired(book: &MeterBook, period: Period) -> Option<Refusal> {
    let m = &book.meter;
    (m.verification_due <= period.last_day()).then(|| {
        (
            "meter_id",
            "verification_expired",
            format!(
                "Срок поверки счётчика {} — {}: показания {} не принимаются, начисление будет \
                 по среднему расходу не более 3 месяцев, затем по нормативу. Поверьте или \
                 замените счётчик",
                ru::number(&m.serial),
                ru::date(m.verification_due),
                for_period(period)
            ),
        )
    })
}

/// A reading for `period` against its meter, or why it cannot be.
pub fn check(book: &MeterBook, period: Period, r: Value) -> Result<Checked, Refusal> {
    let m = &book.meter;
    if !(1..=m.zones).contains(&r.zone) {
        return Err((
            "zone",
            "range",
            format!("У счётчика {} зон: {}", ru::number(&m.serial), m.zones),
        ));
    }
    let zone = usize::try_from(r.zone - 1).unwrap_or(0);
    let base = book.base_for(period)[zone];
    let digits = u8::try_from(m.digits).unwrap_or(5);
    let unit = m.unit.as_str();
    let previous = ru::volume_in(base, unit);
    let used = reading::consumption(base, r.value, r.rolled_over, digits).map_err(|e| {
        let (field, message) = match e {
            ReadingError::Decreased => (
                "value",
                format!(
                    "Показание меньше предыдущего ({previous}). Если счётчик дошёл до предела и начал \
                     с нуля, отметьте переход через ноль"
                ),
            ),
            ReadingError::BeyondCapacity => (
                "value",
                match reading::capacity(digits) {
                    Some(c) => format!(
                        "Счётчик с {digits} разрядами показывает меньше {}",
                        ru::volume_in(c, unit)
                    ),
                    None => "Показание больше, чем может показать счётчик".to_owned(),
                },
            ),
            ReadingError::RollOverWithoutDecrease => (
                "rolled_over",
                format!(
                    "Переход через ноль отмечен, но показание не меньше предыдущего ({previous})"
                ),
            ),
        };
        (field, e.code(), message)
    })?;
    if r.rolled_over && !reading::roll_over_plausible(used, digits) {
        return Err((
            "rolled_over",
            "roll_over_implausible",
            format!(
                "Переход через ноль маловероятен: предыдущее показание ({previous}) далеко от \
                 предела счётчика. Проверьте показание"
            ),
        ));
    }
    let jump = reading::usual_consumption(&book.past(period), period, book.zone_count())
        .and_then(|avg| avg.get(zone).copied())
        .filter(|avg| reading::is_jump(used, *avg))
        .map(|avg| {
            format!(
                "Расход {} более чем в {} раза выше среднего ({}). Проверьте показание; если оно \
                 верно, подтвердите его",
                ru::volume_in(used, unit),
                reading::JUMP_FACTOR,
                ru::volume_in(avg, unit)
            )
        });
    Ok(Checked { base, used, jump })
}
