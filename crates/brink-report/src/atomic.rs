//! Atomic output files: written to a temporary file beside the target, renamed into place only
//! when complete. An error or a panic leaves the target untouched (the temporary is removed).

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
}
