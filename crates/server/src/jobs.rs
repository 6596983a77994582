//! Background jobs. A job is queued as a row of `jobs` (its kind and its payload as JSON)
//! and run by whichever server instance claims it first (`db::jobs::claim`). While it runs,
//! a heartbeat thread touches the row; a job whose heartbeat stopped (its instance died) is
//! claimed again and run from the start, so a job must be safe to run again: it writes
//! everything in one transaction, or checks what an earlier run finished.
//!
//! The runner knows no job: each kind implements [`JobKind`] where its work lives, and the
//! application lists the kinds it runs ([`crate::JOB_KINDS`]).

use crate::db::{jobs as q, DbConn, DbPool};
use domkom_values::{JobId, OrganizationId};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Display;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How often a running job proves its instance alive, and when another may take it over.
const HEARTBEAT: Duration = Duration::from_secs(5);
const STALE_AFTER_SECS: i64 = 30;
/// How often an idle instance looks for queued or abandoned jobs.
const POLL: Duration = Duration::from_secs(10);

/// A kind of background job: its payload is what is queued.
pub trait JobKind: Serialize + DeserializeOwned {
    /// The `jobs.kind` it is queued as.
    const KIND: &'static str;
    type Output;
    type Error: Display;

    /// Whose job it is (`jobs.organization_id`).
    fn organization_id(&self) -> OrganizationId;

    /// Does the work; `None` when an earlier run had done it. `progress` hears (done,
    /// total) as it goes.
    fn run(
        self,
        pool: &DbPool,
        progress: &dyn Fn(i32, i32),
    ) -> Result<Option<Self::Output>, Self::Error>;
}

/// Runs a stored payload, its error as the text the job's row keeps.
type Execute = fn(&DbPool, &str, &dyn Fn(i32, i32)) -> Result<(), String>;

/// One kind the runner can run: its name and how to run a stored payload of it.
pub struct Kind {
    name: &'static str,
    execute: Execute,
}

impl Kind {
    pub const fn of<J: JobKind>() -> Kind {
        Kind {
            name: J::KIND,
            execute: |pool, payload, progress| run_payload::<J>(pool, payload, progress).map(drop),
        }
    }
}

fn run_payload<J: JobKind>(
    pool: &DbPool,
    payload: &str,
    progress: &dyn Fn(i32, i32),
) -> Result<Option<J::Output>, String> {
    let job: J = serde_json::from_str(payload).map_err(|e| format!("{}: {e}", J::KIND))?;
    job.run(pool, progress).map_err(|e| e.to_string())
}

/// Queues `job` in the caller's transaction.
pub fn enqueue<J: JobKind>(conn: &mut DbConn, job: &J) -> diesel::QueryResult<JobId> {
    let payload = serde_json::to_string(job)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    q::enqueue(conn, job.organization_id(), J::KIND, &payload)
}

/// Claims and runs jobs for this instance, one at a time, on a thread of its own.
#[derive(Clone)]
pub struct Runner {
    pool: DbPool,
    kinds: &'static [Kind],
    instance: Arc<str>,
    drain: Arc<Mutex<Drain>>,
}

#[derive(Default)]
struct Drain {
    running: bool,
    again: bool,
}

impl Runner {
    pub fn new(pool: DbPool, kinds: &'static [Kind]) -> Runner {
        let instance = format!("{}-{}", std::process::id(), uuid_like());
        Runner {
            pool,
            kinds,
            instance: instance.into(),
            drain: Arc::default(),
        }
    }

    /// Runs whatever is claimable on the jobs thread; returns at once.
    pub fn wake(&self) {
        let mut d = self.drain.lock().unwrap_or_else(PoisonError::into_inner);
        if d.running {
            d.again = true;
            return;
        }
        d.running = true;
        drop(d);
        let me = self.clone();
        if let Err(e) = std::thread::Builder::new()
            .name("jobs".into())
            .spawn(move || me.drain())
        {
            tracing::error!(error = %e, "cannot start the jobs thread");
            self.drain
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .running = false;
        }
    }

