//! "Explain my bill": how each stored charge line was computed, in the resident's words.

use chrono::NaiveDate;
use domkom_domain::billing::charge::{ShareDetails, ShareFormula};
use domkom_domain::penalty_correction::PenaltyCorrection;
use domkom_domain::ru;
use domkom_domain::{Charge, ChargeDetails, NormReason};

/// What a line's explanation names besides the line itself.
pub struct Context<'a> {
    /// The service's unit: м³, кВт·ч, м², …
    pub unit: &'a str,
    /// The day the line's tariff took effect.
    pub tariff_from: Option<NaiveDate>,
    /// A meter's serial number by id.
    pub serial: &'a dyn Fn(i64) -> Option<String>,
    /// A service's name by id (the parts of drainage).
    pub service: &'a dyn Fn(i64) -> Option<String>,
}

/// One sentence for the line: where the volume came from, then the tariff and the sum.
pub fn explain(line: &Charge, ctx: &Context) -> String {
    let unit = ctx.unit;
    let volume = match &line.details {
        ChargeDetails::Meter {
            meter_id,
            previous,
            current,
            rolled_over,
        } => format!(
            "Счётчик {}: показания {} → {}{}, расход {}",
            meter_name(*meter_id, ctx),
            ru::volume(*previous),
            ru::volume(*current),
            if *rolled_over {
                " (счётчик перешёл через ноль)"
            } else {
                ""
            },
            ru::volume_in(line.individual_volume, unit)
        ),
        ChargeDetails::Average {
            meter_id,
            months,
            months_total,
            in_row,
            verification_expired,
        } => {
            let average = format!(
                "средний расход за {} мес. ({}) — {} / {} = {}",
                months.len(),
                months
                    .iter()
                    .map(|m| ru::period(*m))
                    .collect::<Vec<_>>()
                    .join(", "),
                ru::volume_in(*months_total, unit),
                months.len(),
                ru::volume_in(line.individual_volume, unit)
            );
            match verification_expired {
                Some(on) => format!(
                    "{}: по среднему, {in_row}-й месяц из 3; {average}",
                    expired(*meter_id, *on, ctx)
                ),
                None => format!(
                    "Показания счётчика {} не переданы: {average}; по среднему {in_row}-й месяц подряд (не более 3)",
                    meter_name(*meter_id, ctx)
                ),
            }
        }
        ChargeDetails::Norm {
            meter_id,
            norm_per_person,
            persons,
            reason,
            verification_expired,
        } => format!(
            "{}: норматив {} на человека × {persons} чел. = {}",
            match (meter_id, verification_expired) {
                (Some(id), Some(on)) => expired_norm_reason(*reason, &expired(*id, *on, ctx)),
                _ => norm_reason(*reason).to_owned(),
            },
            ru::volume_in(*norm_per_person, unit),
            ru::volume_in(line.individual_volume, unit)
        ),
        ChargeDetails::Area { area } => format!("Площадь {}", ru::area(*area)),
        ChargeDetails::Persons { persons } => format!("Зарегистрировано человек: {persons}"),
        ChargeDetails::Fixed => "Фиксированная плата за месяц".to_owned(),
        ChargeDetails::Share(share) => share_text(share, unit, line),
        ChargeDetails::HouseMeterByArea {
            house_volume,
            flat_area,
            total_area,
        } => format!(
            "Общедомовой счётчик: {} на дом × {} квартиры / {} всех помещений = {}",
            ru::volume_in(*house_volume, unit),
            ru::area(*flat_area),
            ru::area(*total_area),
            ru::volume_in(line.common_volume, unit)
        ),
        ChargeDetails::Drainage { parts } => {
            let parts: Vec<String> = parts
                .iter()
                .map(|p| {
                    let name = (ctx.service)(p.service_id).unwrap_or_else(|| "вода".into());
                    format!("{name} {}", ru::volume_in(p.volume, unit))
                })
                .collect();
            format!(
                "Водоотведение = {} = {}",
                parts.join(" + "),
                ru::volume_in(line.individual_volume, unit)
            )
        }
    };
    let since = ctx
        .tariff_from
        .map(|d| format!(" (действует с {})", ru::date(d)))
        .unwrap_or_default();
    format!(
        "{volume}. Тариф {}{since}; начислено {}.",
        ru::tariff(line.tariff),
        ru::money(line.amount)
    )
}

