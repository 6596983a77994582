//! Builds the SPA into `frontend/dist`: the app compiled for the browser and split at its
//! sections (`wasm`), its files named by their content (`assets`), each compressed once with
//! brotli and gzip beside it, and a report of the sizes held against the budgets (`size`).
//!
//! `spa-build` builds; `spa-build report` prints the report of the last build.

mod assets;
mod binaryen;
mod bound;
mod css;
mod fold;
mod imports;
mod size;
mod unused;
mod wasm;

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("spa-build: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let root = workspace_root()?;
    let dist = root.join("frontend/dist");
    match std::env::args().nth(1).as_deref() {
        None | Some("build") => build(&root, &dist),
        Some("report") => size::check(&dist),
        Some(other) => bail!("unknown command {other:?}: use `build` (the default) or `report`"),
    }
}

fn build(root: &Path, dist: &Path) -> Result<()> {
    let started = Instant::now();
    let work = root.join("target/spa");
    let (stage, groups) = wasm::build(root, &work)?;
    let frontend = root.join("frontend");
    assets::write_boot(&frontend, &stage, &groups)?;
    assets::publish(
        &frontend.join("index.html"),
        &frontend.join("style.css"),
        &stage,
        dist,
    )?;
    size::compress_all(dist)?;
    eprintln!(
        "spa-build: built {} in {:.1?}",
        dist.display(),
        started.elapsed()
    );
    size::check(dist)
}

/// The workspace this program was built in: it builds the SPA beside it.
fn workspace_root() -> Result<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .context("the workspace above crates/spa-build")
}
