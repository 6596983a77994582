//! `domkom bench`: the period close and the HTTP load of the resident's pages, on a
//! synthetic organization, printing figures to compare between machines and backends.

use crate::auth::Caller;
use crate::billing::close::CloseRequest;
use crate::config::Config;
use crate::db::{self, schema::accounts as a};
use crate::progress::Progress;
use crate::state::AppState;
use diesel::prelude::*;
use domkom_domain::Period;
use domkom_dto::Role;
use domkom_values::{AccountId, OrganizationId, UserId};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

fn backend(config: &Config) -> &'static str {
    match db::Backend::of_url(&config.database_url) {
        Some(db::Backend::Postgres) => "PostgreSQL",
        _ => "SQLite",
    }
}

/// Generates an organization of `accounts` accounts and closes `period` for it; returns
/// the organization.
pub fn closed_organization(
    state: &AppState,
    accounts: i64,
    period: Period,
) -> anyhow::Result<OrganizationId> {
    let backend = backend(&state.config);
    let mut conn = state.pool.get()?;
    let started = Instant::now();
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let org = crate::devtools::synthetic::organization(&mut conn, n)?;
    crate::devtools::synthetic::generate(&mut conn, org, accounts, period)?;
    drop(conn);
    println!(
        "{backend}: generated {accounts} accounts in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let req = CloseRequest {
        organization_id: org,
        period,
        user_id: None,
        key_rate_bp: state.config.key_rate_bp,
    };
    let started = Instant::now();
    let today = chrono::Utc::now().date_naive();
    let progress = Progress::stderr("accounts");
    let closed = crate::cli::close_now(&state.pool, req, today, &|d, t| progress.update(d, t));
    progress.finish();
    let stats = closed?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{backend}: closed {period} for {accounts} accounts ({} charge lines) in {seconds:.2} s = {:.0} accounts/s \
         (load {:.2} s, compute {:.2} s, write {:.2} s); peak memory {} MiB",
        stats.charges,
        accounts as f64 / seconds,
        stats.load.as_secs_f64(),
        stats.compute.as_secs_f64(),
        stats.write.as_secs_f64(),
        peak_memory_mib().map_or("?".into(), |m| m.to_string())
    );
    Ok(org)
}

/// The process's peak resident memory (VmHWM), Linux only.
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// What the load run asks for.
pub struct LoadPlan {
    pub accounts: i64,
    pub connections: usize,
    pub seconds: u64,
    pub period: Period,
}

/// Residents the load signs in as, each with its linked accounts.
const ACCOUNTS_PER_RESIDENT: usize = 16;

