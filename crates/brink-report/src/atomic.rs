//! Atomic output files: written to a temporary file beside the target, renamed into place only
//! when complete. An error or a panic leaves the target untouched (the temporary is removed).
//!
//! The temporary is `.NAME.RANDOM.partial` in the target's directory, held under an exclusive
//! advisory lock while it is written. A process killed outright (`kill -9`, a power cut) cannot
//! remove it; the lock dies with the process, so the next write to the same target removes
//! every unlocked `.NAME.*.partial` it finds (never one another live writer holds).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::ReportError;

/// A file being written; becomes `path` on [`AtomicFile::commit`].
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    writer: BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing what will become `path`.
    pub fn create(path: &Path) -> Result<Self, ReportError> {
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".partial")
            .tempfile_in(&dir)
            .map_err(|e| ReportError::io(path, e))?;
        // Where locks are unsupported (some network file systems) stale files are not detected:
        // without the lock a live writer's file would look stale, so nothing is removed.
        if temp.as_file().try_lock().is_ok() {
            remove_stale_partials(&dir, &name, temp.path());
        }
        Ok(Self { path: path.to_path_buf(), writer: BufWriter::new(temp) })
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes and renames the file into place.
    pub fn commit(self) -> Result<(), ReportError> {
        let path = self.path.clone();
        let temp = self.writer.into_inner().map_err(|e| ReportError::io(&path, e.into_error()))?;
        temp.as_file().sync_all().map_err(|e| ReportError::io(&path, e))?;
        // Temporary files are private (0600); an output is an ordinary file.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o644))
                .map_err(|e| ReportError::io(&path, e))?;
        }
        temp.persist(&path).map_err(|e| ReportError::io(&path, e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// Removes the partial files of target `name` in `dir` left by writers that died (unlocked),
/// except `own`. Errors are ignored: a file that cannot be removed is left as it was.
fn remove_stale_partials(dir: &Path, name: &str, own: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        // `.NAME.` + tempfile's random part (no dots) + `.partial`.
        let Some(middle) = file_name.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".partial")) else {
            continue;
        };
        if middle.is_empty() || middle.contains('.') || entry.path() == own {
            continue;
        }
        let Ok(file) = std::fs::OpenOptions::new().write(true).open(entry.path()) else { continue };
        if file.try_lock().is_ok() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| ReportError::io(path, e))?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_appears_until_commit_and_nothing_remains_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"half a row").unwrap();
        assert!(!target.exists(), "no partial file at the target while writing");
        drop(file); // an interrupted write
        assert!(!target.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "the temporary is removed");

        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"a,b\n1,2\n").unwrap();
        file.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "a,b\n1,2\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A partial file left by a killed writer (unlocked) is removed by the next write to the
    /// same target; a live writer's (locked) and another target's are not.
    #[test]
    fn the_next_write_removes_stale_partials_of_its_own_target_only() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("x.parquet");
        let stale = dir.path().join(".x.parquet.AbC123.partial");
        std::fs::write(&stale, vec![0u8; 4096]).unwrap();
        let other = dir.path().join(".y.parquet.AbC123.partial");
        std::fs::write(&other, b"another target").unwrap();
        let similar = dir.path().join(".x.parquet.manifest.json.AbC123.partial");
        std::fs::write(&similar, b"the sidecar's").unwrap();
        let live = AtomicFile::create(&target).unwrap();
        let live_path = live.writer.get_ref().path().to_path_buf();
        assert!(!stale.exists(), "the stale partial is removed");
        assert!(other.exists() && similar.exists(), "other targets' partials stay");
        // A second writer of the same target leaves the first one's (locked) file alone.
        let second = AtomicFile::create(&target).unwrap();
        assert!(live_path.exists(), "a live writer's partial stays");
        drop(second);
        live.commit().unwrap();
        assert!(target.exists());
    }
}
