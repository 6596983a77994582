//! The files the server hands out: `index.html` at the root, with the stylesheet inside
//! (made small by `css`), and everything it loads under `/pkg/<build>/`, a directory named
//! by the build's content. A new build is a new address, so the server lets browsers keep
//! `/pkg/` for a year; the modules find each other by relative paths, which stay as
//! wasm-bindgen and the split wrote them.

use crate::wasm::Groups;
use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Where `boot.js` takes each chunk group's files, to fetch those of the page being opened
/// beside the main module.
const CHUNKS_MARK: &str = "%CHUNKS%";
/// Where `index.html` names the build's directory.
const PKG_MARK: &str = "%PKG%";
/// Where `index.html` takes the stylesheet in: no request stands between the page and its
/// first paint.
const STYLE_MARK: &str = "%STYLE%";

/// `boot.js` beside the app's modules, knowing each group's files.
pub fn write_boot(frontend: &Path, stage: &Path, groups: &Groups) -> Result<()> {
    let path = frontend.join("boot.js");
    let boot =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    if !boot.contains(CHUNKS_MARK) {
        bail!("{} has no {CHUNKS_MARK}", path.display());
    }
    std::fs::write(
        stage.join("boot.js"),
        boot.replace(CHUNKS_MARK, &json(groups)),
    )
    .context("writing boot.js")
}

/// `{"group": ["file", …], …}`; the names are the split's, letters, digits and `_.`.
fn json(groups: &Groups) -> String {
    let quoted = |s: &str| format!("\"{s}\"");
    let entries: Vec<String> = groups
        .iter()
        .map(|(group, files)| {
            let files: Vec<String> = files.iter().map(|f| quoted(f)).collect();
            format!("{}: [{}]", quoted(group), files.join(", "))
        })
        .collect();
    format!("{{{}}}", entries.join(", "))
}

/// Replaces `dist` with `index.html`, its stylesheet inside, and the staged files under
/// `pkg/<build>`.
pub fn publish(template: &Path, style: &Path, stage: &Path, dist: &Path) -> Result<()> {
    let html = std::fs::read_to_string(template)
        .with_context(|| format!("reading {}", template.display()))?;
    if !html.contains(PKG_MARK) || !html.contains(STYLE_MARK) {
        bail!(
            "{} has no {PKG_MARK}/ file or no {STYLE_MARK}",
            template.display()
        );
    }
    let css =
        std::fs::read_to_string(style).with_context(|| format!("reading {}", style.display()))?;
    if css.contains("</style") {
        bail!("{} closes the <style> it goes into", style.display());
    }
    let build = build_id(stage)?;
    if dist.exists() {
        std::fs::remove_dir_all(dist).with_context(|| format!("clearing {}", dist.display()))?;
    }
    let pkg = dist.join("pkg");
    std::fs::create_dir_all(&pkg)?;
    std::fs::rename(stage, pkg.join(&build)).context("moving the build into dist/pkg")?;
    std::fs::write(
        dist.join("index.html"),
        html.replace(PKG_MARK, &format!("/pkg/{build}"))
            .replace(STYLE_MARK, &crate::css::minify(&css)?),
    )?;
    Ok(())
}

/// The first 16 hex digits of a SHA-256 over the files' names and contents.
fn build_id(dir: &Path) -> Result<String> {
    let mut files = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    files.sort();
    let mut hash = Sha256::new();
    for file in files {
        hash.update(file.file_name().context("a file name")?.as_encoded_bytes());
        hash.update(std::fs::read(&file)?);
    }
    Ok(hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(dir: &Path, wasm: &str) -> std::path::PathBuf {
        let stage = dir.join(format!("stage-{wasm}"));
        std::fs::create_dir_all(&stage).unwrap();
        std::fs::write(stage.join("app_bg.wasm"), wasm).unwrap();
        stage
    }

    #[test]
    fn the_page_names_the_directory_named_by_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let template = dir.path().join("index.html");
        std::fs::write(
            &template,
            r#"<style>%STYLE%</style><script src="%PKG%/boot.js"></script>"#,
        )
        .unwrap();
        let style = dir.path().join("style.css");
        std::fs::write(&style, "main { flex: 1 }").unwrap();
        let dist = dir.path().join("dist");

        publish(&template, &style, &stage(dir.path(), "one"), &dist).unwrap();
        let first = std::fs::read_to_string(dist.join("index.html")).unwrap();
        let build = first
            .strip_prefix(r#"<style>main{flex: 1}</style><script src="/pkg/"#)
            .and_then(|rest| rest.strip_suffix(r#"/boot.js"></script>"#))
            .unwrap_or_else(|| panic!("{first}"));
        assert_eq!(build.len(), 16);
        assert_eq!(
            std::fs::read_to_string(dist.join("pkg").join(build).join("app_bg.wasm")).unwrap(),
            "one"
        );

        publish(&template, &style, &stage(dir.path(), "two"), &dist).unwrap();
        let second = std::fs::read_to_string(dist.join("index.html")).unwrap();
        assert_ne!(first, second, "another content, another address");
        assert!(
            !dist.join("pkg").join(build).exists(),
            "the old build is gone"
        );
    }

    #[test]
    fn boot_knows_each_groups_files() {
        let dir = tempfile::tempdir().unwrap();
        let (frontend, stage) = (dir.path().join("frontend"), dir.path().join("stage"));
        std::fs::create_dir_all(&frontend).unwrap();
        std::fs::create_dir_all(&stage).unwrap();
        std::fs::write(frontend.join("boot.js"), "const CHUNKS = %CHUNKS%;").unwrap();
        let groups = Groups::from([
            (
                "care".into(),
                vec!["chunk_7.wasm".into(), "split_care.wasm".into()],
            ),
            ("money".into(), vec!["split_money.wasm".into()]),
        ]);
        write_boot(&frontend, &stage, &groups).unwrap();
        assert_eq!(
            std::fs::read_to_string(stage.join("boot.js")).unwrap(),
            r#"const CHUNKS = {"care": ["chunk_7.wasm", "split_care.wasm"], "money": ["split_money.wasm"]};"#
        );

        std::fs::write(frontend.join("boot.js"), "const CHUNKS = {};").unwrap();
        assert!(write_boot(&frontend, &stage, &groups).is_err());
    }

    #[test]
    fn a_page_that_names_no_build_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let template = dir.path().join("index.html");
        let style = dir.path().join("style.css");
        std::fs::write(&style, "p { margin: 0 }").unwrap();
        for page in [
            "<p>no scripts</p>",
            r#"<script src="%PKG%/boot.js"></script>"#,
        ] {
            std::fs::write(&template, page).unwrap();
            let refused = publish(
                &template,
                &style,
                &stage(dir.path(), "x"),
                &dir.path().join("dist"),
            );
            assert!(refused.is_err(), "{page}");
        }
    }
}
