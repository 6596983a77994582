//! What a closed period left: charge sheets and balances, read-only.

use crate::db::schema::{balances as b, charges as c};
use crate::db::{enum_text, DbConn};
use crate::views::account_money::BalanceRow;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domkom_domain::{Charge, Period};
use domkom_dto::{AccountPeriodFilter, BalanceLine, ChargeLine, ChargeSheet};
use domkom_values::{AccountId, OrganizationId, ServiceId};

/// A stored charge sheet.
#[derive(Queryable, Selectable)]
#[diesel(table_name = c)]
struct SheetRow {
    account_id: AccountId,
    #[diesel(deserialize_as = String)]
    period: Period,
    lines: String,
}

/// An account's balance of a period.
#[derive(Queryable, Selectable)]
#[diesel(table_name = b)]
struct LedgerRow {
    account_id: AccountId,
    #[diesel(embed)]
    balance: BalanceRow,
}

/// Charge sheets, newest period first, then by account.
pub fn charges(
    conn: &mut DbConn,
    org: OrganizationId,
    f: &AccountPeriodFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<ChargeSheet>, i64)> {
    let period = f.period.as_deref();
    let filter = c::organization_id
        .eq(org)
        .and(
            c::account_id
                .eq(f.account_id.unwrap_or_default())
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
        .select(SheetRow::as_select())
        .load(conn)?;
    let total = c::table.filter(filter).count().get_result(conn)?;
    let items = rows
        .into_iter()
        .map(|row| {
            let lines: Vec<ChargeLine> = crate::db::json_array::<Charge>(&row.lines)?
                .iter()
                .map(charge_line)
                .collect();
            Ok(ChargeSheet {
                account_id: row.account_id,
                period: row.period,
                amount: crate::db::sum_money(lines.iter().map(|l| l.amount))?,
                lines,
            })
        })
        .collect::<QueryResult<_>>()?;
    Ok((items, total))
}

fn charge_line(c: &Charge) -> ChargeLine {
    ChargeLine {
        // The engine's lines keep bare ids.
        service_id: ServiceId(c.service_id),
        zone: c.zone.map_or(0, i32::from),
        method: enum_text(&c.method),
        volume: c.individual_volume,
        common_volume: c.common_volume,
        tariff: c.tariff,
        amount: c.amount,
    }
}

pub fn balances(
    conn: &mut DbConn,
    org: OrganizationId,
    f: &AccountPeriodFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<BalanceLine>, i64)> {
    let period = f.period.as_deref();
    let filter = b::organization_id
        .eq(org)
        .and(
            b::account_id
                .eq(f.account_id.unwrap_or_default())
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
        .select(LedgerRow::as_select())
        .load(conn)?;
    let total = b::table.filter(filter).count().get_result(conn)?;
    let items = rows
        .into_iter()
        .map(|row| {
            let money = row.balance.money();
            BalanceLine {
                account_id: row.account_id,
                period: row.balance.period,
                opening: money.opening,
                charged: money.charged,
                recalculated: money.recalculated,
                penalties: money.penalties,
                paid: money.paid,
                closing: money.closing,
            }
        })
        .collect();
    Ok((items, total))
}
