//! The jobs table: a job is claimed by one instance at a time, and taken over when its
//! instance stops beating.

use crate::helpers::TestApp;
use crate::on_both_backends;
use diesel::prelude::*;
use domkom_server::db::jobs::{self, ClaimedJob};
use domkom_server::db::schema::jobs as j;
use std::collections::HashSet;

const STALE: i64 = 30;

fn stale() -> chrono::Duration {
    chrono::Duration::seconds(STALE)
}

async fn a_job_is_taken_over_only_when_its_instance_stops_beating(app: TestApp) {
    let admin = app.admin().await;
    let (_, org) = app.operator(&admin, 1).await;
    let mut conn = app.pool.get().unwrap();
    let id = jobs::enqueue(&mut conn, org.id, "close_period", "{}").unwrap();

    let a = jobs::claim(&mut conn, "a", stale(), None).unwrap();
    assert_eq!(
        a,
        Some(ClaimedJob {
            id,
            kind: "close_period".into(),
            payload: "{}".into()
        })
    );
    assert_eq!(jobs::claim(&mut conn, "b", stale(), None).unwrap(), None);
    assert!(jobs::heartbeat(&mut conn, id, "a").unwrap());

    // Instance a goes silent.
    let long_ago = domkom_server::db::now() - chrono::Duration::seconds(STALE + 1);
    diesel::update(j::table.find(id))
        .set(j::heartbeat_at.eq(long_ago))
        .execute(&mut *conn)
        .unwrap();
    let b = jobs::claim(&mut conn, "b", stale(), None).unwrap();
    assert_eq!(b.map(|c| c.id), Some(id));
    assert!(!jobs::heartbeat(&mut conn, id, "a").unwrap(), "a lost it");
    assert_eq!(jobs::finish(&mut conn, id, "a", Ok(())).unwrap(), 0);
    assert_eq!(jobs::finish(&mut conn, id, "b", Err("boom")).unwrap(), 1);
    assert_eq!(
        jobs::status(&mut conn, id).unwrap(),
        ("failed".into(), 2, Some("boom".into()))
    );
    assert_eq!(jobs::claim(&mut conn, "c", stale(), None).unwrap(), None);
}

async fn two_instances_never_claim_the_same_job(app: TestApp) {
    let admin = app.admin().await;
    let (_, org) = app.operator(&admin, 1).await;
    let queued: HashSet<i64> = {
        let mut conn = app.pool.get().unwrap();
        (0..20)
            .map(|_| jobs::enqueue(&mut conn, org.id, "close_period", "{}").unwrap())
            .collect()
    };
    let claimers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|instance| {
            let pool = app.pool.clone();
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                let mut mine = Vec::new();
                while let Some(job) = jobs::claim(&mut conn, instance, stale(), None).unwrap() {
                    mine.push(job.id);
                }
                mine
            })
        })
        .collect();
    let claimed: Vec<i64> = claimers
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert_eq!(claimed.len(), queued.len(), "each job claimed once");
    assert_eq!(claimed.into_iter().collect::<HashSet<_>>(), queued);
}

on_both_backends!(
    a_job_is_taken_over_only_when_its_instance_stops_beating,
    two_instances_never_claim_the_same_job,
);
