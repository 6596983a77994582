//! Appeals, their threads and photos (`appeals`, `appeal_messages`, `appeal_photos`) and
//! the organizations' topics (`appeal_topics`).

use super::schema::{
    accounts as a, appeal_messages as m, appeal_photos as ph, appeal_topics as t, appeals as ap,
    houses as h, premises as p, users as u,
};
use super::{by_key, now, DbConn};
use crate::uploads::Photo;
use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;
use domkom_dto::{AppealFilter, AppealStatus, AppealSummary, Contact, PhotoRef};
use domkom_values::{ru, AccountId, AppealId, AppealMessageId, AppealPhotoId, HouseId};
use domkom_values::{OrganizationId, UserId};
use std::collections::HashMap;

/// The topics of an organization that has not set its own.
pub const DEFAULT_TOPICS: [&str; 8] = [
    "Содержание и ремонт дома",
    "Уборка и благоустройство",
    "Отопление и горячая вода",
    "Водоснабжение и канализация",
    "Электроснабжение и лифты",
    "Начисления и оплата",
    "Приборы учёта",
    "Другое",
];

/// The longest excerpt of the first message a list shows.
const EXCERPT_CHARS: usize = 140;

pub fn topics(conn: &mut DbConn, org: OrganizationId) -> QueryResult<Vec<String>> {
    let own: Vec<String> = t::table
        .filter(t::organization_id.eq(org))
        .order(t::position)
        .select(t::name)
        .load(conn)?;
    Ok(if own.is_empty() {
        DEFAULT_TOPICS.map(str::to_owned).to_vec()
    } else {
        own
    })
}

/// Replaces the organization's topics (appeals keep the topic they were written with).
pub fn set_topics(conn: &mut DbConn, org: OrganizationId, topics: &[String]) -> QueryResult<()> {
    diesel::delete(t::table.filter(t::organization_id.eq(org))).execute(conn)?;
    for (i, name) in topics.iter().enumerate() {
        diesel::insert_into(t::table)
            .values((
                t::organization_id.eq(org),
                t::position.eq(i as i32),
                t::name.eq(name.trim()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ap)]
pub struct Row {
    pub id: AppealId,
    pub organization_id: OrganizationId,
    pub account_id: AccountId,
    pub house_id: HouseId,
    pub user_id: Option<UserId>,
    pub topic: String,
    pub excerpt: String,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub answered_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub read_at: NaiveDateTime,
}

impl Row {
    pub fn status(&self) -> AppealStatus {
        AppealStatus::parse(&self.status).unwrap_or(AppealStatus::New)
    }

    pub fn contact(&self) -> Contact {
        Contact {
            phone: self.contact_phone.clone(),
            email: self.contact_email.clone(),
        }
    }
}

/// An appeal with where it is: its account's number and the flat's address.
type Listed = (Row, String, String, String);

/// A boxed query of appeals narrowed to the organization and the operator's filter.
macro_rules! by_filter {
    ($query:expr, $org:expr, $f:expr) => {{
        let (org, f): (OrganizationId, &AppealFilter) = ($org, $f);
        let mut q = $query.filter(ap::organization_id.eq(org));
        if let Some(status) = f.status {
            q = q.filter(ap::status.eq(status.as_str()));
        }
        if let Some(house) = f.house_id {
            q = q.filter(ap::house_id.eq(house));
        }
        if let Some(topic) = &f.topic {
            q = q.filter(ap::topic.eq(topic.trim().to_owned()));
        }
        if let Some(days) = f.older_than_days {
            q = q.filter(ap::updated_at.le(now() - chrono::Duration::days(days)));
        }
        q
    }};
}

/// Which appeals [`load`] reads, in which order.
enum Which<'a> {
    One(AppealId),
    /// What a resident wrote about an account, newest first.
    Account(AccountId, UserId),
    /// Those waiting for an answer first (new, then in progress), the longest waiting
    /// first; then the rest, last changed first.
    Queue(OrganizationId, &'a AppealFilter),
}

/// Waiting ranks first: new, then in progress.
const WAITING_RANK: &str =
    "CASE appeals.status WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END";
/// A waiting appeal's wait starts at its last change; the others have none.
const WAITING_SINCE: &str =
    "CASE WHEN appeals.status IN ('new', 'in_progress') THEN appeals.updated_at END";

fn load(conn: &mut DbConn, which: Which, limit: i64, offset: i64) -> QueryResult<Vec<Listed>> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Integer, Nullable, Timestamp};
    let query = ap::table
        .inner_join(a::table.inner_join(p::table.inner_join(h::table)))
        .select((super::columns::<Row>(), a::number, h::address, p::number))
        .into_boxed();
    let query = match which {
        Which::One(id) => query.filter(ap::id.eq(id)),
        Which::Account(account, user) => query
            .filter(ap::account_id.eq(account))
            .filter(ap::user_id.eq(user))
            .order((ap::created_at.desc(), ap::id.desc())),
        Which::Queue(org, f) => {
            let q = by_filter!(query, org, f);
            q.order((
                sql::<Integer>(WAITING_RANK).asc(),
                sql::<Nullable<Timestamp>>(WAITING_SINCE).asc(),
                ap::updated_at.desc(),
                ap::id.asc(),
            ))
        }
    };
    query.limit(limit).offset(offset).load(conn)
}

/// What a new appeal holds.
pub struct New<'a> {
    pub organization_id: OrganizationId,
    pub account_id: AccountId,
    pub house_id: HouseId,
    pub user_id: UserId,
    pub topic: &'a str,
    pub text: &'a str,
    pub contact: Contact,
}

