//! The app in chunks, opened as a phone would: every section of the resident's cabinet and
//! of the desk from a cold cache, each fetching its own chunk only when first opened; a
//! chunk that does not arrive leaves «Повторить», which brings it; and the first screen's
//! timings on a slow phone, printed (a benchmark: the sizes' budgets are spa-build's).

use crate::browser::{seed_demo, spawn_app, Browser};
use crate::helpers::TestApp;
use domkom_server::devtools::demo;
use std::collections::BTreeSet;

/// Records, from each page's start, when the first paint's frame and the given elements
/// appear (`window.__marks`, ms since navigation), and which chunks were fetched.
const WATCH: &str = "window.__marks = {}; \
    const watch = ['#boot', '#login-form', '#account-facts', '#account-list']; \
    new MutationObserver(() => { for (const css of watch) { \
        if (!(css in __marks) && document.querySelector(css)) __marks[css] = performance.now(); \
    } }).observe(document, { childList: true, subtree: true });";

/// The wasm files fetched since the page was loaded (the module and the chunks).
async fn fetched_wasm(b: &Browser) -> BTreeSet<String> {
    let names = b
        .client
        .execute(
            "return performance.getEntriesByType('resource') \
                .map(e => e.name.split('/').pop()).filter(n => n.endsWith('.wasm'));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(names).unwrap()
}

/// Waits until `ready` is on the page and nothing in it is loading any more.
async fn settled(b: &Browser, ready: &str) {
    b.find(ready).await;
    b.wait_gone("main .loading").await;
}

/// Forgets the requests made so far, so `api_chain` sees only the next page's.
async fn forget_requests(b: &Browser) {
    b.client
        .execute("performance.clearResourceTimings();", vec![])
        .await
        .unwrap();
}

/// The longest chain of the page's API calls each sent after the one before had answered:
/// how many round trips its data waited for.
async fn api_chain(b: &Browser) -> Vec<String> {
    let entries = b
        .client
        .execute(
            "return performance.getEntriesByType('resource') \
                .filter(e => e.name.includes('/api/v1/')) \
                .map(e => ({ name: e.name.replace(/^.*\\/api\\/v1/, '').replace(/\\?.*$/, ''), \
                             start: e.startTime, end: e.responseEnd }));",
            vec![],
        )
        .await
        .unwrap();
    let mut calls: Vec<(String, f64, f64)> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let time = |key: &str| e[key].as_f64().unwrap();
            (
                e["name"].as_str().unwrap().to_owned(),
                time("start"),
                time("end"),
            )
        })
        .collect();
    calls.sort_by(|a, b| a.1.total_cmp(&b.1));
    // The longest chain ending at each call, over the calls that had answered before it.
    let mut chains: Vec<Vec<String>> = Vec::new();
    for (name, start, _) in &calls {
        let before = calls
            .iter()
            .zip(&chains)
            .filter(|((_, _, end), _)| end <= start)
            .map(|(_, chain)| chain)
            .max_by_key(|chain| chain.len());
        let mut chain = before.cloned().unwrap_or_default();
        chain.push(name.clone());
        chains.push(chain);
    }
    chains.into_iter().max_by_key(Vec::len).unwrap_or_default()
}

/// Opens a section by its link, waits for it and checks its data came in at most two round
/// trips, none of them the session's refresh; returns the wasm files it fetched.
async fn open_section(b: &Browser, link: &str, ready: &str) -> BTreeSet<String> {
    forget_requests(b).await;
    b.click(link).await;
    settled(b, ready).await;
    let chain = api_chain(b).await;
    eprintln!("{link}: API calls one after another {chain:?}");
    assert!(chain.len() <= 2, "{link}: {chain:?}");
    assert!(
        !chain.iter().any(|call| call.starts_with("/auth/")),
        "{link}: the session is not refreshed per page: {chain:?}"
    );
    fetched_wasm(b).await
}

/// The demo data, and the demo resident signed in on a cold cache.
async fn signed_in_resident(b: &Browser, app: &TestApp) -> demo::Summary {
    let summary = seed_demo(app).await;
    b.sign_in(app, &summary.resident_login, &summary.password)
        .await;
    summary
}

