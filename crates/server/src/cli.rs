//! The `domkom` command: serve (default), migrate, create-admin, seed-demo, close-period,
//! receipts, run-jobs, bench, openapi.

use crate::billing::close::{self, CloseRequest};
use crate::config::Config;
use crate::db::{self, users};
use crate::progress::Progress;
use crate::{auth::password, Application};
use clap::{Parser, Subcommand};
use domkom_dto::{rules, Register, Role};
use domkom_values::OrganizationId;

#[derive(Debug, Parser)]
#[command(
    name = "domkom",
    version,
    about = "Domkom: the resident self-service portal for housing and utilities"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (the default).
    Serve,
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Create an active administrator.
    CreateAdmin {
        #[arg(long)]
        login: String,
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Администратор")]
        full_name: String,
        #[arg(long, default_value = "+70000000000")]
        phone: String,
        /// Taken from DOMKOM_ADMIN_PASSWORD so it stays out of the shell history.
        #[arg(long, env = "DOMKOM_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Fill an empty database with demo organizations, a year of history and demo logins.
    SeedDemo,
    /// Close an organization's billing period, showing progress.
    ClosePeriod {
        #[arg(long)]
        organization: OrganizationId,
        /// YYYY-MM
        #[arg(long)]
        period: String,
    },
    /// Print every receipt of a closed period: one PDF a house, in flat order.
    Receipts {
        #[arg(long)]
        organization: OrganizationId,
        /// YYYY-MM
        #[arg(long)]
        period: String,
        /// The folder to write the PDFs to (created if missing).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Run the queued background jobs, and those a stopped server left, then exit.
    RunJobs,
    /// Measure: generate a synthetic organization and time its period close.
    Bench {
        #[command(subcommand)]
        what: Bench,
    },
    /// Print the OpenAPI document.
    Openapi,
}

#[derive(Debug, Subcommand)]
pub enum Bench {
    /// N accounts with 8 services and 3 meters each, closed for one period.
    ClosePeriod {
        #[arg(long, default_value_t = 100_000)]
        accounts: i64,
        #[arg(long, default_value = "2026-10")]
        period: String,
    },
    /// N accounts closed for one period, then their receipts: single PDFs on one core
    /// (receipts per second, median time and size) and one house of 200 flats as one PDF.
    Receipts {
        #[arg(long, default_value_t = 1_000)]
        accounts: i64,
        #[arg(long, default_value = "2026-10")]
        period: String,
    },
    /// Serve N accounts with a closed period and load the resident's pages from many
    /// connections, `/health/live` first; prints requests per second, p50 and p99.
    Load {
        #[arg(long, default_value_t = 100_000)]
        accounts: i64,
        #[arg(long, default_value_t = 64)]
        connections: usize,
        /// Per endpoint.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        #[arg(long, default_value = "2026-10")]
        period: String,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Openapi = command {
        print!("{}", crate::openapi::spec_json());
        return Ok(());
    }
    let config = Config::from_env()?;
    match command {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            let state = crate::prepare(config)?;
            drop(state);
            println!("The database schema is up to date.");
            Ok(())
        }
        Command::CreateAdmin {
            login,
            email,
            full_name,
            phone,
            password: pw,
        } => {
            let form = Register {
                login,
                email,
                full_name,
                phone,
                password: pw,
            };
            create_admin(config, form)
        }
        Command::SeedDemo => seed_demo(config),
        Command::ClosePeriod {
            organization,
            period,
        } => close_period(config, organization, &period),
        Command::Receipts {
            organization,
            period,
            out,
        } => print_receipts(config, organization, &period, &out),
        Command::Bench {
            what: Bench::ClosePeriod { accounts, period },
        } => bench_close(config, accounts, &period),
        Command::Bench {
            what: Bench::Receipts { accounts, period },
        } => {
            let state = crate::prepare(config)?;
            crate::devtools::bench_receipts::run(&state, accounts, parse_period(&period)?)
        }
        Command::Bench {
            what:
                Bench::Load {
                    accounts,
                    connections,
                    seconds,
                    period,
                },
        } => {
            let plan = crate::devtools::bench::LoadPlan {
                accounts,
                connections,
                seconds,
                period: parse_period(&period)?,
            };
            crate::devtools::bench::load(config, plan).await
        }
        Command::RunJobs => {
            let state = crate::prepare(config)?;
            let ran = state.jobs.run_pending();
            println!("{ran} job(s) run.");
            Ok(())
        }
        Command::Openapi => Ok(()),
    }
}

fn bench_close(config: Config, accounts: i64, period: &str) -> anyhow::Result<()> {
    let period = parse_period(period)?;
    let state = crate::prepare(config)?;
    crate::devtools::bench::closed_organization(&state, accounts, period).map(drop)
}

fn parse_period(period: &str) -> anyhow::Result<domkom_domain::Period> {
    period
        .parse()
        .map_err(|_| anyhow::anyhow!("--period: expected YYYY-MM, got {period}"))
}

fn close_period(
    config: Config,
    organization_id: OrganizationId,
    period: &str,
) -> anyhow::Result<()> {
    let period = parse_period(period)?;
    let state = crate::prepare(config)?;
    let req = CloseRequest {
        organization_id,
        period,
        user_id: None,
        key_rate_bp: state.config.key_rate_bp,
    };
    let today = chrono::Utc::now().date_naive();
    let started = std::time::Instant::now();
    let progress = Progress::stderr("accounts");
    let closed = close_now(&state.pool, req, today, &|d, t| progress.update(d, t));
    progress.finish();
    closed?;
    println!(
        "Period {period} closed in {:.1} s.",
        started.elapsed().as_secs_f64()
    );
    let (_, letters) =
        crate::db::receipt_letters::progress(&mut *state.pool.get()?, organization_id, period)?;
    if letters > 0 {
        println!(
            "{letters} receipt letter(s) queued: the server sends them, or run `domkom run-jobs`."
        );
    }
    Ok(())
}

fn print_receipts(
    config: Config,
    organization: OrganizationId,
    period: &str,
    out: &std::path::Path,
) -> anyhow::Result<()> {
    let period = parse_period(period)?;
    let state = crate::prepare(config)?;
    let job = crate::printing::Job {
        organization,
        period,
        out,
        portal: &state.config.public_url,
    };
    let progress = Progress::stderr("houses");
    let printed = crate::printing::organization(&state.pool, &state.printer, &job, &|d, t| {
        progress.update(d, t)
    });
    progress.finish();
    let (files, receipts) = printed?;
    println!(
        "{receipts} receipt(s) for {period} in {} file(s) in {}.",
        files.len(),
        out.display()
    );
    Ok(())
}

fn seed_demo(config: Config) -> anyhow::Result<()> {
    use crate::devtools::demo::Skipped;
    if config.env == crate::config::Environment::Production {
        anyhow::bail!("DOMKOM_ENV=production: demo data is not created in production");
    }
    let public_url = config.public_url.clone();
    let state = crate::prepare(config)?;
    let today = chrono::Local::now().date_naive();
    match crate::devtools::demo::seed(&state.pool, today)? {
        Ok(summary) => print!("{}", summary.message(&public_url)),
        Err(Skipped::NotEmpty) => {
            println!("The database already has organizations: no demo data added.")
        }
        Err(_) => {}
    }
    Ok(())
}

async fn serve(config: Config) -> anyhow::Result<()> {
    tracing::info!(?config, "starting");
    let public_url = config.public_url.clone();
    let state = crate::prepare(config)?;
    let (pool, settings) = (state.pool.clone(), state.config.clone());
    let today = chrono::Local::now().date_naive();
    let seeded = tokio::task::spawn_blocking(move || {
        crate::devtools::demo::seed_at_start(&pool, &settings, today)
    })
    .await??;
    if let Ok(summary) = seeded {
        println!("{}", summary.message(&public_url));
    }
    state.jobs.poll_forever();
    let app = Application::build(state)?;
    tracing::info!(
        "Domkom is listening: open {public_url}/ (API docs at {public_url}/swagger-ui/)"
    );
    app.run_until_stopped().await?;
    tracing::info!("stopped");
    Ok(())
}

fn create_admin(config: Config, form: Register) -> anyhow::Result<()> {
    let errors = rules::check_register(&form);
    if let Some(e) = errors.first() {
        anyhow::bail!("{}: {}", e.field, e.message);
    }
    let state = crate::prepare(config)?;
    let hash = password::hash(&form.password)?;
    let mut conn = state.pool.get()?;
    let id = db::write_tx(&mut conn, |conn| {
        users::create(conn, &form, &hash, Role::Admin, None)
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("Administrator {} created (id {id}).", form.login);
    Ok(())
}

/// Checks, starts and runs a close on this thread: `close-period`, the demo's history and
/// the close bench.
pub fn close_now(
    pool: &crate::db::DbPool,
    req: CloseRequest,
    today: chrono::NaiveDate,
    progress: &dyn Fn(i32, i32),
) -> anyhow::Result<close::CloseStats> {
    let (_, job) = close::start(&mut *pool.get()?, req, today)?;
    crate::jobs::Runner::new(pool.clone(), None, crate::JOB_KINDS)
        .run_now::<CloseRequest>(job, progress)
        .map_err(|e| anyhow::anyhow!(e))?
        .ok_or_else(|| anyhow::anyhow!("the period was closed meanwhile"))
}
