//! A month of an organization's life: meter readings (a few flats skip), the house meter,
//! payments of the previous month's bill, now and then a recalculation.

use super::company::{Company, Payer};
use super::{month_day, Rng, HISTORY_MONTHS};
use crate::db::{self, payments, readings, recalculations};
use crate::views::ledger;
use chrono::Datelike;
use domkom_domain::Period;
use domkom_dto::{AccountPeriodFilter, PaymentData, ReadingData, ReadingSource, RecalculationData};
use domkom_values::{AccountId, MeterId, Money, OrganizationId, Quantity, UserId};
use std::collections::HashMap;

/// Month `k` (0-based) of the history, in one transaction; the caller closes it.
pub fn month(
    conn: &mut db::DbConn,
    c: &mut Company,
    rng: &mut Rng,
    period: Period,
    k: u32,
) -> anyhow::Result<()> {
    db::write_tx(conn, |conn| -> anyhow::Result<()> {
        let (org, op) = (c.org, c.operator_id);
        // Registered by the company, read on a day of the window as people do.
        let imported = |conn: &mut db::DbConn, id, value| {
            let source = ReadingSource::Import;
            reading(
                conn,
                (org, op),
                id,
                period,
                value,
                source,
                month_day(period, 22),
            )
        };
        let mut cold = Quantity::ZERO;
        for flat in &mut c.flats {
            let used = consumption(rng, flat.persons, period);
            cold += used[0];
            for (meter, used) in flat.meters.iter_mut().zip(used) {
                meter.1 += used;
            }
            if !flat.skips.contains(&k) {
                for (id, value) in flat.meters {
                    imported(conn, id, value)?;
                }
            }
        }
        // The house meter sees the flats and the common use: 4–9 % more.
        let common = cold.thousandths() * rng.range(40, 90) / 1_000;
        c.house_meter.1 += cold + Quantity::from_thousandths(common);
        let (id, value) = c.house_meter;
        imported(conn, id, value)?;
        pay(conn, c, rng, period, k, 31)?;
        if k % 3 == 2 {
            recalculation(conn, c, rng, period)?;
        }
        Ok(())
    })
}

/// The open current month: payments up to today, a few readings already sent.
pub fn current(
    conn: &mut db::DbConn,
    c: &mut Company,
    rng: &mut Rng,
    period: Period,
    today: chrono::NaiveDate,
) -> anyhow::Result<()> {
    db::write_tx(conn, |conn| -> anyhow::Result<()> {
        let last_day = if Period::containing(today) == Some(period) {
            today.day()
        } else {
            31
        };
        pay(conn, c, rng, period, HISTORY_MONTHS, last_day)?;
        let (org, op) = (c.org, c.operator_id);
        for flat in &mut c.flats {
            let used = consumption(rng, flat.persons, period);
            // The demo resident's meters wait for the resident.
            if flat.is_resident || !rng.chance(20) {
                continue;
            }
            for (meter, used) in flat.meters.iter_mut().zip(used) {
                meter.1 += used;
                reading(
                    conn,
                    (org, op),
                    meter.0,
                    period,
                    meter.1,
                    ReadingSource::Operator,
                    today.min(month_day(period, 22)),
                )?;
            }
        }
        Ok(())
    })
}

/// ХВС, ГВС (m³) and electricity (kWh); more light in winter.
fn consumption(rng: &mut Rng, persons: i64, period: Period) -> [Quantity; 3] {
    let cold = persons * rng.range(2_300, 4_000);
    let hot = persons * rng.range(1_400, 2_600);
    let kwh = rng.range(60, 110) + persons * rng.range(35, 70);
    let winter = matches!(period.first_day().month(), 11 | 12 | 1 | 2);
    let kwh = if winter { kwh * 6 / 5 } else { kwh };
    [cold, hot, kwh * 1_000].map(Quantity::from_thousandths)
}

/// Stores a reading entered by `(organization, user)`, taken on `taken_on`.
fn reading(
    conn: &mut db::DbConn,
    (org, user): (OrganizationId, UserId),
    meter_id: MeterId,
    period: Period,
    value: Quantity,
    source: ReadingSource,
    taken_on: chrono::NaiveDate,
) -> anyhow::Result<()> {
    let data = ReadingData {
        meter_id,
        period: period.to_string(),
        zone: 1,
        value,
        rolled_over: false,
        taken_on: None,
    };
    readings::insert(conn, org, &data, taken_on, source, user)?;
    Ok(())
}

