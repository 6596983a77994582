//! What holds secrets — the SQLite database, the JWT signing key, the outbox's letters with
//! live activation and reset links — is the server's user's alone: files 0600 in
//! directories 0700. (Elsewhere than on Unix the platform's defaults stay.)

use std::io;
use std::path::Path;

/// Creates `path` (with its parents) if need be and makes it the owner's alone.
pub fn dir(path: &Path) -> io::Result<()> {
    std::fs::create_dir_all(path)?;
    set_mode(path, 0o700)
}

/// Makes the file at `path` the owner's alone.
pub fn file(path: &Path) -> io::Result<()> {
    set_mode(path, 0o600)
}

/// Creates the file with `content`, the owner's alone from its first byte; an existing file
/// is an error.
pub fn write_new(path: &Path, content: &[u8]) -> io::Result<()> {
    use std::io::Write;
    owner_only().create_new(true).open(path)?.write_all(content)
}

/// Writes the file whole or not at all, the owner's alone: written beside it as
/// `.<name>.part`, synced, then renamed over it.
pub fn replace(path: &Path, content: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let part = path.with_file_name(format!(".{name}.part"));
    let mut file = owner_only().create(true).truncate(true).open(&part)?;
    file.write_all(content)?;
    file.sync_all()?;
    std::fs::rename(&part, path)
}

/// Options that open for writing a file made 0600.
fn owner_only() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn directories_are_0700_and_new_files_0600() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("var/domkom");
        dir(&data).unwrap();
        assert_eq!(mode(&data), 0o700);
        let key = data.join("jwt-secret");
        write_new(&key, b"secret").unwrap();
        assert_eq!(mode(&key), 0o600);
        assert!(write_new(&key, b"again").is_err(), "never overwritten");
        let letter = data.join("letter.eml");
        replace(&letter, b"first").unwrap();
        replace(&letter, b"second").unwrap();
        assert_eq!(std::fs::read(&letter).unwrap(), b"second");
        assert_eq!(mode(&letter), 0o600);
        assert!(!data.join(".letter.eml.part").exists());
    }
}
