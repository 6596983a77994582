//! Which personal accounts a resident has linked, and what proves a link.

use super::schema::{
    account_links as l, accounts as a, balances as b, houses as h, organizations as o,
    premises as p,
};
use super::{by_key, now, text_enum, DbConn};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domkom_dto::{AccountKind, LinkedAccount, OrganizationSummary};
use domkom_values::{AccountId, Money, OrganizationId, UserId};

/// Every organization (a platform has hundreds, not millions); the caller filters.
pub fn organizations(conn: &mut DbConn) -> QueryResult<Vec<OrganizationSummary>> {
    o::table
        .order(o::name)
        .select((o::id, o::kind, o::name, o::inn, o::address, o::phone))
        .load::<(OrganizationId, String, String, String, String, String)>(conn)?
        .into_iter()
        .map(|(id, kind, name, inn, address, phone)| {
            Ok(OrganizationSummary {
                id,
                kind: text_enum(&kind)?,
                name,
                inn,
                address,
                phone,
            })
        })
        .collect()
}

/// An account found by its number, with what proves and describes it.
pub struct FoundAccount {
    pub id: AccountId,
    pub link_code: String,
    pub kind: AccountKind,
}

/// The account `number` of the organization.
pub fn find_account(
    conn: &mut DbConn,
    org: OrganizationId,
    number: &str,
) -> QueryResult<Option<FoundAccount>> {
    let row = a::table
        .filter(a::organization_id.eq(org))
        .filter(a::number.eq(number.trim()))
        .select((a::id, a::link_code, a::kind))
        .first::<(AccountId, String, String)>(conn)
        .optional()?;
    row.map(|(id, link_code, kind)| {
        Ok(FoundAccount {
            id,
            link_code,
            kind: text_enum(&kind)?,
        })
    })
    .transpose()
}

/// «Итого к оплате» of the last receipt: the closing balance of the last closed period.
pub fn last_receipt_total(conn: &mut DbConn, account: AccountId) -> QueryResult<Option<Money>> {
    b::table
        .filter(b::account_id.eq(account))
        .order(b::period.desc())
        .select(b::closing)
        .first(conn)
        .optional()
}

/// Links the account (again is fine: nothing changes).
pub fn link(
    conn: &mut DbConn,
    user: UserId,
    account: AccountId,
    org: OrganizationId,
) -> QueryResult<()> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        l::table
            .filter(l::user_id.eq(user))
            .filter(l::account_id.eq(account)),
    ))
    .get_result(conn)?;
    if !exists {
        diesel::insert_into(l::table)
            .values((
                l::user_id.eq(user),
                l::account_id.eq(account),
                l::organization_id.eq(org),
                l::created_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn unlink(conn: &mut DbConn, user: UserId, account: AccountId) -> QueryResult<usize> {
    diesel::delete(
        l::table
            .filter(l::user_id.eq(user))
            .filter(l::account_id.eq(account)),
    )
    .execute(conn)
}

/// A linked account with its house, premise and organization.
#[derive(Queryable, Selectable)]
#[diesel(table_name = a)]
struct Row {
    id: AccountId,
    number: String,
    kind: String,
    holder: String,
    #[diesel(select_expression = h::address)]
    house: String,
    #[diesel(select_expression = p::number)]
    premise: String,
    #[diesel(select_expression = o::id)]
    organization_id: OrganizationId,
    #[diesel(select_expression = o::name)]
    organization_name: String,
}

/// The resident's linked accounts, oldest link first; `only` narrows to one account.
pub fn linked(
    conn: &mut DbConn,
    user: UserId,
    only: Option<AccountId>,
) -> QueryResult<Vec<LinkedAccount>> {
    // Flat joins: SQLite plans nested ones several times slower.
    let rows = l::table
        .inner_join(a::table)
        .inner_join(p::table.on(p::id.eq(a::premise_id)))
        .inner_join(h::table.on(h::id.eq(p::house_id)))
        .inner_join(o::table.on(o::id.eq(a::organization_id)))
        .filter(l::user_id.eq(user))
        .filter(
            a::id
                .eq(only.unwrap_or_default())
                .or(only.is_none().into_sql::<Bool>()),
        )
        .order((l::created_at, a::id))
        .select(Row::as_select())
        .load(conn)?;
    rows.into_iter()
        .map(|row| {
            Ok(LinkedAccount {
                id: row.id,
                number: row.number,
                kind: text_enum(&row.kind)?,
                holder: row.holder,
                address: domkom_domain::ru::flat_address(&row.house, &row.premise),
                organization_id: row.organization_id,
                organization_name: row.organization_name,
            })
        })
        .collect()
}

/// The organization of `account` when it is linked to `user`: every resident endpoint of
/// an account starts here, and answers 404 on `None`.
pub fn linked_organization(
    conn: &mut DbConn,
    user: UserId,
    account: AccountId,
) -> QueryResult<Option<OrganizationId>> {
    by_key(
        conn,
        l::table
            .filter(l::user_id.eq(user))
            .filter(l::account_id.eq(account))
            .select(l::organization_id),
    )
}
