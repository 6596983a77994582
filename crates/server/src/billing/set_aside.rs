//! A close bills no reading the meter's history no longer allows. Every reading is checked
//! when it is given, but a reading of an earlier period entered after a later one can still
//! leave the later one below what is billed before it. Such a meter is billed as one
//! without readings (the average, then the norm: Правила 354 п.59, п.60), the close goes on
//! for everyone else, and the period's notes tell the staff what to correct.

use domkom_domain::billing::input::MeterInput;
use domkom_domain::reading::{self, ReadingError};
use domkom_domain::{ru, Period};
use domkom_dto::CloseNote;
use domkom_values::{AccountId, MeterId};

/// Takes this period's readings off `meter` when one of them cannot be billed, saying why.
pub fn impossible_readings(
    meter: &mut MeterInput,
    period: Period,
    account_id: Option<i64>,
    serial: &str,
) -> Option<CloseNote> {
    // Without every zone's reading, or past its verification, the meter's readings are
    // not billed anyway.
    if meter.verification_due <= period.last_day()
        || meter.zones.iter().any(|z| z.current.is_none())
    {
        return None;
    }
    let (zone, current, previous, error) = meter.zones.iter().find_map(|z| {
        let current = z.current?;
        reading::consumption(z.previous, current, z.rolled_over, meter.digits)
            .err()
            .map(|e| (z.zone, current, z.previous, e))
    })?;
    let (current, previous) = (ru::volume(current), ru::volume(previous));
    let why = match error {
        ReadingError::Decreased => {
            format!("показание {current} меньше начисленного ранее ({previous})")
        }
        ReadingError::BeyondCapacity => format!(
            "показание {current} больше, чем показывает счётчик с {} разрядами",
            meter.digits
        ),
        ReadingError::RollOverWithoutDecrease => format!(
            "отмечен переход через ноль, но показание {current} не меньше начисленного ранее \
             ({previous})"
        ),
    };
    for z in &mut meter.zones {
        z.current = None;
        z.rolled_over = false;
    }
    Some(CloseNote {
        account_id: account_id.map(AccountId),
        meter_id: MeterId(meter.meter_id),
        zone: i32::from(zone),
        code: error.code().to_owned(),
        message: format!(
            "Счётчик {}, зона {zone}: {why}. Начислено как без показаний — по среднему или \
             нормативу; исправьте показание",
            ru::number(serial)
        ),
    })
}
