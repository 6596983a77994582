//! Online payments started from the cabinet (`online_payments`).

use super::schema::online_payments as o;
use super::{by_key, now, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use domkom_dto::{OnlinePayment, OnlinePaymentStatus};
use domkom_values::{AccountId, Money, OnlinePaymentId, OrganizationId, PaymentId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = o)]
pub struct Row {
    pub id: OnlinePaymentId,
    pub organization_id: OrganizationId,
    pub account_id: AccountId,
    pub user_id: Option<UserId>,
    pub amount: Money,
    pub for_period: Option<String>,
    pub provider: String,
    pub provider_id: Option<String>,
    pub confirmation_url: Option<String>,
    pub status: String,
    pub idempotency_key: Option<String>,
    pub payment_id: Option<PaymentId>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

impl Row {
    pub fn status(&self) -> OnlinePaymentStatus {
        OnlinePaymentStatus::parse(&self.status).unwrap_or(OnlinePaymentStatus::Canceled)
    }

    pub fn into_dto(self) -> OnlinePayment {
        let status = self.status();
        OnlinePayment {
            id: self.id,
            account_id: self.account_id,
            amount: self.amount,
            for_period: self.for_period.and_then(|p| p.parse().ok()),
            status,
            confirmation_url: self
                .confirmation_url
                .filter(|_| status == OnlinePaymentStatus::Pending),
            payment_id: self.payment_id,
            created_at: self.created_at.and_utc(),
            expires_at: self.expires_at.and_utc(),
        }
    }
}

/// A payment about to be created at the provider.
pub struct New<'a> {
    pub organization_id: OrganizationId,
    pub account_id: AccountId,
    pub user_id: UserId,
    pub amount: Money,
    pub for_period: Option<&'a str>,
    pub provider: &'a str,
    pub idempotency_key: Option<&'a str>,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, n: &New) -> QueryResult<OnlinePaymentId> {
    diesel::insert_into(o::table)
        .values((
            o::organization_id.eq(n.organization_id),
            o::account_id.eq(n.account_id),
            o::user_id.eq(n.user_id),
            o::amount.eq(n.amount),
            o::for_period.eq(n.for_period),
            o::provider.eq(n.provider),
            o::status.eq(OnlinePaymentStatus::Pending.as_str()),
            o::idempotency_key.eq(n.idempotency_key),
            o::created_at.eq(now()),
            o::expires_at.eq(n.expires_at),
        ))
        .returning(o::id)
        .get_result(conn)
}

pub fn get(conn: &mut DbConn, id: OnlinePaymentId) -> QueryResult<Option<Row>> {
    by_key(conn, o::table.find(id).select(super::columns::<Row>()))
}

/// The payment `user` started with `key`.
pub fn by_idempotency_key(conn: &mut DbConn, user: UserId, key: &str) -> QueryResult<Option<Row>> {
    by_key(
        conn,
        o::table
            .filter(o::user_id.eq(user))
            .filter(o::idempotency_key.eq(key))
            .select(super::columns::<Row>()),
    )
}

pub fn by_provider(
    conn: &mut DbConn,
    provider: &str,
    provider_id: &str,
) -> QueryResult<Option<Row>> {
    by_key(
        conn,
        o::table
            .filter(o::provider.eq(provider))
            .filter(o::provider_id.eq(provider_id))
            .select(super::columns::<Row>()),
    )
}

/// The provider created it: its id and page.
pub fn created(
    conn: &mut DbConn,
    id: OnlinePaymentId,
    provider_id: &str,
    url: &str,
) -> QueryResult<usize> {
    diesel::update(o::table.find(id))
        .set((o::provider_id.eq(provider_id), o::confirmation_url.eq(url)))
        .execute(conn)
}

/// Moves the payment to `to` from one of `from`; 1 when it moved, 0 when another request
/// moved it first.
pub fn transition(
    conn: &mut DbConn,
    id: OnlinePaymentId,
    from: &[OnlinePaymentStatus],
    to: OnlinePaymentStatus,
    error: Option<&str>,
) -> QueryResult<usize> {
    let from: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    diesel::update(o::table.find(id).filter(o::status.eq_any(from)))
        .set((
            o::status.eq(to.as_str()),
            o::error.eq(error),
            o::finished_at.eq(now()),
        ))
        .execute(conn)
}

/// The payment that credited it.
pub fn credited(conn: &mut DbConn, id: OnlinePaymentId, payment: PaymentId) -> QueryResult<usize> {
    diesel::update(o::table.find(id))
        .set(o::payment_id.eq(payment))
        .execute(conn)
}
