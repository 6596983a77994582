//! `domkom receipts`: every receipt of an organization for a closed period, as one PDF a
//! house in flat order, written to a folder for printing and delivery.

use crate::db::schema::houses as h;
use crate::db::{periods, DbPool};
use crate::views::receipt;
use diesel::prelude::*;
use domkom_dto::PeriodStatus;
use domkom_receipt::Printer;
use domkom_values::{HouseId, OrganizationId, Period};
use std::path::{Path, PathBuf};

/// What to print and where.
pub struct Job<'a> {
    pub organization: OrganizationId,
    pub period: Period,
    pub out: &'a Path,
    /// Where residents sign in, printed beside the link code.
    pub portal: &'a str,
}

/// Writes `dom-<house id>-<period>.pdf` for each house with receipts; returns the files
/// and the number of receipts. `progress` hears (houses done, houses).
pub fn organization(
    pool: &DbPool,
    printer: &Printer,
    job: &Job<'_>,
    progress: &dyn Fn(i32, i32),
) -> anyhow::Result<(Vec<PathBuf>, usize)> {
    let mut conn = pool.get()?;
    let state = periods::get(&mut conn, job.organization, job.period)?;
    if state.status != PeriodStatus::Closed {
        anyhow::bail!(
            "period {} is not closed for organization {}",
            job.period,
            job.organization
        );
    }
    let houses: Vec<HouseId> = crate::db::load(
        &mut conn,
        h::table
            .filter(h::organization_id.eq(job.organization))
            .order(h::id)
            .select(h::id),
    )?;
    std::fs::create_dir_all(job.out)?;
    let total = i32::try_from(houses.len()).unwrap_or(i32::MAX);
    let (mut files, mut printed) = (Vec::new(), 0);
    for (done, house) in (1..).zip(houses) {
        let receipts =
            receipt::of_house(&mut conn, job.organization, house, job.period, job.portal)?;
        if !receipts.is_empty() {
            let file = job.out.join(format!("dom-{house}-{}.pdf", job.period));
            std::fs::write(&file, printer.render(&receipts)?)?;
            printed += receipts.len();
            files.push(file);
        }
        progress(done, total);
    }
    Ok((files, printed))
}
