//! # brink-report
//!
//! Everything brink writes for people and tools, at the edge of the system:
//! - [`records`]: per-run records and per-turn trajectories as CSV, JSON lines or Parquet
//!   (chosen by extension), each with a [`Manifest`] (brink version, seed, scenario hash,
//!   overrides, generator), written atomically ([`atomic`]).
//! - [`charts`]: SVG charts that need no fonts installed: outcome probabilities with intervals,
//!   rung occupancy over time, survival curves, sweep curves with bands, policy comparisons,
//!   Sobol indices.
//! - [`html`]: one self-contained HTML report from typed result files.
//! - [`journal`]: the sweep journal (finished points, for resuming).

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod atomic;
pub mod charts;
pub mod html;
pub mod journal;
mod manifest;
pub mod read;
pub mod records;
mod table;

use std::path::Path;

pub use manifest::Manifest;

/// A failure to write or read an output.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A file could not be written or read.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// An output format is not known.
    #[error("{path}: unknown output format; expected a file name ending in {expected}")]
    Format {
        /// The file.
        path: String,
        /// The extensions accepted.
        expected: String,
    },
    /// An input file is not what was expected.
    #[error("{path}: {message}")]
    Input {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl ReportError {
    pub(crate) fn io(path: &Path, error: impl std::fmt::Display) -> Self {
        ReportError::Io { path: path.display().to_string(), message: error.to_string() }
    }
}
