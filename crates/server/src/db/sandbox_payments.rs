//! The books of the built-in sandbox acquirer (`sandbox_payments`).

use super::schema::sandbox_payments as s;
use super::{by_key, now, DbConn};
use diesel::prelude::*;
use domkom_values::Money;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = s)]
pub struct Row {
    pub id: String,
    pub amount: Money,
    pub currency: String,
    pub description: String,
    pub return_url: String,
    pub status: String,
}

pub fn insert(conn: &mut DbConn, row: &Row) -> QueryResult<usize> {
    diesel::insert_into(s::table)
        .values((
            s::id.eq(&row.id),
            s::amount.eq(row.amount),
            s::currency.eq(&row.currency),
            s::description.eq(&row.description),
            s::return_url.eq(&row.return_url),
            s::status.eq(&row.status),
            s::created_at.eq(now()),
        ))
        .execute(conn)
}

pub fn get(conn: &mut DbConn, id: &str) -> QueryResult<Option<Row>> {
    by_key(conn, s::table.find(id).select(super::columns::<Row>()))
}

/// The payer's decision; 0 when it was taken before.
pub fn decide(conn: &mut DbConn, id: &str, status: &str) -> QueryResult<usize> {
    diesel::update(s::table.find(id).filter(s::status.eq("pending")))
        .set(s::status.eq(status))
        .execute(conn)
}
