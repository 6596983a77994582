//! "Explain my bill": how each stored charge line was computed, in the resident's words.

use chrono::NaiveDate;
use domkom_domain::billing::charge::{ShareDetails, ShareFormula};
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
            "Счётчик {}: показания {previous} → {current}{}, расход {} {unit}",
            meter_name(*meter_id, ctx),
            if *rolled_over {
                " (счётчик перешёл через ноль)"
            } else {
                ""
            },
            line.individual_volume
        ),
        ChargeDetails::Average {
            meter_id,
            months,
            months_total,
            in_row,
        } => format!(
            "Показания счётчика {} не переданы: средний расход за {} мес. ({}) — {months_total} {unit} / {} = {} {unit}; по среднему {in_row}-й месяц подряд (не более 3)",
            meter_name(*meter_id, ctx),
            months.len(),
            months.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            months.len(),
            line.individual_volume
        ),
        ChargeDetails::Norm {
            norm_per_person,
            persons,
            reason,
            ..
        } => format!(
            "{}: норматив {norm_per_person} {unit} на человека × {persons} чел. = {} {unit}",
            norm_reason(*reason),
            line.individual_volume
        ),
        ChargeDetails::Area { area } => format!("Площадь {area} м²"),
        ChargeDetails::Persons { persons } => format!("Зарегистрировано {persons} чел."),
        ChargeDetails::Fixed => "Фиксированная плата за месяц".to_owned(),
        ChargeDetails::Share(share) => share_text(share, unit, line),
        ChargeDetails::HouseMeterByArea {
            house_volume,
            flat_area,
            total_area,
        } => format!(
            "Общедомовой счётчик: {house_volume} {unit} на дом × {flat_area} м² квартиры / {total_area} м² всех помещений = {} {unit}",
            line.common_volume
        ),
        ChargeDetails::Drainage { parts } => {
            let parts: Vec<String> = parts
                .iter()
                .map(|p| {
                    let name = (ctx.service)(p.service_id).unwrap_or_else(|| "вода".into());
                    format!("{name} {} {unit}", p.volume)
                })
                .collect();
            format!(
                "Водоотведение = {} = {} {unit}",
                parts.join(" + "),
                line.individual_volume
            )
        }
    };
    let since = ctx
        .tariff_from
        .map(|d| format!(" (тариф с {})", d.format("%d.%m.%Y")))
        .unwrap_or_default();
    format!(
        "{volume}. Тариф {} ₽{since}; начислено {}.",
        line.tariff,
        line.amount.format_rub()
    )
}

fn meter_name(id: i64, ctx: &Context) -> String {
    (ctx.serial)(id).map_or_else(|| format!("№ {id}"), |s| format!("№ {s}"))
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
        s.flat_area, s.total_area
    );
    let mut text = match s.formula {
        ShareFormula::Formula12 => format!(
            "Общедомовые нужды (формула 12): (общедомовой счётчик {} − квартиры {} − нежилые {} = {} {unit}) {part} = {} {unit}",
            s.house_volume.unwrap_or_default(),
            s.individual_total,
            s.non_residential_total,
            s.distributed,
            s.uncapped
        ),
        ShareFormula::Formula15 => format!(
            "Общедомовые нужды (формула 15, общедомового счётчика нет): норматив {} {unit}/м² × {} м² общего имущества {part} = {} {unit}",
            s.norm_per_m2.unwrap_or_default(),
            s.common_area,
            s.uncapped
        ),
    };
    if let Some(cap) = s.cap.filter(|cap| *cap < s.uncapped) {
        text.push_str(&format!(
            "; не больше норматива: {cap} {unit}, к оплате {} {unit}",
            line.common_volume
        ));
    }
    text
}
