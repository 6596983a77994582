//! Starts the real application on a free port with a fresh database (a temporary SQLite file,
//! or a new PostgreSQL database) and talks to it through the typed client.

use base64::Engine;
use diesel::{Connection, RunQueryDsl};
use domkom_client::{dto, Client};
use domkom_server::config::Config;
use std::path::Path;

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const PASSWORD: &str = "secret123";

pub struct TestApp {
    pub base: String,
    /// The app's own pool, for setting up what only the command line creates (admins).
    pub pool: domkom_server::db::DbPool,
    pub client: Client,
    pub data_dir: tempfile::TempDir,
    database_url: String,
    jobs: domkom_server::jobs::Runner,
    /// Dropped with the app: removes the PostgreSQL database.
    _pg: Option<PgDatabase>,
}

/// Runs each named `async fn(TestApp)` once on SQLite and once on PostgreSQL; after
/// `today = "YYYY-MM-DD";` the app's calendar is fixed to that date.
#[macro_export]
macro_rules! on_both_backends {
    (today = $today:literal; $($name:ident),* $(,)?) => {
        $crate::on_both_backends!(@apps |c: &mut domkom_server::config::Config| {
            c.fixed_today = Some($today.parse().expect("a YYYY-MM-DD date"));
        }; $($name),*);
    };
    (@apps $tune:expr; $($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $name() {
                let app = $crate::helpers::TestApp::spawn_with($crate::helpers::Backend::Sqlite, $tune).await;
                super::$name(app.expect("SQLite is always available")).await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $name() {
                if let Some(app) = $crate::helpers::TestApp::spawn_with($crate::helpers::Backend::Postgres, $tune).await {
                    super::$name(app).await;
                }
            })*
        }
    };
    ($($name:ident),* $(,)?) => {
        $crate::on_both_backends!(@apps |_: &mut domkom_server::config::Config| {}; $($name),*);
    };
}

impl TestApp {
    /// `None` only for PostgreSQL when it is not configured outside CI (the skip is printed).
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(backend: Backend, tune: impl FnOnce(&mut Config)) -> Option<TestApp> {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let (url, pg) = match backend {
            Backend::Sqlite => (
                format!(
                    "sqlite://{}",
                    data_dir.path().join("test.sqlite3").display()
                ),
                None,
            ),
            Backend::Postgres => {
                let pg = PgDatabase::create()?;
                (pg.url.clone(), Some(pg))
            }
        };
        let mut config = Config::for_data_dir(data_dir.path().to_path_buf(), url.clone());
        config.db_pool_size = 4;
        // The portal's own address, known before it starts: the sandbox acquirer posts
        // its notifications there.
        let port = free_port();
        config.addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        config.public_url = format!("http://127.0.0.1:{port}");
        tune(&mut config);
        let (base, pool, jobs) = serve(config);
        Some(TestApp {
            client: Client::new(&base),
            base,
            pool,
            jobs,
            data_dir,
            database_url: url,
            _pg: pg,
        })
    }

    pub fn is_postgres(&self) -> bool {
        self._pg.is_some()
    }

    /// A second server instance on the same database, as behind a load balancer: its
    /// base URL.
    pub fn another_instance(&self) -> String {
        let mut config = Config::for_data_dir(
            self.data_dir.path().to_path_buf(),
            self.database_url.clone(),
        );
        config.db_pool_size = 4;
        serve(config).0
    }

    /// The app's job runner, to run what is due on the calling thread.
    pub fn runner(&self) -> domkom_server::jobs::Runner {
        self.jobs.clone()
    }

    /// What the server's command line is given: its database and data directory.
    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    /// Another client of the same server, with no session.
    pub fn new_client(&self) -> Client {
        Client::new(&self.base)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The token from the newest letter to `to` whose link goes to `route` (e.g. `/activate`).
    pub fn token_from_mail(&self, to: &str, route: &str) -> String {
        last_token(&self.data_dir.path().join("outbox"), to, route)
            .unwrap_or_else(|| panic!("no letter to {to} with a link to {route}"))
    }

    pub fn mail_count(&self, to: &str) -> usize {
        letters(&self.data_dir.path().join("outbox"))
            .into_iter()
            .filter(|l| l.contains(&format!("To: {to}")))
            .count()
    }

    /// Registers and activates `login`; returns the form used.
    pub async fn registered(&self, login: &str) -> dto::Register {
        let form = register_form(login);
        self.client.register(&form).await.expect("register");
        let token = self.token_from_mail(&form.email, "/activate");
        self.client.activate(&token).await.expect("activate");
        form
    }

    /// A client signed in as a new active resident.
    pub async fn signed_in(&self, login: &str) -> (Client, dto::TokenResponse) {
        let form = self.registered(login).await;
        let client = self.new_client();
        let tokens = client
            .login(&form.login, &form.password)
            .await
            .expect("login");
        (client, tokens)
    }
}

impl TestApp {
    /// A signed-in platform administrator, created as `domkom create-admin` does.
    pub async fn admin(&self) -> Client {
        let form = register_form("admin");
        let pool = self.pool.clone();
        let hash = domkom_server::auth::password::hash(PASSWORD).unwrap();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().unwrap();
            domkom_server::db::users::create(&mut conn, &form, &hash, dto::Role::Admin, None)
                .unwrap();
        })
        .await
        .unwrap();
        let client = self.new_client();
        client.login("admin", PASSWORD).await.unwrap();
        client
    }

    /// A new organization (INN made from `n`) and a signed-in operator of it.
    pub async fn operator(&self, admin: &Client, n: u32) -> (Client, dto::Organization) {
        let org = admin.create_organization(&organization(n)).await.unwrap();
        let login = format!("operator{n}");
        let form = register_form(&login);
        let new = dto::NewOperator {
            organization_id: org.id,
            login: form.login,
            email: form.email,
            full_name: "Оператор Ольга Петровна".into(),
            phone: form.phone,
            password: form.password,
        };
        admin.create_operator(&new).await.unwrap();
        let client = self.new_client();
        client.login(&login, PASSWORD).await.unwrap();
        (client, org)
    }
}

