//! What a closed period left: charge sheets and balances, read-only.

use crate::db::schema::{balances as b, charges as c};
use crate::db::{enum_text, DbConn};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domkom_domain::Charge;
use domkom_dto::{AccountPeriodFilter, BalanceLine, ChargeLine, ChargeSheet};

type BalanceRow = (i64, String, i64, i64, i64, i64, i64, i64);

/// Charge sheets, newest period first, then by account.
pub fn charges(
    conn: &mut DbConn,
    org: i64,
    f: &AccountPeriodFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<ChargeSheet>, i64)> {
    let period = f.period.as_deref();
    let filter = c::organization_id
        .eq(org)
        .and(
            c::account_id
                .eq(f.account_id.unwrap_or(0))
                .or(f.account_id.is_none().into_sql::<Bool>()),
        )
        .and(
            c::period
                .eq(period.unwrap_or(""))
                .or(period.is_none().into_sql::<Bool>()),
        );
    let rows = c::table
        .filter(filter)
        .order((c::period.desc(), c::account_id))
        .limit(limit)
        .offset(offset)
        .select((c::account_id, c::period, c::lines))
        .load::<(i64, String, String)>(conn)?;
    let total = c::table.filter(filter).count().get_result(conn)?;
    let items = rows
        .into_iter()
        .map(|(account_id, period, lines)| {
            let lines: Vec<ChargeLine> = crate::db::json_array::<Charge>(&lines)?
                .iter()
                .map(charge_line)
                .collect();
            Ok(ChargeSheet {
                account_id,
                period,
                amount: crate::db::sum_kopecks(lines.iter().map(|l| l.amount))?,
                lines,
            })
        })
        .collect::<QueryResult<_>>()?;
    Ok((items, total))
}

fn charge_line(c: &Charge) -> ChargeLine {
    ChargeLine {
        service_id: c.service_id,
        zone: c.zone.map_or(0, i32::from),
        method: enum_text(&c.method),
        volume: c.individual_volume.thousandths(),
        common_volume: c.common_volume.thousandths(),
        tariff: c.tariff.hundredths_of_kopeck(),
        amount: c.amount.kopecks(),
    }
}

pub fn balances(
    conn: &mut DbConn,
    org: i64,
    f: &AccountPeriodFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<BalanceLine>, i64)> {
    let period = f.period.as_deref();
    let filter = b::organization_id
        .eq(org)
        .and(
            b::account_id
                .eq(f.account_id.unwrap_or(0))
                .or(f.account_id.is_none().into_sql::<Bool>()),
        )
        .and(
            b::period
                .eq(period.unwrap_or(""))
                .or(period.is_none().into_sql::<Bool>()),
        );
    let rows = b::table
        .filter(filter)
        .order((b::period.desc(), b::account_id))
        .limit(limit)
        .offset(offset)
        .select((
            b::account_id,
            b::period,
            b::opening,
            b::charged,
            b::recalculated,
            b::penalties,
            b::paid,
            b::closing,
        ))
        .load::<BalanceRow>(conn)?;
    let total = b::table.filter(filter).count().get_result(conn)?;
    let items = rows
        .into_iter()
        .map(
            |(account_id, period, opening, charged, recalculated, penalties, paid, closing)| {
                BalanceLine {
                    account_id,
                    period,
                    opening,
                    charged,
                    recalculated,
                    penalties,
                    paid,
                    closing,
                }
            },
        )
        .collect();
    Ok((items, total))
}