/// Writes the appeal, its first message and the photos; answers its id.
pub fn insert(conn: &mut DbConn, n: &New, photos: &[Photo]) -> QueryResult<AppealId> {
    let at = now();
    let id: AppealId = diesel::insert_into(ap::table)
        .values((
            ap::organization_id.eq(n.organization_id),
            ap::account_id.eq(n.account_id),
            ap::house_id.eq(n.house_id),
            ap::user_id.eq(n.user_id),
            ap::topic.eq(n.topic.trim()),
            ap::excerpt.eq(excerpt(n.text)),
            ap::contact_phone.eq(&n.contact.phone),
            ap::contact_email.eq(&n.contact.email),
            ap::status.eq(AppealStatus::New.as_str()),
            ap::created_at.eq(at),
            ap::updated_at.eq(at),
            ap::read_at.eq(at),
        ))
        .returning(ap::id)
        .get_result(conn)?;
    add_message(conn, id, false, n.user_id, n.text, photos)?;
    Ok(id)
}

fn excerpt(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Adds a message with its photos to the thread.
pub fn add_message(
    conn: &mut DbConn,
    appeal: AppealId,
    from_staff: bool,
    user: UserId,
    text: &str,
    photos: &[Photo],
) -> QueryResult<AppealMessageId> {
    let id: AppealMessageId = diesel::insert_into(m::table)
        .values((
            m::appeal_id.eq(appeal),
            m::from_staff.eq(from_staff),
            m::user_id.eq(user),
            m::text.eq(text.trim()),
            m::created_at.eq(now()),
        ))
        .returning(m::id)
        .get_result(conn)?;
    for photo in photos {
        diesel::insert_into(ph::table)
            .values((
                ph::appeal_id.eq(appeal),
                ph::message_id.eq(id),
                ph::content_type.eq(photo.content_type),
                ph::size.eq(photo.bytes.len() as i64),
                ph::data.eq(&photo.bytes),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

pub fn get(conn: &mut DbConn, id: AppealId) -> QueryResult<Option<Listed>> {
    Ok(load(conn, Which::One(id), 1, 0)?.into_iter().next())
}

/// What `user` wrote about the account, newest first, and how many there are.
pub fn of_account(
    conn: &mut DbConn,
    account: AccountId,
    user: UserId,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Listed>, i64)> {
    let rows = load(conn, Which::Account(account, user), limit, offset)?;
    let total = ap::table
        .filter(ap::account_id.eq(account))
        .filter(ap::user_id.eq(user))
        .count()
        .get_result(conn)?;
    Ok((rows, total))
}

/// The organization's appeals by the filter, in the queue's order, and how many match.
pub fn queue(
    conn: &mut DbConn,
    org: OrganizationId,
    f: &AppealFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Listed>, i64)> {
    let rows = load(conn, Which::Queue(org, f), limit, offset)?;
    Ok((rows, count(conn, org, f)?))
}

fn count(conn: &mut DbConn, org: OrganizationId, f: &AppealFilter) -> QueryResult<i64> {
    let query = ap::table.into_boxed();
    by_filter!(query, org, f).count().get_result(conn)
}

/// Answers the resident has not opened, per appeal of `ids`.
pub fn unread(conn: &mut DbConn, ids: &[AppealId]) -> QueryResult<HashMap<AppealId, i64>> {
    let rows: Vec<(AppealId, i64)> = m::table
        .inner_join(ap::table)
        .filter(m::appeal_id.eq_any(ids))
        .filter(m::from_staff)
        .filter(m::created_at.gt(ap::read_at))
        .group_by(m::appeal_id)
        .select((m::appeal_id, count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Answers unread in all that `user` wrote about the account.
pub fn unread_of_account(conn: &mut DbConn, account: AccountId, user: UserId) -> QueryResult<i64> {
    m::table
        .inner_join(ap::table)
        .filter(ap::account_id.eq(account))
        .filter(ap::user_id.eq(user))
        .filter(m::from_staff)
        .filter(m::created_at.gt(ap::read_at))
        .count()
        .get_result(conn)
}

/// The rows as the lists show them.
pub fn summaries(conn: &mut DbConn, rows: Vec<Listed>) -> QueryResult<Vec<AppealSummary>> {
    let ids: Vec<AppealId> = rows.iter().map(|(r, ..)| r.id).collect();
    let unread = unread(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|listed| {
            let n = unread.get(&listed.0.id).copied().unwrap_or(0);
            summary(listed, n)
        })
        .collect())
}

pub fn summary((r, number, house, flat): Listed, unread_answers: i64) -> AppealSummary {
    AppealSummary {
        id: r.id,
        account_id: r.account_id,
        account_number: number,
        house_id: r.house_id,
        address: ru::flat_address(&house, &flat),
        topic: r.topic.clone(),
        status: r.status(),
        excerpt: r.excerpt.clone(),
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
        unread_answers,
    }
}

/// A message of the thread and who wrote it.
#[derive(Debug, Clone, Queryable)]
pub struct MessageRow {
    pub id: AppealMessageId,
    pub from_staff: bool,
    pub text: String,
    pub created_at: NaiveDateTime,
    pub author: Option<String>,
}

pub fn messages(conn: &mut DbConn, appeal: AppealId) -> QueryResult<Vec<MessageRow>> {
    m::table
        .left_join(u::table)
        .filter(m::appeal_id.eq(appeal))
        .order(m::id)
        .select((
            m::id,
            m::from_staff,
            m::text,
            m::created_at,
            u::full_name.nullable(),
        ))
        .load(conn)
}

/// The thread's photos by message.
pub fn photos(
    conn: &mut DbConn,
    appeal: AppealId,
) -> QueryResult<HashMap<AppealMessageId, Vec<PhotoRef>>> {
    let rows: Vec<(AppealPhotoId, AppealMessageId, String, i64)> = ph::table
        .filter(ph::appeal_id.eq(appeal))
        .order(ph::id)
        .select((ph::id, ph::message_id, ph::content_type, ph::size))
        .load(conn)?;
    let mut by_message: HashMap<_, Vec<_>> = HashMap::new();
    for (id, message, content_type, size) in rows {
        by_message.entry(message).or_default().push(PhotoRef {
            id,
            content_type,
            size,
        });
    }
    Ok(by_message)
}

/// A photo's type and bytes.
pub fn photo(
    conn: &mut DbConn,
    appeal: AppealId,
    id: AppealPhotoId,
) -> QueryResult<Option<(String, Vec<u8>)>> {
    by_key(
        conn,
        ph::table
            .filter(ph::appeal_id.eq(appeal))
            .filter(ph::id.eq(id))
            .select((ph::content_type, ph::data)),
    )
}

/// Moves the appeal to `to` when it stands in one of `from`; answers whether it moved.
/// An answer stamps `answered_at`, a close `closed_at`; any move `updated_at`.
pub fn transition(
    conn: &mut DbConn,
    id: AppealId,
    from: &[AppealStatus],
    to: AppealStatus,
) -> QueryResult<bool> {
    let at = now();
    let from: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    let target = ap::table
        .filter(ap::id.eq(id))
        .filter(ap::status.eq_any(from));
    let moved = match to {
        AppealStatus::Answered => diesel::update(target)
            .set((
                ap::status.eq(to.as_str()),
                ap::updated_at.eq(at),
                ap::answered_at.eq(at),
            ))
            .execute(conn)?,
        AppealStatus::Closed => diesel::update(target)
            .set((
                ap::status.eq(to.as_str()),
                ap::updated_at.eq(at),
                ap::closed_at.eq(at),
            ))
            .execute(conn)?,
        AppealStatus::New | AppealStatus::InProgress => diesel::update(target)
            .set((ap::status.eq(to.as_str()), ap::updated_at.eq(at)))
            .execute(conn)?,
    };
    Ok(moved == 1)
}

/// The resident has read the thread up to now.
pub fn mark_read(conn: &mut DbConn, id: AppealId) -> QueryResult<usize> {
    diesel::update(ap::table.find(id))
        .set(ap::read_at.eq(now()))
        .execute(conn)
}

/// The resident wrote again: the appeal counts as changed.
pub fn touch(conn: &mut DbConn, id: AppealId) -> QueryResult<usize> {
    diesel::update(ap::table.find(id))
        .set(ap::updated_at.eq(now()))
        .execute(conn)
}

/// The house of an account of the organization.
pub fn house_of(conn: &mut DbConn, account: AccountId) -> QueryResult<Option<HouseId>> {
    by_key(
        conn,
        a::table
            .inner_join(p::table)
            .filter(a::id.eq(account))
            .select(p::house_id),
    )
}

/// The organization's appeals waiting for an answer (new or in progress), longest
/// waiting first, at most `limit` of them, and how many wait.
pub fn waiting(
    conn: &mut DbConn,
    org: OrganizationId,
    limit: i64,
) -> QueryResult<(Vec<Listed>, i64)> {
    let (rows, _) = queue(conn, org, &AppealFilter::default(), limit, 0)?;
    let rows: Vec<Listed> = rows
        .into_iter()
        .take_while(|(r, ..)| r.status().is_waiting())
        .collect();
    let mut total = 0;
    for status in [AppealStatus::New, AppealStatus::InProgress] {
        let f = AppealFilter {
            status: Some(status),
            ..AppealFilter::default()
        };
        total += count(conn, org, &f)?;
    }
    Ok((rows, total))
}
