//! Configuration from the environment (and `.env` in development). A bad value stops
//! start-up with a message naming the variable.

use crate::ratelimit::Limit;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub public_url: String,
    pub jwt_secret: Vec<u8>,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub static_dir: PathBuf,
    pub cors_origins: Vec<String>,
    pub db_pool_size: u32,
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
    pub activation_ttl: Duration,
    pub reset_ttl: Duration,
    /// How long the link confirming a new e-mail works.
    pub email_change_ttl: Duration,
    pub limits: Limits,
    /// Who runs the portal and how residents reach its support (every page's footer).
    pub site: Site,
    /// The Bank of Russia key rate for penalties, basis points (`DOMKOM_KEY_RATE`, percent).
    pub key_rate_bp: u32,
    /// `DOMKOM_ENV`: development (the default) or production.
    pub env: Environment,
    /// `DOMKOM_DEMO=off` turns off seeding demo data into an empty database at start-up.
    pub demo: bool,
    /// A fixed calendar date instead of the clock's, for the reading window in tests;
    /// `None` everywhere else.
    pub fixed_today: Option<chrono::NaiveDate>,
    /// `DOMKOM_METRICS_TOKEN`: the bearer token `GET /metrics` asks for; unset, there is no
    /// `/metrics`.
    pub metrics_token: Option<String>,
    /// `DOMKOM_TRUSTED_PROXIES`: the reverse proxies whose `X-Forwarded-For` names the
    /// client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Online payment: the provider and the limits.
    pub payments: crate::payments::Settings,
}

/// Where the server runs: production never gets demo data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// The portal's operator as the footer names it: `DOMKOM_OPERATOR_NAME`,
/// `DOMKOM_SUPPORT_EMAIL`, `DOMKOM_SUPPORT_PHONE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub operator: String,
    pub support_email: String,
    /// Not shown when unset: no made-up number.
    pub support_phone: Option<String>,
}

impl Default for Site {
    fn default() -> Self {
        Self {
            operator: "Домком".into(),
            support_email: "support@domkom.local".into(),
            support_phone: None,
        }
    }
}

/// Attempt limits; per IP and per login (or e-mail).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Failed sign-ins: per address, per user and address, per user from anywhere.
    pub login_per_ip: Limit,
    pub login_per_user_and_ip: Limit,
    pub login_per_user: Limit,
    pub register_per_ip: Limit,
    pub recovery_per_ip: Limit,
    pub recovery_per_email: Limit,
    /// Activation letters sent again.
    pub activation_per_ip: Limit,
    pub activation_per_account: Limit,
    /// Requests to change the e-mail, per user: each sends two letters.
    pub email_change_per_user: Limit,
    /// Wrong proofs when linking a personal account, per user.
    pub link_failures_per_user: Limit,
    /// Wrong passwords asked again of a signed-in user (changing the password or the
    /// e-mail, deleting the profile), per user.
    pub password_per_user: Limit,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            login_per_ip: Limit::per_minutes(30, 15),
            login_per_user_and_ip: Limit::per_minutes(10, 15),
            login_per_user: Limit::per_minutes(100, 15),
            register_per_ip: Limit::per_minutes(10, 60),
            recovery_per_ip: Limit::per_minutes(10, 60),
            recovery_per_email: Limit::per_minutes(3, 60),
            activation_per_ip: Limit::per_minutes(10, 60),
            activation_per_account: Limit::per_minutes(3, 60),
            email_change_per_user: Limit::per_minutes(5, 60),
            link_failures_per_user: Limit::per_minutes(5, 60),
            password_per_user: Limit::per_minutes(5, 15),
        }
    }
}

impl Config {
    /// Today's date where residents are: the server's local date (it runs in the
    /// companies' time zone), unless fixed.
    pub fn today(&self) -> chrono::NaiveDate {
        self.fixed_today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field("public_url", &self.public_url)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("static_dir", &self.static_dir)
            .field("env", &self.env)
            .field("demo", &self.demo)
            .field("metrics", &self.metrics_token.as_ref().map(|_| "token set"))
            .field("payments", &self.payments)
            .finish_non_exhaustive()
    }
}

/// A start-up error naming the variable at fault.
#[derive(Debug, thiserror::Error)]
#[error("{var}: {message}")]
pub struct ConfigError {
    pub var: &'static str,
    pub message: String,
}

pub(crate) fn bad(var: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        var,
        message: message.into(),
    }
}

pub(crate) fn var(name: &'static str) -> Result<Option<String>, ConfigError> {
    match std::env::var(name) {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => Ok(Some(v.trim().to_owned())),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(bad(name, "not valid UTF-8")),
    }
}

