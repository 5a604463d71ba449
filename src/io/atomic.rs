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

/// The prefix of the temporary files the writer makes: `.dealbench-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".dealbench-";
/// The suffix of the temporary files the writer makes.
const TEMP_SUFFIX: &str = ".tmp";
/// How old a leftover temporary file must be before a later save removes it. A save takes
/// well under a second, so a temporary file this old belongs to a save that was killed, not to
/// one still running in another process.
pub const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// Writes `path` atomically: `write` fills a temporary file in the same folder, which is
/// flushed, synced and renamed over the target. The target is the old file or the complete new
/// one, never a half-written mix; on any error the old file is untouched.
///
/// When `path` is a symbolic link, the file it points to is written (in that file's folder) and
/// the link stays a link; the backup is kept beside that file.
///
/// The new file keeps the old one's permissions (a new file gets the usual `0644` on Unix).
/// With [`Backup::Keep`] the old file is first copied to [`backup_path`], itself atomically
/// (a temporary copy renamed into place), so the backup is the whole old file or the previous
/// backup, never a truncated copy.
///
/// Before writing, leftover temporary files of crashed saves in the folder are removed: only
/// regular files named `.dealbench-*.tmp` (the writer's own names) last modified more than
/// [`STALE_TEMP_AGE`] ago.
pub fn write_atomically(
    path: &Path,
    backup: Backup,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let resolved = resolve_link(path)?;
    let path = resolved.as_path();
    let folder = folder_of(path);
    remove_stale_temp_files(folder);
    let mut temp = new_temp_file(folder)?;
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
        copy_atomically(path, &backup_path(path))?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    sync_folder(folder);
    Ok(())
}

/// A temporary file of the writer's own name pattern in `folder`.
fn new_temp_file(folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(folder)
}

/// The file a save of `path` writes: `path` itself, or the file a symbolic link points to (so
/// that the link is kept and its target updated). A dangling link resolves to the path it
/// names, which is then created.
fn resolve_link(path: &Path) -> std::io::Result<PathBuf> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_owned());
    }
    match std::fs::canonicalize(path) {
        Ok(target) => Ok(target),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A link to a file not yet there: one level, relative to the link's folder.
            let target = std::fs::read_link(path)?;
            Ok(folder_of(path).join(target))
        }
        Err(e) => Err(e),
    }
}

/// Copies `from` to `to` through a temporary file in `to`'s folder, synced and renamed into
/// place: `to` is either its old content or the whole copy.
fn copy_atomically(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut temp = new_temp_file(folder_of(to))?;
    let mut source = std::fs::File::open(from)?;
    std::io::copy(&mut source, temp.as_file_mut())?;
    temp.as_file()
        .set_permissions(source.metadata()?.permissions())?;
    temp.as_file().sync_all()?;
    temp.persist(to).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the temporary files that killed saves left in `folder` (see [`write_atomically`]
/// for the rule). Best effort: a file that cannot be removed is left, and the save goes on.
fn remove_stale_temp_files(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        // `DirEntry::metadata` does not follow links: a link with that name is left alone.
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        let stale = metadata
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        if metadata.is_file() && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
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

    #[cfg(unix)]
    #[test]
    fn saving_through_a_link_writes_its_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real_dir = dir.path().join("real");
        std::fs::create_dir(&real_dir).unwrap();
        let target = real_dir.join("deal.ron");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink("real/deal.ron", &link).unwrap();

        write_atomically(&link, Backup::Keep, |w| w.write_all(b"new")).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        // The backup is kept beside the file it copies, not beside the link.
        assert_eq!(
            std::fs::read_to_string(backup_path(&target)).unwrap(),
            "old"
        );
        assert!(!backup_path(&link).exists());
        let mut names: Vec<_> = std::fs::read_dir(&real_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["deal.ron", "deal.ron.bak"],
            "no temporary file left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_creates_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink("deal.ron", &link).unwrap();
        write_atomically(&link, Backup::Keep, |w| w.write_all(b"first")).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("deal.ron")).unwrap(),
            "first"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_backup_is_replaced_by_a_rename_not_rewritten_in_place() {
        // A copy written in place over the old backup would change every hard link to it; a
        // rename gives the backup a new file and leaves the linked one whole.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deal.ron");
        std::fs::write(&path, "current").unwrap();
        std::fs::write(backup_path(&path), "older backup").unwrap();
        let witness = dir.path().join("witness");
        std::fs::hard_link(backup_path(&path), &witness).unwrap();

        write_atomically(&path, Backup::Keep, |w| w.write_all(b"next")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "next");
        assert_eq!(
            std::fs::read_to_string(backup_path(&path)).unwrap(),
            "current"
        );
        assert_eq!(std::fs::read_to_string(&witness).unwrap(), "older backup");
    }

    #[test]
    fn stale_temporary_files_of_killed_saves_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = std::time::SystemTime::now() - STALE_TEMP_AGE * 2;
        let make = |name: &str, modified: Option<std::time::SystemTime>| {
            let path = dir.path().join(name);
            let file = std::fs::File::create(&path).unwrap();
            if let Some(modified) = modified {
                file.set_modified(modified).unwrap();
            }
            path
        };
        let stale = make(".dealbench-a1B2c3.tmp", Some(old));
        // A save running right now in another process: too young to be removed.
        let fresh = make(".dealbench-d4E5f6.tmp", None);
        // Not the writer's name: never touched, however old.
        let foreign = make(".other-a1B2c3.tmp", Some(old));
        let near_miss = make(".dealbench-a1B2c3.tmp.keep", Some(old));

        write_atomically(&dir.path().join("out.csv"), Backup::None, |w| {
            w.write_all(b"x")
        })
        .unwrap();
        assert!(!stale.exists(), "a leftover of a killed save is removed");
        assert!(fresh.exists() && foreign.exists() && near_miss.exists());
    }
}