/// Payments made in `period` (by day `last_day`) for the previous month's bill.
fn pay(
    conn: &mut db::DbConn,
    c: &Company,
    rng: &mut Rng,
    period: Period,
    k: u32,
    last_day: u32,
) -> anyhow::Result<()> {
    let prev = period.prev().map(|p| p.to_string()).unwrap_or_default();
    // (closing, charged + recalculated) of the previous month; before the history, the
    // balance carried over.
    let due: HashMap<AccountId, (Money, Money)> = if k == 0 {
        c.flats
            .iter()
            .map(|f| (f.account_id, (f.opening_balance, f.opening_balance)))
            .collect()
    } else {
        let filter = AccountPeriodFilter {
            account_id: None,
            period: Some(prev.clone()),
        };
        ledger::balances(conn, c.org, &filter, 1_000, 0)?
            .0
            .into_iter()
            .map(|b| (b.account_id, (b.closing, b.charged + b.recalculated)))
            .collect()
    };
    for flat in &c.flats {
        let (closing, charged) = due.get(&flat.account_id).copied().unwrap_or_default();
        let (closing, charged) = (closing.kopecks(), charged.kopecks());
        let day = rng.range(8, 22) as u32;
        let roll = rng.range(0, 99);
        let amount = match flat.payer {
            Payer::Good if roll < 92 => closing,
            Payer::Good => 0,
            // Whole rubles, 55–84 % of the bill.
            Payer::Partial => charged * (55 + roll % 30) / 100 / 100 * 100,
            Payer::Rare if k % 3 == 1 => closing / 2 / 10_000 * 10_000,
            Payer::Rare => 0,
            // Two months' worth, rounded up to 1 000 ₽, whenever something is due.
            Payer::Ahead if closing > 0 => (closing + charged + 99_999) / 100_000 * 100_000,
            Payer::Ahead => 0,
        };
        if amount <= 0 || day > last_day {
            continue;
        }
        let source = ["online", "online", "bank", "cash"][usize::try_from(roll % 4).unwrap_or(0)];
        let data = PaymentData {
            account_id: flat.account_id,
            amount: Money::from_kopecks(amount),
            paid_on: month_day(period, day),
            source: source.into(),
            external_id: Some(format!("{period}-{}", flat.number)),
            for_period: (k > 0 && roll % 10 < 7).then(|| prev.clone()),
        };
        payments::insert(conn, c.org, &data)?;
    }
    Ok(())
}

/// A correction of the previous month booked in this one, with its reason.
fn recalculation(
    conn: &mut db::DbConn,
    c: &Company,
    rng: &mut Rng,
    period: Period,
) -> anyhow::Result<()> {
    let Some(prev) = period.prev() else {
        return Ok(());
    };
    let s = c.services;
    let (service, reason, num, den) = *rng.pick(&[
        (
            s.hot,
            "Некачественная услуга ГВС: температура ниже нормы",
            20,
            100,
        ),
        (s.waste, "Временное отсутствие 14 дней по заявлению", 14, 30),
        (s.intercom, "Домофон не работал 10 дней", 10, 30),
    ]);
    let flat = rng.pick(&c.flats);
    let filter = AccountPeriodFilter {
        account_id: Some(flat.account_id),
        period: Some(prev.to_string()),
    };
    let charged: Money = ledger::charges(conn, c.org, &filter, 100, 0)?
        .0
        .iter()
        .flat_map(|sheet| &sheet.lines)
        .filter(|l| l.service_id == service)
        .map(|l| l.amount)
        .sum();
    let amount = Money::from_kopecks(-((charged.kopecks() * num + den / 2) / den));
    if amount.is_zero() {
        return Ok(());
    }
    let data = RecalculationData {
        account_id: flat.account_id,
        service_id: service,
        period: period.to_string(),
        corrects_period: prev.to_string(),
        amount,
        reason: reason.to_owned(),
    };
    recalculations::insert(conn, c.org, &data, c.operator_id)?;
    Ok(())
}
