//! A headless Chromium session for one test, with helpers that wait like a person would.

use crate::helpers::{free_port, Backend, TestApp};
use domkom_server::devtools::demo;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The real server on a fresh SQLite database, serving the built SPA.
pub async fn spawn_app() -> TestApp {
    let dist = std::env::var("DOMKOM_TEST_STATIC_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../frontend/dist").into());
    let index = std::path::Path::new(&dist).join("index.html");
    assert!(
        index.is_file(),
        "the SPA is not built ({} missing): run scripts/test.sh",
        index.display()
    );
    let port = free_port();
    TestApp::spawn_with(Backend::Sqlite, |c| {
        c.static_dir = dist.into();
        c.addr = ([127, 0, 0, 1], port).into();
        c.public_url = format!("http://127.0.0.1:{port}");
        c.site.support_phone = Some("8 800 555-35-35".into());
    })
    .await
    .expect("SQLite app")
}

/// The demo data (`domkom serve`'s first start) in the app's empty database.
pub async fn seed_demo(app: &TestApp) -> demo::Summary {
    let today = chrono::Local::now().date_naive();
    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || demo::seed(&pool, today))
        .await
        .unwrap()
        .expect("seed the demo data")
        .expect("an empty database")
}

const PATIENCE: Duration = Duration::from_secs(20);

pub struct Browser {
    pub client: Client,
    /// The emulated phone's width, or `None` in a desktop window.
    phone: Option<u32>,
    driver: Child,
    _profile: tempfile::TempDir,
}

/// The phone the tests emulate, unless `DOMKOM_TEST_WINDOW` asks for a desktop window.
const PHONE: (u32, u32) = (390, 844);

/// The narrowest phones in use: every page must lay out on them without sideways scrolling.
const NARROW_PHONES: [u32; 2] = [360, 320];

/// A Chrome DevTools command, sent through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct DevTools {
    cmd: &'static str,
    params: serde_json::Value,
}

