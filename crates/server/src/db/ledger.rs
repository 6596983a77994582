//! What a closed period left: charge lines and balances, read-only.

use super::schema::{balances as b, charges as c};
use super::DbConn;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domkom_dto::{AccountPeriodFilter, BalanceLine, ChargeLine};

type ChargeRow = (i64, i64, String, i32, String, i64, i64, i64, i64);
type BalanceRow = (i64, String, i64, i64, i64, i64, i64, i64);

pub fn charges(
    conn: &mut DbConn,
    org: i64,
    f: &AccountPeriodFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<ChargeLine>, i64)> {
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
        .order((c::period.desc(), c::account_id, c::id))
        .limit(limit)
        .offset(offset)
        .select((
            c::account_id,
            c::service_id,
            c::period,
            c::zone,
            c::method,
            c::volume,
            c::common_volume,
            c::tariff,
            c::amount,
        ))
        .load::<ChargeRow>(conn)?;
    let total = c::table.filter(filter).count().get_result(conn)?;
    let items = rows
        .into_iter()
        .map(
            |(
                account_id,
                service_id,
                period,
                zone,
                method,
                volume,
                common_volume,
                tariff,
                amount,
            )| ChargeLine {
                account_id,
                service_id,
                period,
                zone,
                method,
                volume,
                common_volume,
                tariff,
                amount,
            },
        )
        .collect();
    Ok((items, total))
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
