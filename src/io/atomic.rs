//! The one atomic writer: every file Dealbench writes (the project, its backup, exports) goes
//! through [`write_atomically`], so a failure or a crash leaves the old file as it was.

use std::io::Write;
use std::path::{Path, PathBuf};

/// How an existing target is kept before it is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backup {
    /// No copy: the old file is replaced.
    None,
    /// The old file is copied to `NAME.bak` beside it first ([`backup_path`]).
    Keep,
}

/// The file the previous version of `path` is kept in: `deal.ron` → `deal.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// The folder a file is written in: its parent, or `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Writes `path` atomically: `write` fills a temporary file in the same folder, which is
/// flushed, synced and renamed over the target. The target is the old file or the complete new
/// one, never a half-written mix; on any error the old file is untouched.
///
/// The new file keeps the old one's permissions (a new file gets the usual `0644` on Unix).
/// With [`Backup::Keep`] the old file is first copied to [`backup_path`].
pub fn write_atomically(
    path: &Path,
    backup: Backup,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let folder = folder_of(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".dealbench-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    {
        let mut writer = std::io::BufWriter::new(temp.as_file_mut());
        write(&mut writer)?;
        writer.flush()?;
    }
    let previous = std::fs::metadata(path).ok().filter(|m| m.is_file());
    match &previous {
        // The temporary file is private; the output gets the old file's permissions.
        Some(previous) => temp.as_file().set_permissions(previous.permissions())?,
        None => set_new_file_permissions(temp.as_file())?,
    }
    temp.as_file().sync_all()?;
    if previous.is_some() && backup == Backup::Keep {
        // A copy, not a rename: the target stays in place until the new file replaces it.
        std::fs::copy(path, backup_path(path))?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    sync_folder(folder);
    Ok(())
}

#[cfg(unix)]
fn set_new_file_permissions(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_new_file_permissions(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Makes the rename durable. Best effort: the file is already complete either way.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_keeps_a_backup_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deal.ron");
        write_atomically(&path, Backup::Keep, |w| w.write_all(b"one")).unwrap();
        assert!(
            !backup_path(&path).exists(),
            "nothing to back up the first time"
        );
        write_atomically(&path, Backup::Keep, |w| w.write_all(b"two")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), "one");
        write_atomically(&path, Backup::None, |w| w.write_all(b"three")).unwrap();
        assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), "one");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let result = write_atomically(&path, Backup::None, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "the temporary file is removed");
    }
}
