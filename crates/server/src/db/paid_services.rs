//! Paid services: the catalogue (`paid_services`), the requests (`service_requests`) and
//! the online payments that pay them (`service_request_payments`).

use super::schema::{
    accounts as a, houses as h, online_payments as op, paid_services as s, premises as p,
    service_request_payments as srp, service_requests as r,
};
use super::{by_key, now, DbConn};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use domkom_dto::{
    Contact, PaidService, PaidServiceData, RequestStatus, ServiceRequest, ServiceRequestFilter,
    TimeSlot,
};
use domkom_values::{ru, AccountId, HouseId, Money, OnlinePaymentId, OrganizationId};
use domkom_values::{PaidServiceId, ServiceRequestId, UserId};

type ServiceRow = (PaidServiceId, String, String, Option<Money>, String, bool);

fn service_columns() -> (s::id, s::name, s::description, s::price, s::unit, s::active) {
    (s::id, s::name, s::description, s::price, s::unit, s::active)
}

fn service(row: ServiceRow) -> PaidService {
    let (id, name, description, price, unit, active) = row;
    PaidService {
        id,
        data: PaidServiceData {
            name,
            description,
            price,
            unit,
            active,
        },
    }
}

/// The catalogue, by name; only what residents may order when `active_only`.
pub fn catalogue(
    conn: &mut DbConn,
    org: OrganizationId,
    active_only: bool,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<PaidService>, i64)> {
    let filtered = || {
        let q = s::table.filter(s::organization_id.eq(org)).into_boxed();
        if active_only {
            q.filter(s::active)
        } else {
            q
        }
    };
    let rows: Vec<ServiceRow> = filtered()
        .order((s::name, s::id))
        .select(service_columns())
        .limit(limit)
        .offset(offset)
        .load(conn)?;
    let total = filtered().count().get_result(conn)?;
    Ok((rows.into_iter().map(service).collect(), total))
}

pub fn get_service(
    conn: &mut DbConn,
    org: OrganizationId,
    id: PaidServiceId,
) -> QueryResult<Option<PaidService>> {
    let row = by_key(
        conn,
        s::table
            .filter(s::organization_id.eq(org))
            .filter(s::id.eq(id))
            .select(service_columns()),
    )?;
    Ok(row.map(service))
}

pub fn insert_service(
    conn: &mut DbConn,
    org: OrganizationId,
    d: &PaidServiceData,
) -> QueryResult<PaidServiceId> {
    diesel::insert_into(s::table)
        .values((
            s::organization_id.eq(org),
            s::name.eq(d.name.trim()),
            s::description.eq(d.description.trim()),
            s::price.eq(d.price),
            s::unit.eq(d.unit.trim()),
            s::active.eq(d.active),
            s::created_at.eq(now()),
        ))
        .returning(s::id)
        .get_result(conn)
}

pub fn update_service(
    conn: &mut DbConn,
    org: OrganizationId,
    id: PaidServiceId,
    d: &PaidServiceData,
) -> QueryResult<usize> {
    diesel::update(
        s::table
            .filter(s::organization_id.eq(org))
            .filter(s::id.eq(id)),
    )
    .set((
        s::name.eq(d.name.trim()),
        s::description.eq(d.description.trim()),
        s::price.eq(d.price),
        s::unit.eq(d.unit.trim()),
        s::active.eq(d.active),
    ))
    .execute(conn)
}

