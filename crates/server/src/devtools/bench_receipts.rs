//! `domkom bench receipts`: the PDF receipts of a synthetic organization's closed period,
//! rendered one by one on one core and a house of 200 flats at once.

use crate::db::schema::{accounts as a, houses as h};
use crate::state::AppState;
use crate::views::receipt;
use diesel::prelude::*;
use domkom_receipt::Receipt;
use domkom_values::{AccountId, HouseId, Period};
use std::time::{Duration, Instant};

pub fn run(state: &AppState, accounts: i64, period: Period) -> anyhow::Result<()> {
    let org = super::bench::closed_organization(state, accounts, period)?;
    let portal = &state.config.public_url;
    let mut conn = state.pool.get()?;

    // Read first: what is measured is the PDF, not the database.
    let started = Instant::now();
    let ids: Vec<AccountId> = crate::db::load(
        &mut conn,
        a::table
            .filter(a::organization_id.eq(org))
            .order(a::id)
            .select(a::id),
    )?;
    let mut receipts: Vec<Receipt> = Vec::with_capacity(ids.len());
    for id in ids {
        receipts.extend(receipt::receipt(&mut conn, org, id, period, portal)?);
    }
    println!(
        "read {} receipts from the database in {:.1} s",
        receipts.len(),
        started.elapsed().as_secs_f64()
    );

    let (mut times, mut sizes) = (Vec::new(), Vec::new());
    for r in &receipts {
        let started = Instant::now();
        let pdf = state.printer.render(std::slice::from_ref(r))?;
        times.push(started.elapsed());
        sizes.push(pdf.len());
    }
    times.sort();
    sizes.sort_unstable();
    let total: Duration = times.iter().sum();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let kb = |bytes: usize| bytes as f64 / 1024.0;
    println!(
        "one receipt a PDF, on one core: {:.0} receipts/s; median {:.1} ms, p99 {:.1} ms; \
         median size {:.0} KB, largest {:.0} KB",
        times.len() as f64 / total.as_secs_f64(),
        ms(percentile(&times, 50)),
        ms(percentile(&times, 99)),
        kb(percentile(&sizes, 50)),
        kb(sizes.last().copied().unwrap_or(0))
    );

    let first: HouseId = h::table
        .filter(h::organization_id.eq(org))
        .order(h::id)
        .select(h::id)
        .first(&mut conn)?;
    let house = receipt::of_house(&mut conn, org, first, period, portal)?;
    let started = Instant::now();
    let pdf = state.printer.render(&house)?;
    let elapsed = started.elapsed();
    println!(
        "a house of {} flats as one PDF: {:.2} s ({:.1} ms a receipt), {:.1} MB",
        house.len(),
        elapsed.as_secs_f64(),
        ms(elapsed) / house.len().max(1) as f64,
        kb(pdf.len()) / 1024.0
    );
    Ok(())
}

/// The `p`-th percentile of sorted values.
fn percentile<T: Copy + Default>(sorted: &[T], p: usize) -> T {
    match sorted.len() {
        0 => T::default(),
        n => sorted[(n - 1) * p / 100],
    }
}
