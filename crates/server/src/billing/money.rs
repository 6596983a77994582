//! The money side of a close: recalculations booked in the period, payments, openings,
//! each account's history for penalties, and what earlier periods charged in penalties
//! where a late payment may correct them.

use super::error::CloseError;
use crate::db::schema::{
    balances as b, organizations as o, payments as pay, penalty_corrections as pc, periods as pe,
    recalculations as rc,
};
use crate::db::DbConn;
use chrono::NaiveDate;
use diesel::prelude::*;
use domkom_domain::arrears::{Accrual, CarriedOver};
use domkom_domain::balance::booked_in;
use domkom_domain::{Money, Payment, Period, Recalculation};
use domkom_values::OrganizationId;
use std::collections::{HashMap, HashSet};

/// A recalculation booked in the period being closed.
#[derive(Queryable, Selectable)]
#[diesel(table_name = rc)]
struct RecalculationRow {
    account_id: i64,
    service_id: i64,
    #[diesel(deserialize_as = String)]
    corrects_period: Period,
    amount: i64,
    reason: String,
}

/// A payment as the close reads it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = pay)]
struct PaymentRow {
    id: i64,
    account_id: i64,
    paid_on: NaiveDate,
    amount: i64,
    for_period: Option<String>,
    created_at: chrono::NaiveDateTime,
}

/// An earlier period's balance of an account.
#[derive(Queryable, Selectable)]
#[diesel(table_name = b)]
struct BalanceRow {
    account_id: i64,
    #[diesel(deserialize_as = String)]
    period: Period,
    charged: i64,
    recalculated: i64,
    penalties: i64,
    closing: i64,
}

/// A penalty correction an earlier close booked.
#[derive(Queryable, Selectable)]
#[diesel(table_name = pc)]
struct CorrectionRow {
    account_id: i64,
    #[diesel(deserialize_as = String)]
    period: Period,
    #[diesel(deserialize_as = String)]
    corrects_period: Period,
    amount: i64,
}

/// The penalty rate a closed period charged at.
#[derive(Queryable, Selectable)]
#[diesel(table_name = pe)]
struct RateRow {
    #[diesel(deserialize_as = String)]
    period: Period,
    penalty_rate_bp: Option<i32>,
}

#[derive(Default)]
pub struct MoneyData {
    /// Recalculations booked in the period, per account.
    pub recalculations: HashMap<i64, Vec<Recalculation>>,
    /// Every payment up to the period's last day, per account.
    pub payments: HashMap<i64, Vec<Payment>>,
    /// The previous period's closing, else the balance carried over from before Domkom.
    pub openings: HashMap<i64, Money>,
    /// Charges + recalculations of each earlier closed period, per account.
    pub accruals: HashMap<i64, Vec<Accrual>>,
    /// Balances carried over from before the account's first period here.
    pub carried: HashMap<i64, CarriedOver>,
    /// For the accounts with a payment counted in this period but dated before it (a
    /// late bank registry): each earlier period's penalties as charged so far, its own
    /// and the corrections of it booked since.
    pub charged_penalties: HashMap<i64, Vec<(Period, Money)>>,
    /// The rate, in basis points, each earlier closed period charged penalties at;
    /// `None` for periods closed before the rate was kept.
    pub penalty_rates: HashMap<Period, Option<u32>>,
    pub due_day: u8,
    pub penalties_enabled: bool,
}

/// `accounts`: (id, opening balance carried over).
pub fn load(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
    accounts: &[(i64, i64)],
) -> Result<MoneyData, CloseError> {
    let (due_day, penalties_enabled): (i32, bool) = o::table
        .find(org)
        .select((o::due_day, o::penalties_enabled))
        .first(conn)?;
    let mut data = MoneyData {
        due_day: u8::try_from(due_day).unwrap_or(15),
        penalties_enabled,
        openings: accounts
            .iter()
            .map(|&(id, carried)| (id, Money::from_kopecks(carried)))
            .collect(),
        recalculations: recalculations(conn, org, period)?,
        ..MoneyData::default()
    };
    let paid_late = payments(conn, org, period, &mut data.payments)?;
    let first_seen = history(conn, org, period, &paid_late, &mut data)?;
    for &(id, carried) in accounts.iter().filter(|(_, carried)| *carried != 0) {
        let first = first_seen.get(&id).copied().unwrap_or(period);
        data.carried.insert(
            id,
            CarriedOver {
                first,
                amount: Money::from_kopecks(carried),
            },
        );
    }
    Ok(data)
}

/// The recalculations booked in `period`, per account.
fn recalculations(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
) -> Result<HashMap<i64, Vec<Recalculation>>, CloseError> {
    let rows: Vec<RecalculationRow> = rc::table
        .filter(rc::organization_id.eq(org))
        .filter(rc::period.eq(period.to_string()))
        .select(RecalculationRow::as_select())
        .load(conn)?;
    let mut out: HashMap<i64, Vec<Recalculation>> = HashMap::new();
    for r in rows {
        out.entry(r.account_id).or_default().push(Recalculation {
            account_id: r.account_id,
            service_id: r.service_id,
            booked_in: period,
            corrects: r.corrects_period,
            amount: Money::from_kopecks(r.amount),
            reason: r.reason,
        });
    }
    Ok(out)
}