/// Real-looking requisites; `n` makes the INN unique.
pub fn organization(n: u32) -> dto::OrganizationData {
    dto::OrganizationData {
        kind: dto::OrganizationKind::Uk,
        name: format!("ООО «УК Домовой-{n}»"),
        inn: format!("77{n:08}"),
        kpp: "770101001".into(),
        ogrn: "1157746000000".into(),
        address: "г. Москва, ул. Примерная, д. 1".into(),
        phone: "+7 495 123-45-67".into(),
        email: format!("uk{n}@example.ru"),
        site: "https://uk.example.ru".into(),
        hours: "пн–пт 9:00–18:00".into(),
        bank: dto::BankDetails {
            account: "40702810938000012345".into(),
            bank_name: "ПАО Сбербанк".into(),
            bic: "044525225".into(),
            corr_account: "30101810400000000225".into(),
        },
        settings: Default::default(),
    }
}

pub fn register_form(login: &str) -> dto::Register {
    dto::Register {
        login: login.into(),
        email: format!("{login}@example.ru"),
        full_name: "Иванов Иван Иванович".into(),
        phone: "+7 912 345-67-89".into(),
        password: PASSWORD.into(),
    }
}

/// Starts the app of `config` on a free port: its base URL, its pool and its job runner.
fn serve(
    config: Config,
) -> (
    String,
    domkom_server::db::DbPool,
    domkom_server::jobs::Runner,
) {
    let state = domkom_server::prepare(config).expect("prepare the app");
    let (pool, jobs) = (state.pool.clone(), state.jobs.clone());
    let app = domkom_server::Application::build(state).expect("build the app");
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.into_server());
    (base, pool, jobs)
}

/// The (field, code) pairs of a refusal, in order.
pub fn field_codes(e: &domkom_client::Error) -> Vec<(&str, &str)> {
    e.problem()
        .map(|p| {
            p.errors
                .iter()
                .map(|f| (f.field.as_str(), f.code.as_str()))
                .collect()
        })
        .unwrap_or_default()
}

/// Every letter of the outbox, decoded, oldest first.
pub fn letters(outbox: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(outbox) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| (e.metadata().and_then(|m| m.modified()).ok(), e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|(_, path)| decode_letter(&std::fs::read_to_string(path).unwrap_or_default()))
        .collect()
}

/// The headers as they are plus every base64 body part decoded.
pub fn decode_letter(raw: &str) -> String {
    let mut out = String::new();
    let mut in_base64 = false;
    let mut block = String::new();
    for line in raw.lines() {
        if line.eq_ignore_ascii_case("Content-Transfer-Encoding: base64") {
            in_base64 = true;
        } else if in_base64 && line.starts_with("--") {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(block.trim())
                .unwrap_or_default();
            out.push_str(&String::from_utf8_lossy(&bytes));
            block.clear();
            in_base64 = false;
        } else if in_base64 && !line.contains(':') {
            block.push_str(line.trim());
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

pub fn last_token(outbox: &Path, to: &str, route: &str) -> Option<String> {
    last_token_in(&letters(outbox), to, route)
}

/// The token of the last of the decoded `letters` to `to` with a link to `route`.
pub fn last_token_in(letters: &[String], to: &str, route: &str) -> Option<String> {
    let needle = format!("{route}?token=");
    letters
        .iter()
        .filter(|l| l.contains(&format!("To: {to}")))
        .filter_map(|l| {
            let start = l.find(&needle)? + needle.len();
            let token: String = l[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            Some(token)
        })
        .next_back()
}

/// A PostgreSQL database of one test, dropped with it.
pub struct PgDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

impl PgDatabase {
    /// `None` when PostgreSQL is not configured outside CI (the skip is printed).
    pub fn create() -> Option<PgDatabase> {
        let Ok(admin_url) = std::env::var("DOMKOM_TEST_POSTGRES_URL") else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true but DOMKOM_TEST_POSTGRES_URL is not set: the PostgreSQL tests cannot run"
            );
            eprintln!("SKIPPED on PostgreSQL: set DOMKOM_TEST_POSTGRES_URL to run it");
            return None;
        };
        let name = format!(
            "domkom_test_{}",
            domkom_server::auth::secret::generate()
                .to_lowercase()
                .replace(['-', '_'], "")[..16]
                .to_owned()
        );
        let mut conn = diesel::PgConnection::establish(&admin_url)
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at DOMKOM_TEST_POSTGRES_URL: {e}"));
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .expect("create test database");
        let mut url = url::Url::parse(&admin_url).expect("DOMKOM_TEST_POSTGRES_URL is a URL");
        url.set_path(&name);
        // A finished test's server threads may still close their connections while the
        // process exits, when libpq's TLS state is being torn down: plain text on loopback.
        if !url.query_pairs().any(|(key, _)| key == "sslmode") {
            url.query_pairs_mut().append_pair("sslmode", "disable");
        }
        Some(PgDatabase {
            admin_url,
            url: url.to_string(),
            name,
        })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut conn) = diesel::PgConnection::establish(&self.admin_url) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut conn);
        }
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
