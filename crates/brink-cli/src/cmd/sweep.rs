//! `brink sweep`: a grid or Latin hypercube over scenario parameters, one summary row per point.
//!
//! Resumable: every finished point is appended to a journal beside the output
//! (`FILE.sweep.jsonl`); a rerun with the same design skips the points found there, and the
//! output is rewritten atomically after each point.

use std::path::{Path, PathBuf};

use brink_app::AppError;
use brink_app::experiment::{ParamSpec, Source, Sweep, SweepRequest};
use brink_engine::Outcome;
use brink_report::journal::{self, Journal};
use brink_report::records::{Kind, TableWriter, Value as Cell};
use brink_types::experiment::SweepRow;

use super::experiment::ExperimentFlags;
use super::progress::Progress;
use super::{CmdError, CmdResult, manifest, report_error};

/// Flags of `brink sweep`.
#[derive(Debug, clap::Args)]
pub(crate) struct SweepArgs {
    /// The scenario (bundled name or TOML file).
    scenario: String,
    /// A grid axis: PATH=LOW:HIGH:COUNT (repeatable; the grid is their full product).
    #[arg(long = "grid", value_name = "PATH=a:b:n", conflicts_with_all = ["lhs", "params"])]
    grid: Vec<String>,
    /// A Latin hypercube of N points over the --param ranges.
    #[arg(long, value_name = "N", requires = "params")]
    lhs: Option<usize>,
    /// A range for --lhs: PATH=LOW:HIGH (repeatable).
    #[arg(long = "param", value_name = "PATH=a:b")]
    params: Vec<String>,
    /// Runs per point.
    #[arg(short = 'n', long = "runs", default_value_t = brink_app::experiment::DEFAULT_SWEEP_RUNS)]
    runs: u64,
    /// Write one row per point to FILE (.csv, .jsonl or .parquet); resumable.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: ExperimentFlags,
}

/// Runs `brink sweep`.
pub(crate) fn run(args: SweepArgs) -> CmdResult {
    if args.runs == 0 || args.common.threads == Some(0) {
        return Err(CmdError::BadInput("error: --runs and --threads must be at least 1".into()));
    }
    let request = SweepRequest {
        source: Source::Spec(args.scenario),
        overrides: args.common.overrides,
        grid: args.grid,
        lhs: args.lhs,
        params: args.params,
        runs: Some(args.runs),
        seed: args.common.seed,
        threads: args.common.threads,
    };
    // Checks the scenario, the design and every parameter path before running anything.
    let sweep = request.prepare()?;
    let mut journal = match &args.out {
        Some(out) => Some(Journal::open(&journal::path_beside(out), &sweep.key()).map_err(report_error)?),
        None => None,
    };
    let done = journal.as_mut().map(|j| std::mem::take(&mut j.done)).unwrap_or_default();
    let points = sweep.design.points.len() as u64;
    let progress = Progress::bar(points, "points");
    let mut on_row = |row: &SweepRow, rows: &[SweepRow]| -> Result<(), AppError> {
        let fail = |e: brink_report::ReportError| AppError::bad(e);
        if let Some(journal) = &mut journal {
            journal.add(row).map_err(fail)?;
        }
        if let Some(out) = &args.out {
            write_table(out, &sweep.design.specs, rows, sweep_manifest(&sweep)).map_err(fail)?;
        }
        progress.set(rows.len() as u64);
        Ok(())
    };
    let report = brink_app::experiment::sweep(&sweep, done, &mut (), &mut on_row)?;
    progress.finish();
    if let Some(out) = &args.out {
        // A fully resumed sweep computed nothing: the table is written from the journal.
        write_table(out, &sweep.design.specs, &report.body.points, sweep_manifest(&sweep)).map_err(report_error)?;
    }
    super::print_report(&report, args.common.format, brink_app::experiment::sweep_text)
}

/// The manifest of the sweep table.
fn sweep_manifest(sweep: &Sweep) -> brink_report::Manifest {
    manifest(&sweep.base, &sweep.request.overrides, sweep.config.seed, sweep.config.runs, "sweep")
}

fn write_table(
    out: &Path,
    specs: &[ParamSpec],
    rows: &[SweepRow],
    manifest: brink_report::Manifest,
) -> Result<(), brink_report::ReportError> {
    let mut columns: Vec<(String, Kind)> = vec![("point".into(), Kind::U64)];
    columns.extend(specs.iter().map(|s| (s.path.clone(), Kind::F64)));
    for outcome in Outcome::ALL {
        for (suffix, kind) in
            [("count", Kind::U64), ("p", Kind::F64), ("ci95_low", Kind::F64), ("ci95_high", Kind::F64)]
        {
            columns.push((format!("{}_{suffix}", outcome.name()), kind));
        }
    }
    columns.push(("mean_turns".into(), Kind::F64));
    let borrowed: Vec<(&str, Kind)> = columns.iter().map(|(n, k)| (n.as_str(), *k)).collect();
    let mut table = TableWriter::create(out, &borrowed, manifest)?;
    let mut sorted: Vec<&SweepRow> = rows.iter().collect();
    sorted.sort_by_key(|row| row.point);
    for row in sorted {
        let mut cells = vec![Cell::U64(row.point as u64)];
        cells.extend(row.values.iter().map(|&v| Cell::F64(v)));
        for outcome in Outcome::ALL {
            let o = row.outcomes.get(outcome.name()).copied().unwrap_or(row.nuclear_use);
            cells.push(Cell::U64(o.count));
            cells.extend([Cell::F64(o.p), Cell::F64(o.ci95[0]), Cell::F64(o.ci95[1])]);
        }
        cells.push(Cell::F64(row.mean_turns));
        table.push(&cells)?;
    }
    table.finish()
}