/// Every payment up to `period`'s last day into `out`, each with the period it is booked
/// in; answers the accounts with a payment that reached an earlier month after it closed,
/// whose earlier penalties this close may correct.
fn payments(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
    out: &mut HashMap<i64, Vec<Payment>>,
) -> Result<HashSet<i64>, CloseError> {
    let closes = crate::db::periods::closes(conn, org)?;
    let rows: Vec<PaymentRow> = pay::table
        .filter(pay::organization_id.eq(org))
        .filter(pay::paid_on.le(period.last_day()))
        .select(PaymentRow::as_select())
        .load(conn)?;
    let mut paid_late = HashSet::new();
    for r in rows {
        let booked_in = booked_in(r.paid_on, r.created_at, &closes).ok_or_else(|| {
            CloseError::Corrupt(format!("payment {}: no period for {}", r.id, r.paid_on))
        })?;
        if booked_in == period && r.paid_on < period.first_day() {
            paid_late.insert(r.account_id);
        }
        out.entry(r.account_id).or_default().push(Payment {
            payment_id: r.id,
            account_id: r.account_id,
            date: r.paid_on,
            amount: Money::from_kopecks(r.amount),
            period: r.for_period.and_then(|p| p.parse().ok()),
            booked_in,
        });
    }
    Ok(paid_late)
}

/// The earlier closed periods into `data`: openings, accruals, and for the accounts in
/// `paid_late` the penalties each period has charged so far with the rates; answers each
/// account's first period here.
fn history(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
    paid_late: &HashSet<i64>,
    data: &mut MoneyData,
) -> Result<HashMap<i64, Period>, CloseError> {
    let key = period.to_string();
    let previous = period.prev();
    let mut first_seen: HashMap<i64, Period> = HashMap::new();
    let mut charged_penalties: HashMap<(i64, Period), Money> = HashMap::new();
    let rows: Vec<BalanceRow> = b::table
        .filter(b::organization_id.eq(org))
        .filter(b::period.lt(&key))
        .select(BalanceRow::as_select())
        .load(conn)?;
    for r in rows {
        let (account_id, p) = (r.account_id, r.period);
        if paid_late.contains(&account_id) {
            charged_penalties.insert((account_id, p), Money::from_kopecks(r.penalties));
        }
        if Some(p) == previous {
            data.openings
                .insert(account_id, Money::from_kopecks(r.closing));
        }
        let first = first_seen.entry(account_id).or_insert(p);
        *first = (*first).min(p);
        let amount = Money::from_kopecks(r.charged + r.recalculated);
        data.accruals
            .entry(account_id)
            .or_default()
            .push(Accrual { period: p, amount });
    }
    if !paid_late.is_empty() {
        corrections_so_far(conn, org, &key, paid_late, &mut charged_penalties)?;
        data.penalty_rates = penalty_rates(conn, org)?;
    }
    for ((account_id, p), charged) in charged_penalties {
        data.charged_penalties
            .entry(account_id)
            .or_default()
            .push((p, charged));
    }
    Ok(first_seen)
}

/// Moves each correction booked before `key` for the accounts in `paid_late` from the
/// penalties of the period that booked it to those of the period it corrects, so that
/// `charged` holds what each period has been charged so far.
fn corrections_so_far(
    conn: &mut DbConn,
    org: OrganizationId,
    key: &str,
    paid_late: &HashSet<i64>,
    charged: &mut HashMap<(i64, Period), Money>,
) -> Result<(), CloseError> {
    let rows: Vec<CorrectionRow> = pc::table
        .filter(pc::organization_id.eq(org))
        .filter(pc::period.lt(key))
        .select(CorrectionRow::as_select())
        .load(conn)?;
    for row in rows
        .iter()
        .filter(|row| paid_late.contains(&row.account_id))
    {
        let amount = Money::from_kopecks(row.amount);
        for (p, signed) in [(row.period, -amount), (row.corrects_period, amount)] {
            *charged.entry((row.account_id, p)).or_insert(Money::ZERO) += signed;
        }
    }
    Ok(())
}

/// The rate each closed period charged penalties at (`None`: closed before it was kept).
fn penalty_rates(
    conn: &mut DbConn,
    org: OrganizationId,
) -> Result<HashMap<Period, Option<u32>>, CloseError> {
    let rows: Vec<RateRow> = pe::table
        .filter(pe::organization_id.eq(org))
        .filter(pe::status.eq("closed"))
        .select(RateRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.period,
                r.penalty_rate_bp.and_then(|bp| u32::try_from(bp).ok()),
            )
        })
        .collect())
}
