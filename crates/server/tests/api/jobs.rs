//! The jobs table: a job is claimed by one instance at a time, and taken over when its
//! instance stops beating; the runner runs any kind it is given.

use crate::helpers::TestApp;
use crate::on_both_backends;
use diesel::prelude::*;
use domkom_server::db::jobs::{self, ClaimedJob};
use domkom_server::db::schema::jobs as j;
use domkom_server::jobs::{enqueue, Context, JobKind, Kind, Runner};
use domkom_values::{JobId, OrganizationId};
use std::collections::HashSet;

const STALE: i64 = 30;
/// A kind the application's own runner leaves alone.
const TEST_KIND: &str = "test_only";

fn stale() -> chrono::Duration {
    chrono::Duration::seconds(STALE)
}

async fn a_job_is_taken_over_only_when_its_instance_stops_beating(app: TestApp) {
    let admin = app.admin().await;
    let (_, org) = app.operator(&admin, 1).await;
    let mut conn = app.pool.get().unwrap();
    let id = jobs::enqueue(&mut conn, org.id, TEST_KIND, "{}", None).unwrap();

    let a = jobs::claim(&mut conn, "a", stale(), None, &[TEST_KIND]).unwrap();
    assert_eq!(
        a,
        Some(ClaimedJob {
            id,
            kind: TEST_KIND.into(),
            payload: "{}".into()
        })
    );
    assert_eq!(
        jobs::claim(&mut conn, "b", stale(), None, &[TEST_KIND]).unwrap(),
        None
    );
    assert!(jobs::heartbeat(&mut conn, id, "a").unwrap());

    // Instance a goes silent.
    let long_ago = domkom_server::db::now() - chrono::Duration::seconds(STALE + 1);
    diesel::update(j::table.find(id))
        .set(j::heartbeat_at.eq(long_ago))
        .execute(&mut *conn)
        .unwrap();
    let b = jobs::claim(&mut conn, "b", stale(), None, &[TEST_KIND]).unwrap();
    assert_eq!(b.map(|c| c.id), Some(id));
    assert!(!jobs::heartbeat(&mut conn, id, "a").unwrap(), "a lost it");
    assert_eq!(
        jobs::finish(&mut conn, id, "a", jobs::Outcome::Done).unwrap(),
        0
    );
    assert_eq!(
        jobs::finish(&mut conn, id, "b", jobs::Outcome::Failed("boom")).unwrap(),
        1
    );
    assert_eq!(
        jobs::status(&mut conn, id).unwrap(),
        ("failed".into(), 2, Some("boom".into()))
    );
    assert_eq!(
        jobs::claim(&mut conn, "c", stale(), None, &[TEST_KIND]).unwrap(),
        None
    );
}

async fn two_instances_never_claim_the_same_job(app: TestApp) {
    let admin = app.admin().await;
    let (_, org) = app.operator(&admin, 1).await;
    let queued: HashSet<JobId> = {
        let mut conn = app.pool.get().unwrap();
        (0..20)
            .map(|_| jobs::enqueue(&mut conn, org.id, TEST_KIND, "{}", None).unwrap())
            .collect()
    };
    let claimers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|instance| {
            let pool = app.pool.clone();
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                let mut mine = Vec::new();
                while let Some(job) =
                    jobs::claim(&mut conn, instance, stale(), None, &[TEST_KIND]).unwrap()
                {
                    mine.push(job.id);
                }
                mine
            })
        })
        .collect();
    let claimed: Vec<JobId> = claimers
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert_eq!(claimed.len(), queued.len(), "each job claimed once");
    assert_eq!(claimed.into_iter().collect::<HashSet<_>>(), queued);
}

/// A job kind of this test alone: the runner must need nothing else to run it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Echo {
    organization_id: OrganizationId,
    text: String,
}

impl JobKind for Echo {
    const KIND: &'static str = "echo";
    type Output = usize;
    type Error = String;

    fn organization_id(&self) -> OrganizationId {
        self.organization_id
    }

    fn run(self, _: &Context, progress: &dyn Fn(i32, i32)) -> Result<Option<usize>, String> {
        progress(1, 1);
        match self.text.as_str() {
            "fail" => Err("asked to fail".into()),
            text => Ok(Some(text.chars().count())),
        }
    }
}

static KINDS: &[Kind] = &[Kind::of::<Echo>()];

async fn the_runner_runs_any_kind_it_is_given(app: TestApp) {
    let admin = app.admin().await;
    let (_, org) = app.operator(&admin, 1).await;
    let mut conn = app.pool.get().unwrap();
    let echo = |text: &str| Echo {
        organization_id: org.id,
        text: text.into(),
    };
    let ok = enqueue(&mut conn, &echo("привет")).unwrap();
    let failing = enqueue(&mut conn, &echo("fail")).unwrap();
    let unknown = jobs::enqueue(&mut conn, org.id, "unheard_of", "{}", None).unwrap();
    let runner = Runner::new(app.pool.clone(), None, KINDS);
    assert_eq!(
        runner.run_pending(),
        2,
        "a kind it does not know is left to others"
    );
    let status = |id| jobs::status(&mut app.pool.get().unwrap(), id).unwrap();
    assert_eq!(status(ok), ("done".into(), 1, None));
    assert_eq!(
        status(failing),
        ("failed".into(), 1, Some("asked to fail".into()))
    );
    assert_eq!(status(unknown), ("queued".into(), 0, None));

    // The command line's way: one job, its output typed, its progress heard.
    let now = enqueue(&mut conn, &echo("четыре")).unwrap();
    let heard = std::cell::Cell::new(0);
    let out = runner.run_now::<Echo>(now, &|done, _| heard.set(done));
    assert_eq!((out, heard.get()), (Ok(Some(6)), 1));
    assert_eq!(status(now).0, "done");
}

on_both_backends!(
    a_job_is_taken_over_only_when_its_instance_stops_beating,
    two_instances_never_claim_the_same_job,
    the_runner_runs_any_kind_it_is_given,
);
