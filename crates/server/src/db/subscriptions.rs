//! Receipts by e-mail, switched on and off per linked account (`account_links`).

use super::schema::{account_links as l, accounts as a, houses as h, premises as p};
use super::{by_key, DbConn};
use diesel::prelude::*;
use domkom_dto::{Subscription, Unsubscribed};
use domkom_values::{AccountId, UserId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = l)]
struct Row {
    account_id: AccountId,
    #[diesel(select_expression = a::number)]
    number: String,
    #[diesel(select_expression = h::address)]
    house: String,
    #[diesel(select_expression = p::number)]
    premise: String,
    receipts_by_email: bool,
}

/// The resident's linked accounts and their switches, oldest link first.
pub fn of_user(conn: &mut DbConn, user: UserId) -> QueryResult<Vec<Subscription>> {
    let rows: Vec<Row> = l::table
        .inner_join(a::table)
        .inner_join(p::table.on(p::id.eq(a::premise_id)))
        .inner_join(h::table.on(h::id.eq(p::house_id)))
        .filter(l::user_id.eq(user))
        .order((l::created_at, l::account_id))
        .select(Row::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| Subscription {
            account_id: r.account_id,
            account_number: r.number,
            address: domkom_domain::ru::flat_address(&r.house, &r.premise),
            receipts_by_email: r.receipts_by_email,
        })
        .collect())
}

/// Sets the switch of a linked account; false when the account is not linked to `user`.
/// The first subscription makes the link's unsubscribe token, which stays.
pub fn set(conn: &mut DbConn, user: UserId, account: AccountId, on: bool) -> QueryResult<bool> {
    let link = l::table
        .filter(l::user_id.eq(user))
        .filter(l::account_id.eq(account));
    if on {
        diesel::update(link.filter(l::unsubscribe_token.is_null()))
            .set(l::unsubscribe_token.eq(crate::auth::secret::generate()))
            .execute(conn)?;
    }
    let changed = diesel::update(link)
        .set(l::receipts_by_email.eq(on))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Switches off the letters of the link with `token`: what was switched off, or `None`
/// for a token of no link. Again is fine.
pub fn unsubscribe(conn: &mut DbConn, token: &str) -> QueryResult<Option<Unsubscribed>> {
    let found: Option<(String, String, String)> = by_key(
        conn,
        l::table
            .inner_join(a::table)
            .inner_join(p::table.on(p::id.eq(a::premise_id)))
            .inner_join(h::table.on(h::id.eq(p::house_id)))
            .filter(l::unsubscribe_token.eq(token))
            .select((a::number, h::address, p::number)),
    )?;
    let Some((number, house, premise)) = found else {
        return Ok(None);
    };
    diesel::update(l::table.filter(l::unsubscribe_token.eq(token)))
        .set(l::receipts_by_email.eq(false))
        .execute(conn)?;
    Ok(Some(Unsubscribed {
        account_number: number,
        address: domkom_domain::ru::flat_address(&house, &premise),
    }))
}
