//! "Explain my bill": how each stored charge line was computed, in the resident's words.

use chrono::NaiveDate;
use domkom_domain::billing::charge::{ShareDetails, ShareFormula};
use domkom_domain::decimal::with_comma as ru;
use domkom_domain::penalty_correction::PenaltyCorrection;
use domkom_domain::reading::month_name;
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
            "Счётчик {}: показания {} → {}{}, расход {} {unit}",
            meter_name(*meter_id, ctx),
            ru(previous),
            ru(current),
            if *rolled_over {
                " (счётчик перешёл через ноль)"
            } else {
                ""
            },
            ru(&line.individual_volume)
        ),
        ChargeDetails::Average {
            meter_id,
            months,
            months_total,
            in_row,
            verification_expired,
        } => {
            let average = format!(
                "средний расход за {} мес. ({}) — {} {unit} / {} = {} {unit}",
                months.len(),
                months.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
                ru(months_total),
                months.len(),
                ru(&line.individual_volume)
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
            "{}: норматив {} {unit} на человека × {persons} чел. = {} {unit}",
            match (meter_id, verification_expired) {
                (Some(id), Some(on)) => expired_norm_reason(*reason, &expired(*id, *on, ctx)),
                _ => norm_reason(*reason).to_owned(),
            },
            ru(norm_per_person),
            ru(&line.individual_volume)
        ),
        ChargeDetails::Area { area } => format!("Площадь {} м²", ru(area)),
        ChargeDetails::Persons { persons } => format!("Зарегистрировано {persons} чел."),
        ChargeDetails::Fixed => "Фиксированная плата за месяц".to_owned(),
        ChargeDetails::Share(share) => share_text(share, unit, line),
        ChargeDetails::HouseMeterByArea {
            house_volume,
            flat_area,
            total_area,
        } => format!(
            "Общедомовой счётчик: {} {unit} на дом × {} м² квартиры / {} м² всех помещений = {} {unit}",
            ru(house_volume),
            ru(flat_area),
            ru(total_area),
            ru(&line.common_volume)
        ),
        ChargeDetails::Drainage { parts } => {
            let parts: Vec<String> = parts
                .iter()
                .map(|p| {
                    let name = (ctx.service)(p.service_id).unwrap_or_else(|| "вода".into());
                    format!("{name} {} {unit}", ru(&p.volume))
                })
                .collect();
            format!(
                "Водоотведение = {} = {} {unit}",
                parts.join(" + "),
                ru(&line.individual_volume)
            )
        }
    };
    let since = ctx
        .tariff_from
        .map(|d| format!(" (тариф с {})", d.format("%d.%m.%Y")))
        .unwrap_or_default();
    format!(
        "{volume}. Тариф {} ₽{since}; начислено {}.",
        ru(&line.tariff),
        line.amount.format_rub()
    )
}

/// Why an earlier period's penalty is corrected: «Перерасчёт пеней за июль 2026: оплата
/// 20.07.2026 поступила после закрытия периода».
pub fn penalty_correction(c: &PenaltyCorrection) -> String {
    let dates: Vec<String> = c
        .paid_on
        .iter()
        .map(|d| d.format("%d.%m.%Y").to_string())
        .collect();
    let payments = match dates.as_slice() {
        [one] => format!("оплата {one} поступила"),
        many => format!("оплаты {} поступили", many.join(", ")),
    };
    format!(
        "Перерасчёт пеней за {}: {payments} после закрытия периода",
        month_name(c.corrects)
    )
}

fn meter_name(id: i64, ctx: &Context) -> String {
    (ctx.serial)(id).map_or_else(|| format!("№ {id}"), |s| format!("№ {s}"))
}

/// «Срок поверки счётчика № … истёк 10.09.2026»: why an expired meter gives no reading.
fn expired(meter_id: i64, on: NaiveDate, ctx: &Context) -> String {
    format!(
        "Срок поверки счётчика {} истёк {}",
        meter_name(meter_id, ctx),
        on.format("%d.%m.%Y")
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
        "× {} м² квартиры / {} м² всех помещений",
        ru(&s.flat_area),
        ru(&s.total_area)
    );
    let mut text = match s.formula {
        ShareFormula::Formula12 => format!(
            "Общедомовые нужды (формула 12): (общедомовой счётчик {} − квартиры {} − нежилые {} = {} {unit}) {part} = {} {unit}",
            ru(&s.house_volume.unwrap_or_default()),
            ru(&s.individual_total),
            ru(&s.non_residential_total),
            ru(&s.distributed),
            ru(&s.uncapped)
        ),
        ShareFormula::Formula15 => format!(
            "Общедомовые нужды (формула 15, общедомового счётчика нет): норматив {} {unit}/м² × {} м² общего имущества {part} = {} {unit}",
            ru(&s.norm_per_m2.unwrap_or_default()),
            ru(&s.common_area),
            ru(&s.uncapped)
        ),
    };
    if let Some(cap) = s.cap.filter(|cap| *cap < s.uncapped) {
        text.push_str(&format!(
            "; не больше норматива: {} {unit}, к оплате {} {unit}",
            ru(&cap),
            ru(&line.common_volume)
        ));
    }
    text
}
