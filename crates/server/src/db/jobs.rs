//! The `jobs` table: background work any server instance may claim.

use super::schema::jobs as j;
use super::{now, write_tx, DbConn};
use diesel::prelude::*;
use domkom_values::{JobId, OrganizationId};

/// A claimed job: what to run.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct ClaimedJob {
    pub id: JobId,
    pub kind: String,
    pub payload: String,
}

/// Queues a job, to run at once or from `run_after`.
pub fn enqueue(
    conn: &mut DbConn,
    org: OrganizationId,
    kind: &str,
    payload: &str,
    run_after: Option<chrono::NaiveDateTime>,
) -> QueryResult<JobId> {
    diesel::insert_into(j::table)
        .values((
            j::organization_id.eq(org),
            j::kind.eq(kind),
            j::payload.eq(payload),
            j::status.eq("queued"),
            j::created_at.eq(now()),
            j::run_after.eq(run_after),
        ))
        .returning(j::id)
        .get_result(conn)
}

/// The organizations that have a job of `kind` queued or running.
pub fn organizations_with(conn: &mut DbConn, kind: &str) -> QueryResult<Vec<OrganizationId>> {
    j::table
        .filter(j::kind.eq(kind))
        .filter(j::status.eq_any(["queued", "running"]))
        .select(j::organization_id)
        .distinct()
        .load(conn)
}

/// Claims the oldest queued job of the `kinds` it can run, or a running one whose heartbeat
/// is older than `stale_after` (its instance died), for `instance`; `only` narrows it to
/// one job.
/// PostgreSQL skips rows another instance is claiming at the same moment; SQLite's
/// write transactions run one at a time.
pub fn claim(
    conn: &mut DbConn,
    instance: &str,
    stale_after: chrono::Duration,
    only: Option<JobId>,
    kinds: &[&str],
) -> QueryResult<Option<ClaimedJob>> {
    let at = now();
    write_tx(conn, |conn| {
        let due = j::run_after
            .is_null()
            .or(j::run_after.le(at).assume_not_null());
        let claimable = j::status.eq("queued").and(due).or(j::status
            .eq("running")
            .and(j::heartbeat_at.lt(at - stale_after)));
        let candidates = j::table
            .filter(claimable)
            .filter(j::kind.eq_any(kinds))
            .filter(j::id.between(
                only.map_or(0, JobId::get),
                only.map_or(i64::MAX, JobId::get),
            ))
            .order(j::id)
            .select(j::id);
        let id: Option<JobId> = match conn {
            DbConn::Pg(c) => candidates.for_update().skip_locked().first(c).optional()?,
            DbConn::Sqlite(c) => candidates.first(c).optional()?,
        };
        let Some(id) = id else { return Ok(None) };
        diesel::update(j::table.find(id))
            .set((
                j::status.eq("running"),
                j::claimed_by.eq(instance),
                j::heartbeat_at.eq(at),
                j::attempts.eq(j::attempts + 1),
            ))
            .execute(conn)?;
        j::table
            .find(id)
            .select((j::id, j::kind, j::payload))
            .first(conn)
            .map(Some)
    })
}

/// The claimer is alive; false when the job was claimed away from it.
pub fn heartbeat(conn: &mut DbConn, id: JobId, instance: &str) -> QueryResult<bool> {
    diesel::update(
        j::table
            .find(id)
            .filter(j::status.eq("running"))
            .filter(j::claimed_by.eq(instance)),
    )
    .set(j::heartbeat_at.eq(now()))
    .execute(conn)
    .map(|n| n == 1)
}

/// How a run of a job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome<'a> {
    Done,
    Failed(&'a str),
    /// Queued again, to be claimed from this time on.
    Again(chrono::NaiveDateTime),
}

/// Records the end of a run by `instance`; 0 when the job was claimed away from it.
pub fn finish(
    conn: &mut DbConn,
    id: JobId,
    instance: &str,
    outcome: Outcome,
) -> QueryResult<usize> {
    let mine = j::table.find(id).filter(j::claimed_by.eq(instance));
    let (status, error, run_after) = match outcome {
        Outcome::Done => ("done", None, None),
        Outcome::Failed(e) => ("failed", Some(e), None),
        Outcome::Again(at) => ("queued", None, Some(at)),
    };
    let finished = (status != "queued").then(now);
    diesel::update(mine)
        .set((
            j::status.eq(status),
            j::error.eq(error),
            j::finished_at.eq(finished),
            j::run_after.eq(run_after),
        ))
        .execute(conn)
}

/// At start-up on SQLite, which runs one instance: what was running died with the last
/// process, so it is queued again at once instead of after the heartbeat goes stale.
pub fn requeue_running(conn: &mut DbConn) -> QueryResult<usize> {
    diesel::update(j::table.filter(j::status.eq("running")))
        .set(j::status.eq("queued"))
        .execute(conn)
}

pub fn status(conn: &mut DbConn, id: JobId) -> QueryResult<(String, i32, Option<String>)> {
    j::table
        .find(id)
        .select((j::status, j::attempts, j::error))
        .first(conn)
}

/// What `/metrics` reports of the jobs.
pub struct JobCensus {
    /// How many jobs there are of each (kind, status).
    pub counts: Vec<(String, String, i64)>,
    /// Since when the job waiting longest has been due.
    pub oldest_queued: Option<chrono::NaiveDateTime>,
}

pub fn census(conn: &mut DbConn) -> QueryResult<JobCensus> {
    let counts = j::table
        .group_by((j::kind, j::status))
        .select((j::kind, j::status, diesel::dsl::count_star()))
        .load(conn)?;
    // A job queued for later waits from the time it was queued for.
    let queued = j::table.filter(j::status.eq("queued"));
    let first_queued: Option<chrono::NaiveDateTime> = queued
        .filter(j::run_after.is_null())
        .select(diesel::dsl::min(j::created_at))
        .first(conn)?;
    let first_due: Option<chrono::NaiveDateTime> = queued
        .filter(j::run_after.le(now()))
        .select(diesel::dsl::min(j::run_after))
        .first(conn)?;
    let oldest_queued = first_queued.into_iter().chain(first_due).min();
    Ok(JobCensus {
        counts,
        oldest_queued,
    })
}
