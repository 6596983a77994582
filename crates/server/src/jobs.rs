//! Background jobs. A period close is queued as a row of `jobs` and run by whichever
//! server instance claims it first (`db::jobs::claim`). While it runs, a heartbeat thread
//! touches the row; a job whose heartbeat stopped (its instance died) is claimed again and
//! run from the start, which is safe because a close writes everything in one transaction.

use crate::billing::close::{self, CloseRequest, CloseStats};
use crate::db::{jobs as q, periods, DbPool};
use domkom_dto::PeriodStatus;
use serde::{Deserialize, Serialize};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How often a running job proves its instance alive, and when another may take it over.
const HEARTBEAT: Duration = Duration::from_secs(5);
const STALE_AFTER_SECS: i64 = 30;
/// How often an idle instance looks for queued or abandoned jobs.
const POLL: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    ClosePeriod(CloseRequest),
}

impl Job {
    fn kind(&self) -> &'static str {
        match self {
            Job::ClosePeriod(_) => "close_period",
        }
    }

    fn organization_id(&self) -> i64 {
        match self {
            Job::ClosePeriod(req) => req.organization_id,
        }
    }
}

/// Queues `job` in the caller's transaction.
pub fn enqueue(conn: &mut crate::db::DbConn, job: &Job) -> diesel::QueryResult<i64> {
    let payload = serde_json::to_string(job)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    q::enqueue(conn, job.organization_id(), job.kind(), &payload)
}

/// Claims and runs jobs for this instance, one at a time, on a thread of its own.
#[derive(Clone)]
pub struct Runner {
    pool: DbPool,
    instance: Arc<str>,
    drain: Arc<Mutex<Drain>>,
}

#[derive(Default)]
struct Drain {
    running: bool,
    again: bool,
}

impl Runner {
    pub fn new(pool: DbPool) -> Runner {
        let instance = format!("{}-{}", std::process::id(), uuid_like());
        Runner {
            pool,
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
        while let Some(job) = self.claim(None) {
            let _ = self.run(job, &|_, _| {});
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

    fn claim(&self, only: Option<i64>) -> Option<q::ClaimedJob> {
        let stale = chrono::Duration::seconds(STALE_AFTER_SECS);
        let mut conn = self.pool.get().ok()?;
        q::claim(&mut conn, &self.instance, stale, only)
            .inspect_err(|e| tracing::error!(error = %e, "cannot claim a job"))
            .ok()
            .flatten()
    }

    /// Claims job `id` and runs it on this thread: the command line's close.
    pub fn run_now(
        &self,
        id: i64,
        progress: &dyn Fn(i32, i32),
    ) -> Result<Option<CloseStats>, String> {
        let job = self
            .claim(Some(id))
            .ok_or_else(|| format!("job {id} is being run by another instance"))?;
        self.run(job, progress)
    }

    /// Runs a claimed job to its end with a heartbeat, and records how it ended.
    fn run(
        &self,
        job: q::ClaimedJob,
        progress: &dyn Fn(i32, i32),
    ) -> Result<Option<CloseStats>, String> {
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
        let result = serde_json::from_str::<Job>(&job.payload)
            .map_err(|e| format!("job {}: {e}", job.id))
            .and_then(|j| execute(&self.pool, j, progress));
        drop(stop);
        let _ = beat.join();
        if let Ok(mut conn) = self.pool.get() {
            let outcome = result.as_ref().map(|_| ()).map_err(String::as_str);
            if let Err(e) = q::finish(&mut conn, job.id, &self.instance, outcome) {
                tracing::error!(job = job.id, error = %e, "cannot record the job's end");
            }
        }
        result
    }
}

fn execute(
    pool: &DbPool,
    job: Job,
    progress: &dyn Fn(i32, i32),
) -> Result<Option<CloseStats>, String> {
    match job {
        Job::ClosePeriod(req) => {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let state = periods::get(&mut conn, req.organization_id, &req.period.to_string())
                .map_err(|e| e.to_string())?;
            drop(conn);
            // An earlier run committed and died before recording its end: nothing to do.
            if state.status != PeriodStatus::Closing {
                return Ok(None);
            }
            close::run(pool, req, progress)
                .map(Some)
                .map_err(|e| e.to_string())
        }
    }
}

/// A random suffix, so two processes with the same id on two hosts differ.
fn uuid_like() -> String {
    use rand::Rng;
    format!("{:016x}", rand::rng().random::<u64>())
}
