//! Background jobs. A job is queued as a row of `jobs` (its kind and its payload as JSON)
//! and run by whichever server instance claims it first (`db::jobs::claim`). While it runs,
//! a heartbeat thread touches the row; a job whose heartbeat stopped (its instance died) is
//! claimed again and run from the start, so a job must be safe to run again: it writes
//! everything in one transaction, or checks what an earlier run finished.
//!
//! The runner knows no job: each kind implements [`JobKind`] where its work lives, and the
//! application lists the kinds it runs ([`crate::JOB_KINDS`]). A job that has more to do
//! later (a mailing whose letters wait for a retry) asks to be queued again at a time.

use crate::db::{jobs as q, DbConn, DbPool};
use crate::mail::Mailer;
use chrono::NaiveDateTime;
use domkom_receipt::Printer;
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

/// What a job may use besides its payload.
pub struct Context {
    pub pool: DbPool,
    /// The server's runner has it; one that runs a single close (the command line's, the
    /// demo's) does not need it.
    pub mail: Option<Mail>,
}

/// Letters with printed receipts.
#[derive(Clone)]
pub struct Mail {
    pub mailer: Arc<Mailer>,
    pub printer: Arc<Printer>,
}

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
        ctx: &Context,
        progress: &dyn Fn(i32, i32),
    ) -> Result<Option<Self::Output>, Self::Error>;

    /// When the same payload is to run again, once this run has ended with `output`.
    fn again_at(_output: &Self::Output) -> Option<NaiveDateTime> {
        None
    }
}

/// Runs a stored payload: when to run it again, or its error as the text the job's row
/// keeps.
type Execute = fn(&Context, &str, &dyn Fn(i32, i32)) -> Result<Option<NaiveDateTime>, String>;

/// One kind the runner can run: its name and how to run a stored payload of it.
pub struct Kind {
    name: &'static str,
    execute: Execute,
}

impl Kind {
    pub const fn of<J: JobKind>() -> Kind {
        Kind {
            name: J::KIND,
            execute: |ctx, payload, progress| {
                let output = run_payload::<J>(ctx, payload, progress)?;
                Ok(output.as_ref().and_then(J::again_at))
            },
        }
    }
}

fn run_payload<J: JobKind>(
    ctx: &Context,
    payload: &str,
    progress: &dyn Fn(i32, i32),
) -> Result<Option<J::Output>, String> {
    let job: J = serde_json::from_str(payload).map_err(|e| format!("{}: {e}", J::KIND))?;
    job.run(ctx, progress).map_err(|e| e.to_string())
}

/// Queues `job` in the caller's transaction.
pub fn enqueue<J: JobKind>(conn: &mut DbConn, job: &J) -> diesel::QueryResult<JobId> {
    enqueue_at(conn, job, None)
}

/// Queues `job` to run from `at` (at once for `None`).
pub fn enqueue_at<J: JobKind>(
    conn: &mut DbConn,
    job: &J,
    at: Option<NaiveDateTime>,
) -> diesel::QueryResult<JobId> {
    let payload = serde_json::to_string(job)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    q::enqueue(conn, job.organization_id(), J::KIND, &payload, at)
}

/// Claims and runs jobs for this instance, one at a time, on a thread of its own.
#[derive(Clone)]
pub struct Runner {
    ctx: Arc<Context>,
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
    pub fn new(pool: DbPool, mail: Option<Mail>, kinds: &'static [Kind]) -> Runner {
        let instance = format!("{}-{}", std::process::id(), uuid_like());
        Runner {
            ctx: Arc::new(Context { pool, mail }),
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
            let _ = self.run(&job, |ctx, payload| match execute {
                Some(execute) => execute(ctx, payload, &|_, _| {}).map(|again| ((), again)),
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
        let mut conn = self.ctx.pool.get().ok()?;
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
        self.run(&job, |ctx, payload| {
            let output = run_payload::<J>(ctx, payload, progress)?;
            let again = output.as_ref().and_then(J::again_at);
            Ok((output, again))
        })
    }

    /// Runs a claimed job to its end with a heartbeat, and records how it ended: done,
    /// failed, or queued again for the time its work asked.
    fn run<T>(
        &self,
        job: &q::ClaimedJob,
        work: impl FnOnce(&Context, &str) -> Result<(T, Option<NaiveDateTime>), String>,
    ) -> Result<T, String> {
        let (stop, stopped) = mpsc::channel::<()>();
        let (pool, id, instance) = (self.ctx.pool.clone(), job.id, self.instance.clone());
        let beat = std::thread::spawn(move || {
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(HEARTBEAT) {
                if let Ok(mut conn) = pool.get() {
                    // A busy SQLite writer may refuse a beat; the next one comes soon.
                    let _ = q::heartbeat(&mut conn, id, &instance);
                }
            }
        });
        let result = work(&self.ctx, &job.payload);
        drop(stop);
        let _ = beat.join();
        if let Ok(mut conn) = self.ctx.pool.get() {
            let outcome = match &result {
                Ok((_, None)) => q::Outcome::Done,
                Ok((_, Some(at))) => q::Outcome::Again(*at),
                Err(e) => q::Outcome::Failed(e),
            };
            if let Err(e) = q::finish(&mut conn, job.id, &self.instance, outcome) {
                tracing::error!(job = job.id.get(), error = %e, "cannot record the job's end");
            }
        }
        result.map(|(output, _)| output)
    }
}

/// A random suffix, so two processes with the same id on two hosts differ.
fn uuid_like() -> String {
    use rand::Rng;
    format!("{:016x}", rand::rng().random::<u64>())
}
