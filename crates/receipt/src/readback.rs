//! A PDF read back as a person and a bank would, for tests: its text through poppler's
//! `pdftotext`, and the QR codes of its pages scanned by `pdftoppm` at 300 dpi and decoded
//! by `rqrr`, a decoder independent of the encoder. Each returns `None` when poppler is
//! not installed; under CI (`CI` set) that is a failure instead.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The text, with no-break and narrow spaces as plain spaces.
pub fn text(pdf: &[u8]) -> Option<String> {
    let (_dir, file) = written(pdf);
    let out = run("pdftotext", &[file.as_os_str(), "-".as_ref()])?;
    let text = String::from_utf8(out).expect("pdftotext writes UTF-8");
    Some(text.replace(['\u{a0}', '\u{202f}'], " "))
}

/// The QR codes' texts, page by page.
pub fn qr_codes(pdf: &[u8]) -> Option<Vec<String>> {
    let (dir, file) = written(pdf);
    let stem = dir.path().join("page");
    run(
        "pdftoppm",
        &[
            "-r".as_ref(),
            "300".as_ref(),
            "-gray".as_ref(),
            file.as_os_str(),
            stem.as_os_str(),
        ],
    )?;
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("the scans")
        .map(|e| e.expect("a scan").path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    pages.sort();
    Some(pages.iter().flat_map(|page| decode(page)).collect())
}

fn written(pdf: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).expect("the PDF written");
    (dir, file)
}

fn run(tool: &str, args: &[&std::ffi::OsStr]) -> Option<Vec<u8>> {
    let out = match Command::new(tool).args(args).output() {
        Ok(out) => out,
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{tool} (poppler-utils) does not run: {e}; scripts/setup.sh installs it"
            );
            eprintln!("skipped: {tool} (poppler-utils) is not installed");
            return None;
        }
    };
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(out.stdout)
}

fn decode(page: &Path) -> Vec<String> {
    let scan = std::fs::read(page).expect("a scan");
    let (width, height, pixels) = pgm(&scan);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    image
        .detect_grids()
        .iter()
        .map(|grid| grid.decode().expect("a QR code that decodes").1)
        .collect()
}

/// A binary PGM (`P5`, 8 bits): width, height and the pixels.
fn pgm(bytes: &[u8]) -> (usize, usize, &[u8]) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..at]).expect("a PGM header"));
    }
    assert_eq!((fields[0], fields[3]), ("P5", "255"), "an 8-bit binary PGM");
    let size = |f: &str| f.parse().expect("a PGM size");
    (size(fields[1]), size(fields[2]), &bytes[at + 1..])
}