/// Why an earlier period's penalty is corrected: «Перерасчёт пеней за июль 2026: оплата
/// 20.07.2026 поступила после закрытия периода».
pub fn penalty_correction(c: &PenaltyCorrection) -> String {
    let dates: Vec<String> = c.paid_on.iter().map(|d| ru::date(*d)).collect();
    let payments = match dates.as_slice() {
        [one] => format!("оплата {one} поступила"),
        many => format!("оплаты {} поступили", many.join(", ")),
    };
    format!(
        "Перерасчёт пеней за {}: {payments} после закрытия периода",
        ru::period(c.corrects)
    )
}

fn meter_name(id: i64, ctx: &Context) -> String {
    (ctx.serial)(id).map_or_else(|| ru::number(&id.to_string()), |s| ru::number(&s))
}

/// «Срок поверки счётчика № … истёк 10.09.2026»: why an expired meter gives no reading.
fn expired(meter_id: i64, on: NaiveDate, ctx: &Context) -> String {
    format!(
        "Срок поверки счётчика {} истёк {}",
        meter_name(meter_id, ctx),
        ru::date(on)
    )
}

/// Why an expired meter is billed by the norm: the average for it is over or impossible.
fn expired_norm_reason(reason: NormReason, expired: &str) -> String {
    match reason {
        NormReason::NotEnoughHistory => {
            format!("{expired}, а для расчёта по среднему нужно не меньше 3 месяцев с показаниями")
        }
        _ => format!("{expired}: расчёт по среднему исчерпан (не более 3 месяцев)"),
    }
}

fn norm_reason(reason: NormReason) -> &'static str {
    match reason {
        NormReason::NoMeter => "Счётчика нет",
        NormReason::VerificationExpired => "Срок поверки счётчика истёк",
        NormReason::NotEnoughHistory => {
            "Показания не переданы, а для среднего нужно не меньше 3 месяцев с показаниями"
        }
        NormReason::AverageLimitReached => {
            "Показания не переданы больше 3 месяцев подряд, расчёт по среднему исчерпан"
        }
    }
}

fn share_text(s: &ShareDetails, unit: &str, line: &Charge) -> String {
    let part = format!(
        "× {} квартиры / {} всех помещений",
        ru::area(s.flat_area),
        ru::area(s.total_area)
    );
    let mut text = match s.formula {
        ShareFormula::Formula12 => format!(
            "Общедомовые нужды (формула 12): (общедомовой счётчик {} − квартиры {} − нежилые {} = {}) {part} = {}",
            ru::volume(s.house_volume.unwrap_or_default()),
            ru::volume(s.individual_total),
            ru::volume(s.non_residential_total),
            ru::volume_in(s.distributed, unit),
            ru::volume_in(s.uncapped, unit)
        ),
        ShareFormula::Formula15 => format!(
            "Общедомовые нужды (формула 15, общедомового счётчика нет): норматив {} × {} общего имущества {part} = {}",
            ru::with_unit(ru::area_norm(s.norm_per_m2.unwrap_or_default()), &format!("{unit}/м²")),
            ru::area(s.common_area),
            ru::volume_in(s.uncapped, unit)
        ),
    };
    if let Some(cap) = s.cap.filter(|cap| *cap < s.uncapped) {
        text.push_str(&format!(
            "; не больше норматива: {}, к оплате {}",
            ru::volume_in(cap, unit),
            ru::volume_in(line.common_volume, unit)
        ));
    }
    text
}