/// Serves the app on a free port and loads one endpoint at a time from `connections`
/// keep-alive connections, `/health/live` first as the yardstick.
pub async fn load(mut config: Config, plan: LoadPlan) -> anyhow::Result<()> {
    config.addr = "127.0.0.1:0".parse()?;
    let backend = backend(&config);
    let state = crate::prepare(config)?;
    let period = plan.period;
    let (state, org) = tokio::task::spawn_blocking(move || {
        closed_organization(&state, plan.accounts, period).map(|org| (state, org))
    })
    .await??;
    let pool = state.pool.clone();
    let linked = tokio::task::spawn_blocking(move || {
        settle(&pool)?;
        residents(&pool, org, plan.connections)
    })
    .await??;
    let residents = linked
        .into_iter()
        .map(|(user_id, accounts)| {
            let caller = Caller {
                user_id,
                role: Role::Resident,
                organization_id: None,
            };
            let token = state.jwt.issue(caller).map_err(|e| anyhow::anyhow!("{e}"));
            Ok((token?, accounts))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let app = crate::Application::build(state)?;
    let addr = format!("127.0.0.1:{}", app.port());
    let server = app.into_server();
    let stop = server.handle();
    tokio::spawn(server);

    println!(
        "{backend}: {} connections, {} s per endpoint, {} accounts",
        plan.connections, plan.seconds, plan.accounts
    );
    println!(
        "{:<40} {:>11} {:>8} {:>8} {:>8}",
        "endpoint", "requests/s", "p50", "p99", "errors"
    );
    // `{id}` is one of the resident's accounts, `{p}` the closed period.
    let endpoints = [
        "/health/live",
        "/api/v1/accounts/{id}",
        "/api/v1/accounts/{id}/charges",
        "/api/v1/accounts/{id}/charges/{p}",
        "/api/v1/accounts/{id}/statement",
    ];
    for template in endpoints {
        let run = Duration::from_secs(plan.seconds);
        let tasks: Vec<_> = residents
            .iter()
            .cloned()
            .map(|(token, accounts)| {
                let addr = addr.clone();
                let paths: Vec<String> = accounts
                    .iter()
                    .map(|id| {
                        template
                            .replace("{id}", &id.to_string())
                            .replace("{p}", &period.to_string())
                    })
                    .collect();
                tokio::spawn(async move { hammer(&addr, &token, &paths, run).await })
            })
            .collect();
        let mut latencies = Vec::new();
        let mut errors = 0;
        for task in tasks {
            let (mut l, e) = task.await??;
            latencies.append(&mut l);
            errors += e;
        }
        latencies.sort_unstable();
        let pct = |p: usize| {
            latencies
                .get(latencies.len() * p / 100)
                .copied()
                .unwrap_or_default()
        };
        println!(
            "GET {template:<36} {:>11.0} {:>6.2}ms {:>6.2}ms {errors:>8}",
            latencies.len() as f64 / plan.seconds as f64,
            pct(50).as_secs_f64() * 1e3,
            pct(99).as_secs_f64() * 1e3,
        );
    }
    // The workers close their database connections before the process exits: libpq's
    // TLS state is torn down at exit, under any connection still open.
    stop.stop(true).await;
    Ok(())
}

/// Vacuums and analyzes what the close wrote on PostgreSQL, as after any bulk load, so
/// that autovacuum does not run in the middle of the measurements.
fn settle(pool: &db::DbPool) -> anyhow::Result<()> {
    use diesel::RunQueryDsl;
    let mut conn = pool.get()?;
    if let db::DbConn::Pg(c) = &mut *conn {
        diesel::sql_query("VACUUM ANALYZE").execute(c)?;
    }
    Ok(())
}

/// One resident per connection, each linked to accounts of its own.
fn residents(
    pool: &db::DbPool,
    org: OrganizationId,
    n: usize,
) -> anyhow::Result<Vec<(UserId, Vec<AccountId>)>> {
    let mut conn = pool.get()?;
    let ids: Vec<AccountId> = a::table
        .filter(a::organization_id.eq(org))
        .order(a::id)
        .select(a::id)
        .load(&mut conn)?;
    anyhow::ensure!(!ids.is_empty(), "no accounts to load");
    let hash = crate::auth::password::hash("bench-password-1")?;
    let stride = (ids.len() / (n * ACCOUNTS_PER_RESIDENT)).max(1);
    (0..n)
        .map(|i| {
            let login = format!("bench{org}x{i}");
            let form = domkom_dto::Register {
                login: login.clone(),
                email: format!("{login}@bench.invalid"),
                full_name: "Нагрузка Тест".into(),
                phone: "+7 900 000-00-00".into(),
                password: String::new(),
            };
            let user = db::users::create(&mut conn, &form, &hash, Role::Resident, None)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let accounts: Vec<AccountId> = (0..ACCOUNTS_PER_RESIDENT)
                .map(|k| ids[((i * ACCOUNTS_PER_RESIDENT + k) * stride) % ids.len()])
                .collect();
            for &account in &accounts {
                db::links::link(&mut conn, user, account, org)?;
            }
            Ok((user, accounts))
        })
        .collect()
}

/// Sends GETs round the `paths` on one keep-alive connection for `run`; returns each
/// answered request's latency and how many were not 200.
async fn hammer(
    addr: &str,
    token: &str,
    paths: &[String],
    run: Duration,
) -> anyhow::Result<(Vec<Duration>, usize)> {
    let mut conn = BufReader::new(TcpStream::connect(addr).await?);
    let (mut latencies, mut errors) = (Vec::new(), 0);
    let started = Instant::now();
    for path in paths.iter().cycle() {
        if started.elapsed() >= run {
            break;
        }
        let sent = Instant::now();
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n\r\n");
        conn.get_mut().write_all(request.as_bytes()).await?;
        let status = read_response(&mut conn).await?;
        latencies.push(sent.elapsed());
        errors += usize::from(status != 200);
    }
    Ok((latencies, errors))
}

/// Reads one HTTP/1.1 response with a Content-Length body; returns its status.
async fn read_response(conn: &mut BufReader<TcpStream>) -> anyhow::Result<u16> {
    let mut line = String::new();
    conn.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("not an HTTP response: {line:?}"))?;
    let mut length = None;
    loop {
        line.clear();
        conn.read_line(&mut line).await?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let length = length.ok_or_else(|| anyhow::anyhow!("a response without Content-Length"))?;
    let mut body = vec![0; length];
    conn.read_exact(&mut body).await?;
    Ok(status)
}