impl Config {
    /// Reads the environment, creating the data directory and the JWT secret on first run.
    pub fn from_env() -> Result<Config, ConfigError> {
        let addr: SocketAddr = match var("DOMKOM_ADDR")? {
            Some(v) => v.parse().map_err(|_| {
                bad(
                    "DOMKOM_ADDR",
                    format!("`{v}` is not HOST:PORT, e.g. 127.0.0.1:8080"),
                )
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
        };
        let data_dir = PathBuf::from(var("DOMKOM_DATA_DIR")?.unwrap_or_else(|| "./data".into()));
        crate::private::dir(&data_dir).map_err(|e| {
            bad(
                "DOMKOM_DATA_DIR",
                format!("cannot create {}: {e}", data_dir.display()),
            )
        })?;
        let database_url = match var("DATABASE_URL")? {
            Some(url) if crate::db::Backend::of_url(&url).is_some() => url,
            Some(_) => {
                return Err(bad(
                    "DATABASE_URL",
                    "must start with postgres:// or sqlite://",
                ))
            }
            None => format!("sqlite://{}", data_dir.join("domkom.sqlite3").display()),
        };
        let public_url = match var("DOMKOM_PUBLIC_URL")? {
            Some(url) => {
                url::Url::parse(&url)
                    .map_err(|e| bad("DOMKOM_PUBLIC_URL", format!("not a URL: {e}")))?;
                url.trim_end_matches('/').to_owned()
            }
            None => format!("http://{addr}"),
        };
        let jwt_secret = jwt_secret(&data_dir)?;
        let smtp_url = var("SMTP_URL")?;
        if let Some(url) = &smtp_url {
            crate::mail::check_smtp_url(url).map_err(|m| bad("SMTP_URL", m))?;
        }
        let cors_origins = var("DOMKOM_CORS_ORIGINS")?
            .map(|v| {
                v.split(',')
                    .map(|o| o.trim().to_owned())
                    .filter(|o| !o.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let env = environment()?;
        Ok(Config {
            payments: crate::payments::Settings::from_env(env)?,
            metrics_token: metrics_token()?,
            trusted_proxies: trusted_proxies()?,
            key_rate_bp: key_rate_bp()?,
            site: site_from_env()?,
            addr,
            env,
            demo: demo()?,
            static_dir: PathBuf::from(
                var("DOMKOM_STATIC_DIR")?.unwrap_or_else(|| "frontend/dist".into()),
            ),
            mail_from: var("DOMKOM_MAIL_FROM")?
                .unwrap_or_else(|| "Домком <noreply@domkom.local>".into()),
            data_dir,
            database_url,
            public_url,
            jwt_secret,
            smtp_url,
            cors_origins,
            db_pool_size: db_pool_size()?,
            ..Config::defaults()
        })
    }

    /// Settings that are not read from the environment.
    fn defaults() -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("./data"),
            database_url: String::new(),
            public_url: String::new(),
            jwt_secret: Vec::new(),
            smtp_url: None,
            mail_from: String::new(),
            static_dir: PathBuf::new(),
            cors_origins: Vec::new(),
            db_pool_size: default_pool_size(),
            access_ttl: Duration::from_secs(15 * 60),
            refresh_ttl: Duration::from_secs(30 * 24 * 3600),
            activation_ttl: Duration::from_secs(24 * 3600),
            reset_ttl: Duration::from_secs(3600),
            email_change_ttl: Duration::from_secs(24 * 3600),
            limits: Limits::default(),
            site: Site::default(),
            key_rate_bp: DEFAULT_KEY_RATE_BP,
            env: Environment::Development,
            demo: true,
            fixed_today: None,
            metrics_token: None,
            trusted_proxies: Vec::new(),
            payments: crate::payments::Settings::default(),
        }
    }

    /// A configuration for tests and tools: everything under `data_dir`, any free port.
    pub fn for_data_dir(data_dir: PathBuf, database_url: String) -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            public_url: "http://127.0.0.1".into(),
            jwt_secret: b"a test secret of at least thirty-two bytes".to_vec(),
            mail_from: "Домком <noreply@domkom.local>".into(),
            static_dir: PathBuf::from("frontend/dist"),
            data_dir,
            database_url,
            ..Config::defaults()
        }
    }
}

/// `DOMKOM_JWT_SECRET`, else the one kept in the data directory (created on first start).
fn jwt_secret(data_dir: &std::path::Path) -> Result<Vec<u8>, ConfigError> {
    match var("DOMKOM_JWT_SECRET")? {
        Some(s) if s.len() >= 32 => Ok(s.into_bytes()),
        Some(_) => Err(bad("DOMKOM_JWT_SECRET", "must be at least 32 characters")),
        None => crate::auth::secret::load_or_create(&data_dir.join("jwt-secret")).map_err(|e| {
            bad(
                "DOMKOM_JWT_SECRET",
                format!("cannot read or create <DATA_DIR>/jwt-secret: {e}"),
            )
        }),
    }
}

fn db_pool_size() -> Result<u32, ConfigError> {
    match var("DOMKOM_DB_POOL_SIZE")? {
        Some(v) => v
            .parse()
            .ok()
            .filter(|n| (1..=256).contains(n))
            .ok_or_else(|| bad("DOMKOM_DB_POOL_SIZE", "must be a number from 1 to 256")),
        None => Ok(default_pool_size()),
    }
}

fn key_rate_bp() -> Result<u32, ConfigError> {
    match var("DOMKOM_KEY_RATE")? {
        Some(v) => {
            parse_percent(&v).ok_or_else(|| bad("DOMKOM_KEY_RATE", "a percentage like 16.5"))
        }
        None => Ok(DEFAULT_KEY_RATE_BP),
    }
}

fn environment() -> Result<Environment, ConfigError> {
    match var("DOMKOM_ENV")?.as_deref() {
        None | Some("development") => Ok(Environment::Development),
        Some("production") => Ok(Environment::Production),
        Some(v) => Err(bad(
            "DOMKOM_ENV",
            format!("`{v}`: expected development or production"),
        )),
    }
}

fn demo() -> Result<bool, ConfigError> {
    match var("DOMKOM_DEMO")?.as_deref() {
        None | Some("on") => Ok(true),
        Some("off") => Ok(false),
        Some(v) => Err(bad("DOMKOM_DEMO", format!("`{v}`: expected on or off"))),
    }
}

fn metrics_token() -> Result<Option<String>, ConfigError> {
    match var("DOMKOM_METRICS_TOKEN")? {
        Some(t) if t.len() < 16 || !t.bytes().all(|b| b.is_ascii_graphic()) => Err(bad(
            "DOMKOM_METRICS_TOKEN",
            "at least 16 printable ASCII characters, e.g. from `openssl rand -hex 32`",
        )),
        token => Ok(token),
    }
}

fn trusted_proxies() -> Result<Vec<std::net::IpAddr>, ConfigError> {
    let Some(list) = var("DOMKOM_TRUSTED_PROXIES")? else {
        return Ok(Vec::new());
    };
    list.split(',')
        .map(|ip| {
            ip.trim().parse().map_err(|_| {
                bad(
                    "DOMKOM_TRUSTED_PROXIES",
                    format!("`{ip}` is not an IP address"),
                )
            })
        })
        .collect()
}

/// The footer's operator and support contacts, each checked like the registration form's.
fn site_from_env() -> Result<Site, ConfigError> {
    let defaults = Site::default();
    let support_email = match var("DOMKOM_SUPPORT_EMAIL")? {
        Some(v) if domkom_dto::rules::check_email("email", &v).is_some() => {
            return Err(bad(
                "DOMKOM_SUPPORT_EMAIL",
                format!("`{v}` is not an e-mail address"),
            ))
        }
        Some(v) => v,
        None => defaults.support_email,
    };
    let support_phone = match var("DOMKOM_SUPPORT_PHONE")? {
        Some(v) if domkom_dto::rules::check_phone("phone", &v).is_some() => {
            return Err(bad(
                "DOMKOM_SUPPORT_PHONE",
                format!("`{v}` is not a phone number, e.g. 8 800 123-45-67"),
            ))
        }
        phone => phone,
    };
    Ok(Site {
        operator: var("DOMKOM_OPERATOR_NAME")?.unwrap_or(defaults.operator),
        support_email,
        support_phone,
    })
}

/// 16.5 %: until 1 January 2027 the 9.5 % cap applies anyway.
pub const DEFAULT_KEY_RATE_BP: u32 = 1650;

/// "16.5" or "16,50" → 1650 basis points.
fn parse_percent(s: &str) -> Option<u32> {
    let s = s.trim().replace(',', ".");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac: u32 = format!("{frac:0<2}").parse().ok()?;
    let bp = whole
        .parse::<u32>()
        .ok()?
        .checked_mul(100)?
        .checked_add(frac)?;
    (bp <= 10_000).then_some(bp)
}

/// Hides the password of a URL in logs.
fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Three connections per CPU core: enough to keep the database busy while some requests
/// wait on the network, few enough that they do not fight over the cores.
fn default_pool_size() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    u32::try_from(cores * 3).unwrap_or(256).clamp(4, 256)
}
