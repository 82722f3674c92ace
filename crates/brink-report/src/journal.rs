//! The sweep journal: an append-only JSON-lines file of finished sweep points, so an
//! interrupted sweep resumes where it stopped. One implementation, used by `brink sweep
//! --out FILE` (beside the output, `FILE.sweep.jsonl`) and by the Python package's
//! `brink.sweep(journal=...)` on every backend.
//!
//! Format: a header line with the sweep's key (scenario hash, seed, runs, parameters and
//! points: `brink_app::experiment::Sweep::key`), then one [`SweepRow`] per line, each
//! appended, flushed and fsynced as it finishes. A line cut short by a crash has no newline:
//! it is dropped (the file truncated to its last complete line) when the journal is opened.

use std::io::Write;
use std::path::{Path, PathBuf};

use brink_types::experiment::SweepRow;
use serde_json::Value;

use crate::ReportError;

/// An open journal and the rows it already held.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: std::fs::File,
    /// Rows found when the journal was opened (finished by an earlier run of the sweep).
    pub done: Vec<SweepRow>,
}

/// The journal of a sweep whose table goes to `out`: `out` + `.sweep.jsonl`.
pub fn path_beside(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".sweep.jsonl");
    name.into()
}

impl Journal {
    /// Opens the journal at `path` for the sweep identified by `key`: a new file starts with
    /// the key; an existing one must have been written for the same key (else
    /// [`ReportError::Input`]: another sweep's journal is never mixed in).
    pub fn open(path: &Path, key: &Value) -> Result<Self, ReportError> {
        let io = |e: std::io::Error| ReportError::io(path, e);
        let content = match std::fs::read(path) {
            Ok(content) => content,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io(e)),
        };
        let complete = content.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        if complete == 0 {
            let mut file = std::fs::File::create(path).map_err(io)?;
            writeln!(file, "{key}").and_then(|()| file.sync_data()).map_err(io)?;
            return Ok(Self { path: path.to_owned(), file, done: Vec::new() });
        }
        let text = String::from_utf8_lossy(&content[..complete]);
        let mut lines = text.lines();
        let header: Option<Value> = lines.next().and_then(|line| serde_json::from_str(line).ok());
        if header.as_ref() != Some(key) {
            return Err(ReportError::Input {
                path: path.display().to_string(),
                message: "this journal belongs to a different sweep (scenario, seed, runs or design differ); \
                          remove it or choose another journal"
                    .into(),
            });
        }
        let done = lines.filter_map(|line| serde_json::from_str::<SweepRow>(line).ok()).collect();
        if complete < content.len() {
            let file = std::fs::OpenOptions::new().write(true).open(path).map_err(io)?;
            file.set_len(complete as u64).and_then(|()| file.sync_data()).map_err(io)?;
        }
        let file = std::fs::OpenOptions::new().append(true).open(path).map_err(io)?;
        Ok(Self { path: path.to_owned(), file, done })
    }

    /// Appends a finished row and makes it durable.
    pub fn add(&mut self, row: &SweepRow) -> Result<(), ReportError> {
        let line = serde_json::to_string(row).map_err(|e| ReportError::io(&self.path, e))?;
        writeln!(self.file, "{line}").and_then(|()| self.file.sync_data()).map_err(|e| ReportError::io(&self.path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use brink_types::{Outcomes, Proportion};

    fn row(point: usize) -> SweepRow {
        let p = Proportion { count: 1, p: 0.1, ci95: [0.01, 0.4] };
        SweepRow { point, values: vec![0.5], nuclear_use: p, outcomes: Outcomes::from_fn(|_| p), mean_turns: 3.5 }
    }

    #[test]
    fn resumes_drops_a_cut_line_and_refuses_another_sweep() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sweep.jsonl");
        let key = serde_json::json!({ "seed": 1, "points": [[0.5], [0.7]] });
        let mut journal = Journal::open(&path, &key).unwrap();
        assert!(journal.done.is_empty());
        journal.add(&row(0)).unwrap();
        drop(journal);
        // A crash in the middle of the second row.
        std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"{\"point\":1,\"val").unwrap();
        let mut journal = Journal::open(&path, &key).unwrap();
        assert_eq!(journal.done, vec![row(0)]);
        journal.add(&row(1)).unwrap();
        drop(journal);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 3, "{text}");
        assert_eq!(Journal::open(&path, &key).unwrap().done, vec![row(0), row(1)]);
        let other = serde_json::json!({ "seed": 2, "points": [[0.5], [0.7]] });
        assert!(matches!(Journal::open(&path, &other), Err(ReportError::Input { .. })));
    }
}
