//! Every file compressed once, at build time (brotli quality 11 and gzip level 9 beside it,
//! which the server sends as they are), and the report of raw, gzip and brotli sizes held
//! against the budgets for a phone.

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A size in brotli bytes a phone's download may not pass: a build over it fails.
struct Budget {
    what: &'static str,
    limit: u64,
}

/// Everything the sign-in page downloads before it is usable.
const FIRST_PAGE: Budget = Budget {
    what: "the sign-in page",
    limit: 150 * 1024,
};
/// One section's chunk, or a chunk the sections share.
const CHUNK: Budget = Budget {
    what: "the largest chunk",
    limit: 120 * 1024,
};
/// The whole app, every file together.
const TOTAL: Budget = Budget {
    what: "the whole app",
    limit: 450 * 1024,
};

impl Budget {
    /// Prints the line of the report; the error when the budget is passed.
    fn judge(&self, size: u64) -> Option<String> {
        let over = size > self.limit;
        println!(
            "{}: {} brotli; budget {}: {}",
            self.what,
            kib(size),
            kib(self.limit),
            if over { "over" } else { "within" }
        );
        over.then(|| format!("{} {} > {}", self.what, kib(size), kib(self.limit)))
    }
}

pub fn compress_all(dist: &Path) -> Result<()> {
    for file in originals(dist)? {
        let data = std::fs::read(&file)?;
        std::fs::write(with_suffix(&file, "br"), brotli(&data)?)?;
        std::fs::write(with_suffix(&file, "gz"), gzip(&data)?)?;
    }
    Ok(())
}

fn brotli(data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
    Ok(out)
}

fn gzip(data: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    encoder.write_all(data)?;
    Ok(encoder.finish()?)
}

/// One file's sizes in bytes.
struct Sizes {
    name: String,
    raw: u64,
    gzip: u64,
    brotli: u64,
    /// Fetched only when a section is first opened.
    chunk: bool,
}

/// Prints the report; fails when a budget is exceeded.
pub fn check(dist: &Path) -> Result<()> {
    let files = measure(dist)?;
    if files.is_empty() {
        bail!("{} holds no build: run spa-build first", dist.display());
    }
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for f in &files {
        let kind = if f.chunk { "  (chunk)" } else { "" };
        println!(
            "{:<44} {:>10} {:>10} {:>10}{kind}",
            f.name, f.raw, f.gzip, f.brotli
        );
    }
    let first: u64 = files.iter().filter(|f| !f.chunk).map(|f| f.brotli).sum();
    let total: u64 = files.iter().map(|f| f.brotli).sum();
    let largest = files.iter().filter(|f| f.chunk).map(|f| f.brotli).max();
    println!(
        "{} files, {} of them chunks fetched when a section is first opened",
        files.len(),
        files.iter().filter(|f| f.chunk).count()
    );
    let over: Vec<String> = [
        FIRST_PAGE.judge(first),
        CHUNK.judge(largest.unwrap_or(0)),
        TOTAL.judge(total),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !over.is_empty() {
        bail!("over the budget: {}", over.join("; "));
    }
    Ok(())
}

fn measure(dist: &Path) -> Result<Vec<Sizes>> {
    let mut files = originals(dist)?
        .into_iter()
        .map(|file| {
            let size = |path: &Path| {
                std::fs::metadata(path)
                    .map(|m| m.len())
                    .with_context(|| format!("{} (run spa-build again)", path.display()))
            };
            let name = file.strip_prefix(dist)?.to_string_lossy().into_owned();
            let base = file.file_name().map(|n| n.to_string_lossy().into_owned());
            Ok(Sizes {
                chunk: base.is_some_and(|n| {
                    n.ends_with(".wasm") && (n.starts_with("split_") || n.starts_with("chunk_"))
                }),
                raw: size(&file)?,
                gzip: size(&with_suffix(&file, "gz"))?,
                brotli: size(&with_suffix(&file, "br"))?,
                name,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    files.sort_by(|a, b| (a.chunk, &a.name).cmp(&(b.chunk, &b.name)));
    Ok(files)
}

/// The files under `dir`, not their compressed copies.
fn originals(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if !dir.exists() {
        return Ok(out);
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(originals(&path)?);
        } else if !path.extension().is_some_and(|e| e == "br" || e == "gz") {
            out.push(path);
        }
    }
    Ok(out)
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Bytes no compressor can shrink (a linear congruential generator's high bytes).
    fn noise(len: usize) -> Vec<u8> {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        (0..len)
            .map(|_| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                (x >> 56) as u8
            })
            .collect()
    }

    #[test]
    fn each_copy_holds_the_original() {
        let dist = tempfile::tempdir().unwrap();
        let text = "Начисления за ноябрь. ".repeat(500);
        std::fs::create_dir_all(dist.path().join("pkg/x")).unwrap();
        std::fs::write(dist.path().join("pkg/x/app.js"), &text).unwrap();
        compress_all(dist.path()).unwrap();
        let file = dist.path().join("pkg/x/app.js");
        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(
            &mut &std::fs::read(with_suffix(&file, "br")).unwrap()[..],
            &mut unbrotlied,
        )
        .unwrap();
        let mut ungzipped = String::new();
        flate2::read::GzDecoder::new(&std::fs::read(with_suffix(&file, "gz")).unwrap()[..])
            .read_to_string(&mut ungzipped)
            .unwrap();
        assert_eq!(unbrotlied, text.as_bytes());
        assert_eq!(ungzipped, text);
        assert_eq!(
            originals(dist.path()).unwrap(),
            vec![file],
            "copies are not originals"
        );
        check(dist.path()).unwrap();
    }

    #[test]
    fn a_first_page_over_its_limit_fails_the_build_and_a_chunk_does_not_count_to_it() {
        let dist = tempfile::tempdir().unwrap();
        let pkg = dist.path().join("pkg/x");
        std::fs::create_dir_all(&pkg).unwrap();
        // Just within the first page's limit, with a chunk beside it.
        std::fs::write(
            pkg.join("app_bg.wasm"),
            noise(FIRST_PAGE.limit as usize - 2048),
        )
        .unwrap();
        std::fs::write(pkg.join("split_money.wasm"), noise(100 * 1024)).unwrap();
        compress_all(dist.path()).unwrap();
        check(dist.path()).unwrap();

        std::fs::write(pkg.join("style.css"), noise(4096)).unwrap();
        compress_all(dist.path()).unwrap();
        let error = check(dist.path()).unwrap_err().to_string();
        assert!(error.contains("the sign-in page"), "{error}");
        assert!(!error.contains("chunk"), "{error}");
    }

    #[test]
    fn a_chunk_over_its_limit_fails_the_build() {
        let dist = tempfile::tempdir().unwrap();
        std::fs::write(
            dist.path().join("chunk_3.wasm"),
            noise(CHUNK.limit as usize + 1024),
        )
        .unwrap();
        compress_all(dist.path()).unwrap();
        let error = check(dist.path()).unwrap_err().to_string();
        assert!(error.contains("the largest chunk"), "{error}");
    }

    #[test]
    fn a_build_not_made_is_an_error() {
        let dist = tempfile::tempdir().unwrap();
        assert!(check(&dist.path().join("dist")).is_err());
    }
}