impl WebDriverCompatibleCommand for DevTools {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    /// `None` outside CI when Chromium or chromedriver is not installed (the skip is printed).
    pub async fn start() -> Option<Browser> {
        let driver_path = std::env::var("CHROMEDRIVER")
            .ok()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "chromedriver".into());
        let port = free_port();
        let driver = match Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(child) => child,
            Err(e) => {
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "CI=true but chromedriver cannot start ({driver_path}): {e}"
                );
                eprintln!("SKIPPED browser test: chromedriver not found ({e}); scripts/test.sh installs it");
                return None;
            }
        };
        let profile = tempfile::tempdir().unwrap();
        // A phone's 390×844 unless DOMKOM_TEST_WINDOW asks for a desktop window, e.g.
        // `1280,900`. Chromium's window is never narrower than 500 px, so the phone's
        // screen is emulated rather than a window of that size.
        let (window, emulation, phone) = match std::env::var("DOMKOM_TEST_WINDOW") {
            Ok(size) => (size, serde_json::json!({}), None),
            Err(_) => (
                format!("{},{}", PHONE.0, PHONE.1),
                serde_json::json!({
                    "deviceMetrics": { "width": PHONE.0, "height": PHONE.1, "pixelRatio": 1.0 }
                }),
                Some(PHONE.0),
            ),
        };
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", format!("--window-size={window}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "mobileEmulation": emulation,
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let builder =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                    .capabilities(caps.clone())
                    .connect(&url)
                    .await;
            match builder {
                Ok(client) => break client,
                Err(e) if started.elapsed() > PATIENCE => {
                    panic!("chromedriver did not start a browser: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        Some(Browser {
            client,
            phone,
            driver,
            _profile: profile,
        })
    }

    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// Waits for an element to be present and returns it.
    pub async fn find(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => {
                let url = self
                    .client
                    .current_url()
                    .await
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                panic!("`{css}` never appeared on {url}: {e}")
            }
        }
    }

    /// Replaces the value of the form field `name` inside `form`.
    pub async fn fill(&self, form: &str, name: &str, value: &str) {
        let field = self.find(&format!("{form} [name=\"{name}\"]")).await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click `{css}`: {e}"));
    }

    /// The attribute `name` of every element matching `css`, in document order: read in
    /// one script, so a list the page replaces meanwhile is read whole, old or new.
    pub async fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        let script = "return Array.from(document.querySelectorAll(arguments[0]), \
                      e => e.getAttribute(arguments[1]) || '');";
        let values = self
            .client
            .execute(script, vec![css.into(), name.into()])
            .await
            .unwrap_or_else(|e| panic!("cannot read `{name}` of `{css}`: {e}"));
        serde_json::from_value(values).unwrap()
    }

    /// The attribute `name` of the element `css`, once it is present.
    pub async fn attr(&self, css: &str, name: &str) -> String {
        let element = self.find(css).await;
        element
            .attr(name)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("`{css}` has no {name}"))
    }

    /// How many tabs are open.
    pub async fn tabs(&self) -> usize {
        self.client.windows().await.unwrap().len()
    }

    /// Closes the tabs the page opened (a receipt's) and comes back to the page: a
    /// hidden page draws no frames.
    pub async fn close_other_tabs(&self) {
        let main = self.client.window().await.unwrap();
        for tab in self.client.windows().await.unwrap() {
            if tab != main {
                self.client.switch_to_window(tab).await.unwrap();
                self.client.close_window().await.unwrap();
            }
        }
        self.client.switch_to_window(main).await.unwrap();
    }

    pub async fn submit(&self, form: &str) {
        self.find(&format!("{form} button[type=\"submit\"]"))
            .await
            .click()
            .await
            .unwrap();
    }

    /// Signs in through the sign-in page.
    pub async fn sign_in(&self, app: &TestApp, login: &str, password: &str) {
        self.goto(&app.url("/login")).await;
        self.fill("#login-form", "login", login).await;
        self.fill("#login-form", "password", password).await;
        self.submit("#login-form").await;
    }

    /// Signs out with «Выйти» and waits for the sign-in page.
    pub async fn sign_out(&self) {
        self.click("#logout").await;
        self.wait_path("/login").await;
    }

    /// Waits until nothing matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        let started = Instant::now();
        while self.client.find(Locator::Css(css)).await.is_ok() {
            assert!(started.elapsed() < PATIENCE, "`{css}` never went away");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element's text contains `needle`, and returns the text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return text;
            }
            if started.elapsed() > PATIENCE {
                let body = self
                    .client
                    .find(Locator::Css("body"))
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap_or_default();
                panic!("`{css}` never said «{needle}»; it says «{text}»; the page: «{body}»");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn wait_path(&self, path: &str) {
        let started = Instant::now();
        loop {
            let current = self.client.current_url().await.unwrap();
            if current.path() == path {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "never reached {path}; at {current}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element with `id` has the keyboard focus.
    pub async fn wait_focus(&self, id: &str) {
        let started = Instant::now();
        loop {
            let focused = self
                .client
                .execute(
                    "return document.activeElement && document.activeElement.id",
                    vec![],
                )
                .await
                .unwrap();
            if focused.as_str() == Some(id) {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "#{id} never got the focus; #{focused} has it"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Nothing on `page` scrolls sideways and «Выйти» stays on the brand's line: on the
    /// screen the test runs on, then on the 360 and 320 px phones, then back.
    pub async fn fits_the_screen(&self, page: &str) {
        self.assert_laid_out(page, "the test's screen").await;
        for width in NARROW_PHONES {
            self.emulate_phone(Some(width)).await;
            self.assert_laid_out(page, &format!("{width} px")).await;
        }
        self.emulate_phone(self.phone).await;
    }

    async fn assert_laid_out(&self, page: &str, screen: &str) {
        // The layout after the width changed, measured as the page scrolls.
        let measured = self
            .client
            .execute(
                "const d = document.documentElement; \
                 const beside = (a, b) => !a || !b || (a.top < b.bottom && b.top < a.bottom); \
                 const box = css => document.querySelector(css)?.getBoundingClientRect(); \
                 return new Promise(done => requestAnimationFrame(() => done([ \
                     d.scrollWidth, d.clientWidth, beside(box('#logout'), box('.brand'))])));",
                vec![],
            )
            .await
            .unwrap();
        let (scroll, client) = (measured[0].as_i64().unwrap(), measured[1].as_i64().unwrap());
        assert_eq!(
            measured[2],
            serde_json::Value::Bool(true),
            "{page} on {screen}: «Выйти» is not on the brand's line"
        );
        if scroll <= client {
            return;
        }
        self.screenshot(&format!("too-wide-{page}-{screen}")).await;
        // The innermost elements that stick out, to know what to fix.
        let culprits = self
            .client
            .execute(
                "const w = document.documentElement.clientWidth; \
                 return [...document.querySelectorAll('body *')] \
                     .filter(e => e.getBoundingClientRect().right > w + 0.5) \
                     .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > w + 0.5)) \
                     .slice(0, 8) \
                     .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} \
                         (${Math.round(e.getBoundingClientRect().right)} px)`);",
                vec![],
            )
            .await
            .unwrap();
        panic!("{page} scrolls sideways on {screen}: {scroll} px of content in {client} px; {culprits}");
    }

    /// A phone's screen `width` px wide, or the desktop window (`None`).
    async fn emulate_phone(&self, width: Option<u32>) {
        let command = match width {
            Some(width) => DevTools {
                cmd: "Emulation.setDeviceMetricsOverride",
                params: serde_json::json!({
                    "width": width, "height": PHONE.1, "deviceScaleFactor": 1, "mobile": true
                }),
            },
            None => DevTools {
                cmd: "Emulation.clearDeviceMetricsOverride",
                params: serde_json::json!({}),
            },
        };
        self.devtools(command.cmd, command.params).await;
    }

    /// Sends a Chrome DevTools command to the page (network and CPU emulation, blocking
    /// a URL, a script run before each page's own); returns its answer.
    pub async fn devtools(
        &self,
        cmd: &'static str,
        params: serde_json::Value,
    ) -> serde_json::Value {
        self.client
            .issue_cmd(DevTools { cmd, params })
            .await
            .unwrap_or_else(|e| panic!("chromedriver cannot run {cmd}: {e}"))
    }

    /// Saves `<name>.png` into `DOMKOM_TEST_SCREENSHOTS` when it is set, to look at the
    /// pages the test went through.
    pub async fn screenshot(&self, name: &str) {
        let Some(dir) = std::env::var_os("DOMKOM_TEST_SCREENSHOTS") else {
            return;
        };
        let png = self.client.screenshot().await.unwrap();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