#[tokio::test]
async fn every_section_opens_from_a_cold_cache_fetching_its_chunk_when_first_opened() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = spawn_app().await;
    let b = &browser;

    // The sign-in page fetches the module and no chunk.
    b.goto(&app.url("/login")).await;
    b.find("#login-form").await;
    let first = fetched_wasm(b).await;
    assert_eq!(
        first.iter().map(String::as_str).collect::<Vec<_>>(),
        ["app_bg.wasm"],
        "the sign-in page needs no section"
    );
    // Typing in its form brings the routes ahead, for the page after it.
    b.fill("#login-form", "login", "resident").await;
    let mut waited = 0;
    while !fetched_wasm(b).await.contains("split_welcome.wasm") {
        assert!(waited < 100, "the routes come while the form is filled in");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        waited += 1;
    }

    let summary = signed_in_resident(b, &app).await;
    settled(b, "#account-list").await;
    let mut fetched = fetched_wasm(b).await;
    assert!(fetched.contains("split_money.wasm"), "{fetched:?}");
    assert!(!fetched.contains("split_care.wasm"), "{fetched:?}");

    fetched.extend(open_section(b, "#account-list a", "#account-facts").await);
    // Each section from the account's menu: its chunk comes when it is first opened.
    let sections = [
        ("charges", "#period-charges", "split_money.wasm"),
        ("readings", "#readings-title", "split_care.wasm"),
        ("payments", "#payments-title", "split_money.wasm"),
        ("appeals", "#appeal-list", "split_care.wasm"),
        ("service-requests", "#request-list", "split_care.wasm"),
    ];
    for (section, ready, chunk) in sections {
        let link = format!(".section-menu a[href$=\"/{section}\"]");
        let new: BTreeSet<_> = open_section(b, &link, ready)
            .await
            .difference(&fetched)
            .cloned()
            .collect();
        eprintln!("{section}: fetched {new:?}");
        fetched.extend(new);
        assert!(fetched.contains(chunk), "{section}: {fetched:?}");
    }
    assert!(
        !fetched.contains("split_desk.wasm"),
        "a resident never fetches the desk: {fetched:?}"
    );
    let profile = open_section(b, "a[href=\"/profile\"]", "#profile-view").await;
    assert!(
        profile.is_empty(),
        "the profile is in `welcome`: {profile:?}"
    );

    // The desk, which only the staff fetch.
    b.sign_out().await;
    let operator = &summary.organizations[0].operator_login;
    b.sign_in(&app, operator, &summary.password).await;
    settled(b, "#queue").await;
    let mut desk = fetched_wasm(b).await;
    for (section, ready) in [
        ("appeal-topics", "#topics-form"),
        ("service-requests", "#requests-title"),
        ("paid-services", "#services"),
        ("appeals", "#queue"),
    ] {
        let link = format!(".section-menu a[href=\"/desk/{section}\"]");
        desk.extend(open_section(b, &link, ready).await);
    }
    assert!(desk.contains("split_desk.wasm"), "{desk:?}");
    assert!(
        !desk.contains("split_care.wasm"),
        "staff fetch no resident's section: {desk:?}"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_chunk_that_does_not_arrive_leaves_a_retry_which_brings_it() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = spawn_app().await;
    let b = &browser;
    signed_in_resident(b, &app).await;
    settled(b, "#account-list").await;
    b.click("#account-list a").await;
    settled(b, "#account-facts").await;

    // A phone's network drops the readings' chunk.
    b.devtools("Network.enable", serde_json::json!({})).await;
    b.devtools(
        "Network.setBlockedURLs",
        serde_json::json!({ "urls": ["*split_care.wasm*"] }),
    )
    .await;
    b.click(".section-menu a[href$=\"/readings\"]").await;
    b.wait_text(".load-failed", "не загрузился").await;
    // The frame stays: the account's menu still works.
    b.find("#page-title").await;

    b.devtools("Network.setBlockedURLs", serde_json::json!({ "urls": [] }))
        .await;
    b.click(".load-failed button").await;
    settled(b, "#readings-title").await;
    b.wait_gone(".load-failed").await;
    browser.close().await;
}

/// Chromium's emulation of the phone the first screen is budgeted for: 150 ms latency,
/// 4 Mbit/s, the CPU slowed 4×.
async fn slow_phone(b: &Browser) {
    b.devtools("Network.enable", serde_json::json!({})).await;
    b.devtools(
        "Network.emulateNetworkConditions",
        serde_json::json!({
            "offline": false, "latency": 150,
            "downloadThroughput": 4_000_000 / 8, "uploadThroughput": 1_000_000 / 8
        }),
    )
    .await;
    b.devtools(
        "Emulation.setCPUThrottlingRate",
        serde_json::json!({ "rate": 4 }),
    )
    .await;
}

