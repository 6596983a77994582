//! binaryen's tools (`wasm-opt`, `wasm-merge`), found as `WASM_OPT` / `WASM_MERGE` or on
//! the `PATH`; `scripts/setup.sh` installs them.

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;

/// Runs `tool` in `dir` with `args` after the features every module of the app uses
/// (rustc's wasm32 target emits bulk memory and saturating float conversions).
pub fn run(tool: &str, dir: &Path, args: &[&str]) -> Result<()> {
    let var = tool.replace('-', "_").to_uppercase();
    let program = std::env::var(&var).unwrap_or_else(|_| tool.into());
    let output = Command::new(&program)
        .current_dir(dir)
        .args(["--enable-bulk-memory", "--enable-nontrapping-float-to-int"])
        .args(args)
        .output()
        .with_context(|| format!("running {program} (binaryen; scripts/setup.sh installs it)"))?;
    // Their warnings (about the split's name sections, which are stripped) are no news.
    if !output.status.success() {
        bail!(
            "{tool} {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}
