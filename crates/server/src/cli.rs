//! The `domkom` command: serve (default), migrate, create-admin, openapi.

use crate::billing::close::{self, CloseRequest};
use crate::config::Config;
use crate::db::{self, users};
use crate::{auth::password, Application};
use clap::{Parser, Subcommand};
use domkom_dto::{rules, Register, Role};

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
    /// Close an organization's billing period, showing progress.
    ClosePeriod {
        #[arg(long)]
        organization: i64,
        /// YYYY-MM
        #[arg(long)]
        period: String,
    },
    /// Print the OpenAPI document.
    Openapi,
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
        Command::ClosePeriod {
            organization,
            period,
        } => close_period(config, organization, &period),
        Command::Openapi => Ok(()),
    }
}

fn close_period(config: Config, organization_id: i64, period: &str) -> anyhow::Result<()> {
    let period = period
        .parse()
        .map_err(|_| anyhow::anyhow!("--period: expected YYYY-MM, got {period}"))?;
    let state = crate::prepare(config)?;
    let req = CloseRequest {
        organization_id,
        period,
        user_id: None,
    };
    let today = chrono::Utc::now().date_naive();
    close::start(&mut *state.pool.get()?, req, today)
        .map_err(|e| anyhow::anyhow!("{}", e.detail))?;
    let started = std::time::Instant::now();
    close::run(&state.pool, req, &progress_bar).map_err(|e| anyhow::anyhow!(e))?;
    eprintln!();
    println!(
        "Period {period} closed in {:.1} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `[##########----------]  5000/10000 accounts` on one line of the terminal.
fn progress_bar(done: i32, total: i32) {
    const WIDTH: usize = 30;
    let filled = if total > 0 {
        WIDTH * done.max(0) as usize / total as usize
    } else {
        WIDTH
    };
    eprint!(
        "\r[{}{}] {done:>7}/{total} accounts",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled.min(WIDTH))
    );
}

async fn serve(config: Config) -> anyhow::Result<()> {
    tracing::info!(?config, "starting");
    let public_url = config.public_url.clone();
    let state = crate::prepare(config)?;
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
    .map_err(|e| anyhow::anyhow!("{}", e.detail))?;
    println!("Administrator {} created (id {id}).", form.login);
    Ok(())
}
