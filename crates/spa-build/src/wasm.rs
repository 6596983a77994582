//! The app's WebAssembly: compiled with relocations kept, split into the module the sign-in
//! page needs and one chunk per section (the `#[wasm_split]` functions), bound to JS by
//! wasm-bindgen as a library, and each module optimised for size by wasm-opt.

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The JS module wasm-bindgen writes (`app.js`, `app_bg.wasm`).
pub const APP: &str = "app";
/// The JS module that loads the chunks, imported by the main module.
pub const LOADER: &str = "__wasm_split.js";

/// Each chunk group's files (the group's own and those it shares), by group name.
pub type Groups = BTreeMap<String, Vec<String>>;

/// Builds into `work/stage` and returns it, `app.js`, `app_bg.wasm`, the loader and the
/// chunks, with the files each group needs.
pub fn build(root: &Path, work: &Path) -> Result<(PathBuf, Groups)> {
    let input = compile(root)?;
    let split = work.join("split");
    let stage = work.join("stage");
    for dir in [&split, &stage] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).with_context(|| format!("clearing {}", dir.display()))?;
        }
    }
    let (main, mut groups) = split_chunks(&input, &split)?;
    crate::fold::fold_shared_chunks(&split, &mut groups)?;
    bind(&main, &stage)?;
    let mut bound = crate::bound::Bound::open(&stage)?;
    crate::imports::shorten(&mut bound)?;
    crate::unused::remove_classes(&mut bound)?;
    bound.save()?;
    for entry in std::fs::read_dir(&split)? {
        let path = entry?.path();
        if path != main {
            std::fs::copy(&path, stage.join(path.file_name().context("a file name")?))?;
        }
    }
    for entry in std::fs::read_dir(&stage)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "wasm") {
            optimise(&path)?;
        }
    }
    Ok((stage, groups))
}

/// `cargo build` of the app for the browser in the size-optimised profile. The link keeps
/// its relocations (`.cargo/config.toml`), which the split reads.
fn compile(root: &Path) -> Result<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args([
            "build",
            "-p",
            "domkom-web",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
        ])
        .status()
        .context("running cargo")?;
    if !status.success() {
        bail!("cargo build of the app failed");
    }
    Ok(root.join("target/wasm32-unknown-unknown/wasm-release/domkom-web.wasm"))
}

/// Splits the module at its split points; returns the main module's path and the files
/// of each group.
fn split_chunks(input: &Path, dir: &Path) -> Result<(PathBuf, Groups)> {
    let bytes = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    let main = dir.join("main.wasm");
    let main_module = format!("./{APP}.js");
    let link_name = format!("./{LOADER}");
    let mut options = wasm_split_cli_support::Options::new(&bytes);
    options.output_dir = dir;
    options.main_out_path = &main;
    options.main_module = &main_module;
    options.link_name = &link_name;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| anyhow::anyhow!("splitting the module: {e:#}"))?;
    let groups = split
        .prefetch_map
        .into_iter()
        .map(|(group, stems)| (group, stems.into_iter().map(|s| s + ".wasm").collect()))
        .collect();
    Ok((main, groups))
}

/// wasm-bindgen's JS glue for the browser's ES modules; the exports the chunks link against
/// are kept and their names left as the linker wrote them.
fn bind(main: &Path, out: &Path) -> Result<()> {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(main)
        .out_name(APP)
        .web(true)?
        .typescript(false)
        .keep_lld_exports(true)
        .demangle(false)
        .generate(out)
        .context("wasm-bindgen")
}

/// `wasm-opt -O3 -Os` in place: the speed pass's inlining and simplification leave code the
/// size pass then folds further, 7 KiB less brotli for the whole app than `-Oz` alone (and
/// `-Oz` after `-O3` 2 KiB more than that).
fn optimise(path: &Path) -> Result<()> {
    let dir = path.parent().context("a directory")?;
    let file = path
        .file_name()
        .and_then(|f| f.to_str())
        .context("a file name")?;
    // The chunks come out of the split with their names and producers: no use in a browser.
    let args = [
        "-O3",
        "-Os",
        "--strip-debug",
        "--strip-producers",
        file,
        "-o",
        file,
    ];
    crate::binaryen::run("wasm-opt", dir, &args)
}
