//! Demo data: two organizations (a УК and a ТСЖ) with a house each, ~30 flats, services,
//! tariffs, meters, 12 closed months of readings, payments and recalculations, the
//! current month open, a catalogue of paid services, the demo resident's appeals and
//! requests in every status, and demo users. Written through the `db` functions and closed with
//! the real period close. Deterministic: a fixed seed gives the same data on every run
//! (only timestamps and the password, random on purpose, differ).
//!
//! `domkom seed-demo` runs it; `domkom serve` runs it on an empty database unless
//! `DOMKOM_DEMO=off` or `DOMKOM_ENV=production`.

mod company;
mod data;
mod desk;
mod history;
mod people;
mod services;

use crate::billing::close::CloseRequest;
use crate::config::{Config, Environment};
use crate::db::{self, DbPool};
use chrono::{Datelike, NaiveDate};
use domkom_domain::Period;
use domkom_values::{OrganizationId, UserId};

/// Months closed before the current one.
pub const HISTORY_MONTHS: u32 = 12;

/// splitmix64: a few lines, no dependency, the same numbers everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from `lo` to `hi` inclusive.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo + 1).unwrap_or(1).max(1);
        lo + i64::try_from(self.next_u64() % span).unwrap_or(0)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: i64) -> bool {
        self.range(0, 99) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = self.range(0, items.len() as i64 - 1);
        &items[usize::try_from(i).unwrap_or(0)]
    }
}

/// What was created, for the message printed once.
#[derive(Debug, Clone)]
pub struct Summary {
    pub organizations: Vec<OrganizationSummary>,
    /// Shared by the three demo users.
    pub password: String,
    pub resident_login: String,
    pub first_period: Period,
    pub current_period: Period,
}

#[derive(Debug, Clone)]
pub struct OrganizationSummary {
    pub id: OrganizationId,
    pub name: String,
    pub address: String,
    pub accounts: usize,
    pub operator_login: String,
    /// The demo resident's account here and its linking code.
    pub resident_account: String,
    pub resident_link_code: String,
}

impl Summary {
    /// The message for the terminal: what was created, the logins, where to go.
    pub fn message(&self, public_url: &str) -> String {
        let last = self.current_period.prev().unwrap_or(self.current_period);
        let mut out = String::from("Demo data created:\n");
        for o in &self.organizations {
            out += &format!(
                "  {} — 1 house ({}), {} accounts, {} periods closed ({} … {}), {} open\n",
                o.name,
                o.address,
                o.accounts,
                HISTORY_MONTHS,
                self.first_period,
                last,
                self.current_period
            );
        }
        out += &format!("Open {public_url}/ (API docs at {public_url}/swagger-ui/) and sign in:\n");
        for o in &self.organizations {
            out += &format!(
                "  operator of {}: login {}, password {}\n",
                o.name, o.operator_login, self.password
            );
        }
        out += &format!(
            "  resident: login {}, password {}\n",
            self.resident_login, self.password
        );
        out += "  the resident's linked accounts (the code links them to another login too):\n";
        for o in &self.organizations {
            out += &format!(
                "    {}: account {}, link code {}\n",
                o.name, o.resident_account, o.resident_link_code
            );
        }
        out += "The password is shown only now: write it down.\n";
        out
    }
}

/// Why demo data was not created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipped {
    /// The database already has organizations.
    NotEmpty,
    /// `DOMKOM_ENV=production`.
    Production,
    /// `DOMKOM_DEMO=off`.
    TurnedOff,
}

/// At `serve` start-up: seeds an empty database unless turned off or in production.
pub fn seed_at_start(
    pool: &DbPool,
    config: &Config,
    today: NaiveDate,
) -> anyhow::Result<Result<Summary, Skipped>> {
    if config.env == Environment::Production {
        return Ok(Err(Skipped::Production));
    }
    if !config.demo {
        return Ok(Err(Skipped::TurnedOff));
    }
    seed(pool, today)
}

/// Seeds the demo data into a database without organizations; `today` fixes the current
/// month (the 12 months before it are closed).
pub fn seed(pool: &DbPool, today: NaiveDate) -> anyhow::Result<Result<Summary, Skipped>> {
    let mut conn = pool.get()?;
    if db::organizations::list(&mut conn, 1, 0)?.1 > 0 {
        return Ok(Err(Skipped::NotEmpty));
    }
    let current = Period::containing(today).ok_or_else(|| anyhow::anyhow!("bad date {today}"))?;
    let first = (0..HISTORY_MONTHS)
        .try_fold(current, |p, _| p.prev())
        .ok_or_else(|| anyhow::anyhow!("no 12 months before {current}"))?;
    let password = new_password();
    let hash = crate::auth::password::hash(&password)?;

    let mut companies = Vec::new();
    for (i, spec) in data::SPECS.iter().enumerate() {
        let mut rng = Rng::new(0xD0_4B_0E + i as u64);
        let c = company::create(&mut conn, spec, &mut rng, first, current, &hash)?;
        companies.push((c, rng));
    }
    let resident = people::resident(&mut conn, &hash)?;
    for (c, _) in &companies {
        if let Some(flat) = c.flats.iter().find(|f| f.is_resident) {
            db::links::link(&mut conn, resident, flat.account_id, c.org)?;
        }
    }

    let mut period = first;
    for k in 0..HISTORY_MONTHS {
        for (c, rng) in &mut companies {
            history::month(&mut conn, c, rng, period, k)?;
            close_period(pool, c.org, c.operator_id, period, today)?;
        }
        period = period
            .next()
            .ok_or_else(|| anyhow::anyhow!("after {period}"))?;
    }
    for (c, rng) in &mut companies {
        history::current(&mut conn, c, rng, current, today)?;
    }
    for (c, _) in &companies {
        desk::create(&mut conn, c, resident, today)?;
    }
    Ok(Ok(Summary {
        organizations: companies.iter().map(|(c, _)| c.summary.clone()).collect(),
        password,
        resident_login: people::RESIDENT_LOGIN.into(),
        first_period: first,
        current_period: current,
    }))
}

fn close_period(
    pool: &DbPool,
    org: OrganizationId,
    operator: UserId,
    period: Period,
    today: NaiveDate,
) -> anyhow::Result<()> {
    let req = CloseRequest {
        organization_id: org,
        period,
        user_id: Some(operator),
        // The history is made up, so the default rate serves.
        key_rate_bp: crate::config::DEFAULT_KEY_RATE_BP,
    };
    crate::cli::close_now(pool, req, today, &|_, _| {})
        .map(drop)
        .map_err(|e| e.context(format!("closing {period}")))
}

/// A random password (printed once): letters and digits, easy to type.
fn new_password() -> String {
    use rand::Rng as _;
    const LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyz";
    let mut rng = rand::rng();
    let mut out = String::from("demo-");
    for i in 0..8 {
        let c = if i % 2 == 0 {
            char::from(LETTERS[rng.random_range(0..LETTERS.len())])
        } else {
            char::from(b'2' + rng.random_range(0..8u8))
        };
        out.push(c);
    }
    out
}

/// A day of the period's month (the last day if the month is shorter).
pub fn month_day(period: Period, day: u32) -> NaiveDate {
    let first = period.first_day();
    let last = period.last_day().day();
    first.with_day(day.clamp(1, last)).unwrap_or(first)
}