/// The page's timings since navigation, in ms.
async fn timings(b: &Browser) -> serde_json::Value {
    b.client
        .execute(
            "const nav = performance.getEntriesByType('navigation')[0]; \
             const paint = performance.getEntriesByName('first-paint')[0]; \
             const bytes = performance.getEntriesByType('resource') \
                 .concat([nav]).reduce((sum, e) => sum + (e.transferSize || 0), 0); \
             const files = performance.getEntriesByType('resource').map(e => ({ \
                 name: e.name.replace(location.origin, '').replace(/\\/pkg\\/[0-9a-f]+\\//, ''), \
                 start: Math.round(e.startTime), end: Math.round(e.responseEnd) })); \
             return { html: nav.responseEnd, paint: paint && paint.startTime, \
                      marks: window.__marks, transferred: bytes, files };",
            vec![],
        )
        .await
        .unwrap()
}

/// A request the page made, in ms since navigation.
#[derive(Clone, Debug, serde::Deserialize)]
struct Request {
    name: String,
    start: u64,
    end: u64,
}

fn requests(timings: &serde_json::Value) -> Vec<Request> {
    serde_json::from_value(timings["files"].clone()).unwrap()
}

#[tokio::test]
async fn the_first_screen_on_a_slow_phone() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = spawn_app().await;
    let b = &browser;
    let summary = signed_in_resident(b, &app).await;
    settled(b, "#account-list").await;
    b.click("#account-list a").await;
    settled(b, "#account-facts").await;
    let card = b.client.current_url().await.unwrap().to_string();
    b.sign_out().await;

    b.devtools("Network.clearBrowserCache", serde_json::json!({}))
        .await;
    b.devtools(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": WATCH }),
    )
    .await;
    slow_phone(b).await;

    // The sign-in page from a cold cache.
    b.goto(&app.url("/login")).await;
    b.find("#login-form").await;
    let login = timings(b).await;

    // The cabinet's card, signed in, from a cold cache.
    b.devtools("Network.clearBrowserCache", serde_json::json!({}))
        .await;
    b.sign_in(&app, &summary.resident_login, &summary.password)
        .await;
    b.find("#account-list").await;
    b.devtools("Network.clearBrowserCache", serde_json::json!({}))
        .await;
    b.goto(&card).await;
    b.find("#account-facts").await;
    let cabinet = timings(b).await;

    let ms = |v: &serde_json::Value| v.as_f64().map_or("-".into(), |v| format!("{v:.0} ms"));
    println!(
        "slow phone (150 ms, 4 Mbit/s, CPU 4×), cold cache:\n  \
         sign-in page: HTML at {}, first paint {} ({} after the HTML), the form at {}, {} KiB transferred\n  \
         the account's card: first paint {}, the card at {}, {} KiB transferred",
        ms(&login["html"]),
        ms(&login["paint"]),
        ms(&serde_json::json!(
            login["paint"].as_f64().unwrap_or(0.0) - login["html"].as_f64().unwrap_or(0.0)
        )),
        ms(&login["marks"]["#login-form"]),
        login["transferred"].as_f64().unwrap_or(0.0) as u64 / 1024,
        ms(&cabinet["paint"]),
        ms(&cabinet["marks"]["#account-facts"]),
        cabinet["transferred"].as_f64().unwrap_or(0.0) as u64 / 1024,
    );
    // What was fetched when, to see what the card waited for.
    for (page, timings) in [("sign-in page", &login), ("card", &cabinet)] {
        let files: Vec<String> = requests(timings)
            .iter()
            .map(|r| format!("{} {}–{}", r.name, r.start, r.end))
            .collect();
        println!(
            "  {page}'s requests (ms since navigation): {}",
            files.join(", ")
        );
    }
    // The boot script sends the refresh, asks for the card and fetches the card's chunks
    // while the main module downloads, each once: the app takes the refresh's and the
    // card's answers and the chunk loader the files on their way.
    let fetched = requests(&cabinet);
    let once = |name: &str| {
        let found: Vec<&Request> = fetched.iter().filter(|r| r.name == name).collect();
        assert_eq!(found.len(), 1, "{name} once: {fetched:?}");
        found[0].clone()
    };
    for wasm in fetched.iter().filter(|r| r.name.ends_with(".wasm")) {
        once(&wasm.name);
    }
    let main = once("app_bg.wasm");
    let card_api = format!("/api/v1{}", card.trim_start_matches(&app.url("")));
    for early in [
        "/api/v1/auth/refresh",
        card_api.as_str(),
        "split_money.wasm",
    ] {
        let request = once(early);
        assert!(
            request.start < main.end,
            "{early} before the main module is there: {fetched:?}"
        );
    }
    assert!(
        login["paint"].as_f64().is_some(),
        "the sign-in page painted: {login}"
    );
    assert!(
        cabinet["marks"]["#account-facts"].as_f64().is_some(),
        "the card was seen appearing: {cabinet}"
    );
    browser.close().await;
}