    fn drain(&self) {
        loop {
            self.run_pending();
            let mut d = self.drain.lock().unwrap_or_else(PoisonError::into_inner);
            if !std::mem::take(&mut d.again) {
                d.running = false;
                return;
            }
        }
    }

    /// Runs claimable jobs on this thread until none is left; returns how many ran.
    pub fn run_pending(&self) -> usize {
        let mut ran = 0;
        let names: Vec<&str> = self.kinds.iter().map(|k| k.name).collect();
        while let Some(job) = self.claim(None, &names) {
            let execute = self
                .kinds
                .iter()
                .find(|k| k.name == job.kind)
                .map(|k| k.execute);
            let _ = self.run(&job, |pool, payload| match execute {
                Some(execute) => execute(pool, payload, &|_, _| {}),
                None => Err(format!("unknown job kind {}", job.kind)),
            });
            ran += 1;
        }
        ran
    }

    /// Wakes the runner now and every `POLL` for the life of the process: picks up jobs
    /// queued by other instances and jobs whose instance died.
    pub fn poll_forever(&self) {
        let me = self.clone();
        let spawned = std::thread::Builder::new()
            .name("jobs-poll".into())
            .spawn(move || loop {
                me.wake();
                std::thread::sleep(POLL);
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start polling for jobs");
        }
    }

    /// Claims a job of the `kinds` (an instance leaves the kinds it does not know, say a
    /// newer version's, to others).
    fn claim(&self, only: Option<JobId>, kinds: &[&str]) -> Option<q::ClaimedJob> {
        let stale = chrono::Duration::seconds(STALE_AFTER_SECS);
        let mut conn = self.pool.get().ok()?;
        q::claim(&mut conn, &self.instance, stale, only, kinds)
            .inspect_err(|e| tracing::error!(error = %e, "cannot claim a job"))
            .ok()
            .flatten()
    }

    /// Claims job `id`, of kind `J`, and runs it on this thread: the command line's way.
    pub fn run_now<J: JobKind>(
        &self,
        id: JobId,
        progress: &dyn Fn(i32, i32),
    ) -> Result<Option<J::Output>, String> {
        let job = self
            .claim(Some(id), &[J::KIND])
            .ok_or_else(|| format!("job {id} is being run by another instance"))?;
        self.run(&job, |pool, payload| {
            run_payload::<J>(pool, payload, progress)
        })
    }

    /// Runs a claimed job to its end with a heartbeat, and records how it ended.
    fn run<T>(
        &self,
        job: &q::ClaimedJob,
        work: impl FnOnce(&DbPool, &str) -> Result<T, String>,
    ) -> Result<T, String> {
        let (stop, stopped) = mpsc::channel::<()>();
        let (pool, id, instance) = (self.pool.clone(), job.id, self.instance.clone());
        let beat = std::thread::spawn(move || {
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(HEARTBEAT) {
                if let Ok(mut conn) = pool.get() {
                    // A busy SQLite writer may refuse a beat; the next one comes soon.
                    let _ = q::heartbeat(&mut conn, id, &instance);
                }
            }
        });
        let result = work(&self.pool, &job.payload);
        drop(stop);
        let _ = beat.join();
        if let Ok(mut conn) = self.pool.get() {
            let outcome = result.as_ref().map(|_| ()).map_err(String::as_str);
            if let Err(e) = q::finish(&mut conn, job.id, &self.instance, outcome) {
                tracing::error!(job = job.id.get(), error = %e, "cannot record the job's end");
            }
        }
        result
    }
}

/// A random suffix, so two processes with the same id on two hosts differ.
fn uuid_like() -> String {
    use rand::Rng;
    format!("{:016x}", rand::rng().random::<u64>())
}