/// Deletes a service no request names (else a foreign key refuses it).
pub fn delete_service(
    conn: &mut DbConn,
    org: OrganizationId,
    id: PaidServiceId,
) -> QueryResult<usize> {
    diesel::delete(
        s::table
            .filter(s::organization_id.eq(org))
            .filter(s::id.eq(id)),
    )
    .execute(conn)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct Row {
    pub id: ServiceRequestId,
    pub organization_id: OrganizationId,
    pub account_id: AccountId,
    pub house_id: HouseId,
    pub user_id: Option<UserId>,
    pub paid_service_id: PaidServiceId,
    pub service_name: String,
    pub unit: String,
    pub preferred_date: NaiveDate,
    pub time_slot: String,
    pub comment: String,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub status: String,
    pub scheduled_at: Option<NaiveDateTime>,
    pub price: Option<Money>,
    pub reject_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
    pub done_at: Option<NaiveDateTime>,
    pub rejected_at: Option<NaiveDateTime>,
    pub paid_by: Option<OnlinePaymentId>,
}

impl Row {
    pub fn status(&self) -> RequestStatus {
        RequestStatus::parse(&self.status).unwrap_or(RequestStatus::New)
    }
}

/// A request with its account's number, the flat's address and the service's price now.
type Listed = (Row, String, String, String, Option<Money>);

/// Which requests [`load`] reads.
enum Which<'a> {
    One(ServiceRequestId),
    /// What a resident asked for on an account, newest first.
    Account(AccountId, UserId),
    /// New first (oldest first), then accepted by the agreed time, then done and
    /// rejected, the latest change first.
    Queue(OrganizationId, &'a ServiceRequestFilter),
}

/// A boxed query of requests narrowed to the organization and the operator's filter.
macro_rules! by_filter {
    ($query:expr, $org:expr, $f:expr) => {{
        let (org, f): (OrganizationId, &ServiceRequestFilter) = ($org, $f);
        let mut q = $query.filter(r::organization_id.eq(org));
        if let Some(status) = f.status {
            q = q.filter(r::status.eq(status.as_str()));
        }
        if let Some(house) = f.house_id {
            q = q.filter(r::house_id.eq(house));
        }
        if let Some(service) = f.paid_service_id {
            q = q.filter(r::paid_service_id.eq(service));
        }
        q
    }};
}

const STATUS_RANK: &str =
    "CASE service_requests.status WHEN 'new' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END";
/// New ones by when they came, accepted ones by the agreed time; none for the others, so
/// they fall to the latest change.
const NEW_SINCE: &str =
    "CASE WHEN service_requests.status = 'new' THEN service_requests.created_at END";
const AGREED_AT: &str =
    "CASE WHEN service_requests.status = 'accepted' THEN service_requests.scheduled_at END";

fn load(conn: &mut DbConn, which: Which, limit: i64, offset: i64) -> QueryResult<Vec<Listed>> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Integer, Nullable, Timestamp};
    let query = r::table
        .inner_join(a::table.inner_join(p::table.inner_join(h::table)))
        .inner_join(s::table)
        .select((
            super::columns::<Row>(),
            a::number,
            h::address,
            p::number,
            s::price,
        ))
        .into_boxed();
    let query = match which {
        Which::One(id) => query.filter(r::id.eq(id)),
        Which::Account(account, user) => query
            .filter(r::account_id.eq(account))
            .filter(r::user_id.eq(user))
            .order((r::created_at.desc(), r::id.desc())),
        Which::Queue(org, f) => by_filter!(query, org, f).order((
            sql::<Integer>(STATUS_RANK).asc(),
            sql::<Nullable<Timestamp>>(NEW_SINCE).asc(),
            sql::<Nullable<Timestamp>>(AGREED_AT).asc(),
            r::updated_at.desc(),
            r::id.asc(),
        )),
    };
    query.limit(limit).offset(offset).load(conn)
}

pub fn get(conn: &mut DbConn, id: ServiceRequestId) -> QueryResult<Option<ServiceRequest>> {
    Ok(load(conn, Which::One(id), 1, 0)?
        .into_iter()
        .next()
        .map(dto))
}

pub fn row(conn: &mut DbConn, id: ServiceRequestId) -> QueryResult<Option<Row>> {
    by_key(conn, r::table.find(id).select(super::columns::<Row>()))
}

pub fn of_account(
    conn: &mut DbConn,
    account: AccountId,
    user: UserId,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<ServiceRequest>, i64)> {
    let rows = load(conn, Which::Account(account, user), limit, offset)?;
    let total = r::table
        .filter(r::account_id.eq(account))
        .filter(r::user_id.eq(user))
        .count()
        .get_result(conn)?;
    Ok((rows.into_iter().map(dto).collect(), total))
}

pub fn queue(
    conn: &mut DbConn,
    org: OrganizationId,
    f: &ServiceRequestFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<ServiceRequest>, i64)> {
    let rows = load(conn, Which::Queue(org, f), limit, offset)?;
    let total = by_filter!(r::table.into_boxed(), org, f)
        .count()
        .get_result(conn)?;
    Ok((rows.into_iter().map(dto).collect(), total))
}

fn dto((row, number, house, flat, listed): Listed) -> ServiceRequest {
    ServiceRequest {
        status: row.status(),
        time_slot: TimeSlot::parse(&row.time_slot).unwrap_or(TimeSlot::Any),
        id: row.id,
        account_id: row.account_id,
        account_number: number,
        house_id: row.house_id,
        address: ru::flat_address(&house, &flat),
        paid_service_id: row.paid_service_id,
        service_name: row.service_name,
        unit: row.unit,
        listed_price: listed,
        preferred_date: row.preferred_date,
        comment: row.comment,
        contact: Contact {
            phone: row.contact_phone,
            email: row.contact_email,
        },
        scheduled_at: row.scheduled_at,
        price: row.price,
        reject_reason: row.reject_reason,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        accepted_at: row.accepted_at.map(|t| t.and_utc()),
        done_at: row.done_at.map(|t| t.and_utc()),
        rejected_at: row.rejected_at.map(|t| t.and_utc()),
        paid_by: row.paid_by,
    }
}

/// What a new request holds.
pub struct New<'a> {
    pub organization_id: OrganizationId,
    pub account_id: AccountId,
    pub house_id: HouseId,
    pub user_id: UserId,
    pub service: &'a PaidService,
    pub preferred_date: NaiveDate,
    pub time_slot: TimeSlot,
    pub comment: &'a str,
    pub contact: Contact,
}

pub fn insert(conn: &mut DbConn, n: &New) -> QueryResult<ServiceRequestId> {
    let at = now();
    diesel::insert_into(r::table)
        .values((
            r::organization_id.eq(n.organization_id),
            r::account_id.eq(n.account_id),
            r::house_id.eq(n.house_id),
            r::user_id.eq(n.user_id),
            r::paid_service_id.eq(n.service.id),
            r::service_name.eq(&n.service.data.name),
            r::unit.eq(&n.service.data.unit),
            r::preferred_date.eq(n.preferred_date),
            r::time_slot.eq(n.time_slot.as_str()),
            r::comment.eq(n.comment.trim()),
            r::contact_phone.eq(&n.contact.phone),
            r::contact_email.eq(&n.contact.email),
            r::status.eq(RequestStatus::New.as_str()),
            r::created_at.eq(at),
            r::updated_at.eq(at),
        ))
        .returning(r::id)
        .get_result(conn)
}

/// How a request moves: what it becomes and what it records.
pub enum Move {
    Accept { at: NaiveDateTime, price: Money },
    Done,
    Reject { reason: String },
}

/// Moves the request when it stands in `from`; answers whether it moved.
pub fn transition(
    conn: &mut DbConn,
    id: ServiceRequestId,
    from: RequestStatus,
    to: Move,
) -> QueryResult<bool> {
    let at = now();
    let target = r::table
        .filter(r::id.eq(id))
        .filter(r::status.eq(from.as_str()));
    let moved = match to {
        Move::Accept { at: when, price } => diesel::update(target)
            .set((
                r::status.eq(RequestStatus::Accepted.as_str()),
                r::scheduled_at.eq(when),
                r::price.eq(price),
                r::accepted_at.eq(at),
                r::updated_at.eq(at),
            ))
            .execute(conn)?,
        Move::Done => diesel::update(target)
            .set((
                r::status.eq(RequestStatus::Done.as_str()),
                r::done_at.eq(at),
                r::updated_at.eq(at),
            ))
            .execute(conn)?,
        Move::Reject { reason } => diesel::update(target)
            .set((
                r::status.eq(RequestStatus::Rejected.as_str()),
                r::reject_reason.eq(reason.trim()),
                r::rejected_at.eq(at),
                r::updated_at.eq(at),
            ))
            .execute(conn)?,
    };
    Ok(moved == 1)
}

/// The online payment is for this request.
pub fn link_payment(
    conn: &mut DbConn,
    payment: OnlinePaymentId,
    request: ServiceRequestId,
) -> QueryResult<usize> {
    diesel::insert_into(srp::table)
        .values((
            srp::online_payment_id.eq(payment),
            srp::service_request_id.eq(request),
        ))
        .execute(conn)
}

/// The request an online payment is for, if it is for one.
pub fn paid_with(
    conn: &mut DbConn,
    payment: OnlinePaymentId,
) -> QueryResult<Option<ServiceRequestId>> {
    by_key(
        conn,
        srp::table
            .filter(srp::online_payment_id.eq(payment))
            .select(srp::service_request_id),
    )
}

/// Records the payment that paid the request, unless one did already; answers whether
/// this one did.
pub fn mark_paid(
    conn: &mut DbConn,
    id: ServiceRequestId,
    payment: OnlinePaymentId,
) -> QueryResult<bool> {
    let moved = diesel::update(r::table.filter(r::id.eq(id)).filter(r::paid_by.is_null()))
        .set((r::paid_by.eq(payment), r::updated_at.eq(now())))
        .execute(conn)?;
    Ok(moved == 1)
}

/// A request being paid online now: a pending payment for it.
pub fn payment_pending(conn: &mut DbConn, id: ServiceRequestId) -> QueryResult<bool> {
    let pending: i64 = srp::table
        .inner_join(op::table)
        .filter(srp::service_request_id.eq(id))
        .filter(op::status.eq("pending"))
        .count()
        .get_result(conn)?;
    Ok(pending > 0)
}
