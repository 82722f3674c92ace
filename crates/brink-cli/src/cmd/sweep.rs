//! `brink sweep`: a grid or Latin hypercube over scenario parameters, one summary row per point.
//!
//! Resumable: every finished point is appended to a journal beside the output
//! (`FILE.sweep.jsonl`); a rerun with the same design skips the points found there, and the
//! output is rewritten atomically after each point.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use brink_app::experiment::{SweepDesign, sweep_point};
use brink_engine::{Outcome, RunConfig};
use brink_report::records::{Kind, TableWriter, Value as Cell};
use serde_json::{Value, json};

use brink_app::experiment::{ParamSpec, load_variant};

use super::experiment::ExperimentFlags;
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
    #[arg(short = 'n', long = "runs", default_value_t = 10_000)]
    runs: u64,
    /// Write one row per point to FILE (.csv, .jsonl or .parquet); resumable.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: ExperimentFlags,
}

/// Runs `brink sweep`.
pub(crate) fn run(args: SweepArgs) -> CmdResult {
    let bad = |m: String| CmdError::BadInput(format!("error: {m}"));
    if args.runs == 0 || args.common.threads == Some(0) {
        return Err(bad("--runs and --threads must be at least 1".into()));
    }
    let design = match args.lhs {
        Some(n) => SweepDesign::latin_hypercube(n, &args.params, args.common.seed)?,
        None => SweepDesign::grid(&args.grid)?,
    };
    let (specs, points) = (&design.specs, &design.points);
    // Check the scenario and every parameter path once before running anything.
    let base = load_variant(&args.scenario, &args.common.overrides, &[])?;
    load_variant(&args.scenario, &args.common.overrides, &design.overrides(0))?;

    let design_key = json!({
        "scenario_hash": base.hash, "seed": args.common.seed, "runs": args.runs,
        "params": design.params(), "points": points,
    });
    let journal_path = args.out.as_ref().map(|p| journal_path(p));
    let mut done = match &journal_path {
        Some(path) => read_journal(path, &design_key)?,
        None => Vec::new(),
    };
    let mut journal = match &journal_path {
        Some(path) => Some(open_journal(path, &design_key, done.is_empty())?),
        None => None,
    };
    let config = RunConfig { runs: args.runs, seed: args.common.seed, threads: args.common.threads };
    let bar = std::io::stderr().is_terminal().then(|| indicatif::ProgressBar::new(points.len() as u64));
    for index in 0..points.len() {
        if done.iter().any(|row| row["point"] == index) {
            continue;
        }
        let row = sweep_point(&args.scenario, &args.common.overrides, &design, index, &config, &mut ())?;
        if let (Some(file), Some(path)) = (&mut journal, &journal_path) {
            writeln!(file, "{row}")
                .and_then(|()| file.sync_data())
                .map_err(|e| bad(format!("{}: {e}", path.display())))?;
        }
        done.push(row);
        if let Some(out) = &args.out {
            write_table(
                out,
                specs,
                &done,
                manifest(&base, &args.common.overrides, args.common.seed, args.runs, "sweep"),
            )?;
        }
        if let Some(bar) = &bar {
            bar.set_position(done.len() as u64);
        }
    }
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    done.sort_by_key(|row| row["point"].as_u64());
    let m = manifest(&base, &args.common.overrides, args.common.seed, args.runs, "sweep");
    let report = super::result(
        "sweep",
        &m,
        json!({
            "design": design.kind,
            "params": design.params(),
            "points": done,
        }),
    );
    super::print_result(report, args.common.format, text_table)
}

fn journal_path(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".sweep.jsonl");
    name.into()
}

/// Finished points of a previous run of the same design (an absent journal is empty; a
/// journal of another design is an error; a truncated last line is ignored).
fn read_journal(path: &Path, design_key: &Value) -> Result<Vec<Value>, CmdError> {
    let Ok(file) = std::fs::File::open(path) else { return Ok(Vec::new()) };
    let mut lines = std::io::BufReader::new(file).lines();
    let header: Option<Value> = lines.next().and_then(Result::ok).and_then(|l| serde_json::from_str(&l).ok());
    if header.as_ref() != Some(design_key) {
        return Err(CmdError::BadInput(format!(
            "error: {}: this journal belongs to a different sweep (scenario, seed, runs or design differ); remove it or choose another --out",
            path.display()
        )));
    }
    Ok(lines
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<Value>(&l).ok())
        .filter(|row| row.get("point").is_some())
        .collect())
}

fn open_journal(path: &Path, design_key: &Value, fresh: bool) -> Result<std::fs::File, CmdError> {
    let open = || -> std::io::Result<std::fs::File> {
        if fresh {
            let mut file = std::fs::File::create(path)?;
            writeln!(file, "{design_key}")?;
            file.sync_data()?;
            Ok(file)
        } else {
            std::fs::OpenOptions::new().append(true).open(path)
        }
    };
    open().map_err(|e| CmdError::BadInput(format!("error: {}: {e}", path.display())))
}

fn write_table(out: &Path, specs: &[ParamSpec], rows: &[Value], manifest: brink_report::Manifest) -> CmdResult {
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
    let mut table = TableWriter::create(out, &borrowed, manifest).map_err(report_error)?;
    let mut sorted: Vec<&Value> = rows.iter().collect();
    sorted.sort_by_key(|row| row["point"].as_u64());
    let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    for row in sorted {
        let mut cells = vec![Cell::U64(row["point"].as_u64().unwrap_or(0))];
        cells.extend(row["values"].as_array().into_iter().flatten().map(|v| Cell::F64(f(v))));
        for outcome in Outcome::ALL {
            let o = &row["outcomes"][outcome.name()];
            cells.push(Cell::U64(o["count"].as_u64().unwrap_or(0)));
            cells.extend([Cell::F64(f(&o["p"])), Cell::F64(f(&o["ci95"][0])), Cell::F64(f(&o["ci95"][1]))]);
        }
        cells.push(Cell::F64(f(&row["mean_turns"])));
        table.push(&cells).map_err(report_error)?;
    }
    table.finish().map_err(report_error)
}

fn text_table(report: &Value) -> String {
    let params: Vec<&str> = report["params"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let mut out = format!("{} runs per point, seed {}\n\n", report["runs"], report["seed"]);
    for p in &params {
        out += &format!("{p:>24} ");
    }
    out += &format!("{:>10} {:>22}\n", "P(nuclear)", "95% CI");
    for row in report["points"].as_array().into_iter().flatten() {
        for v in row["values"].as_array().into_iter().flatten() {
            out += &format!("{:>24} ", v.as_f64().map_or(String::new(), |x| format!("{x:.4}")));
        }
        let o = &row["nuclear_use"];
        out += &format!(
            "{:>10.5} [{:>9.5}, {:>9.5}]\n",
            o["p"].as_f64().unwrap_or(f64::NAN),
            o["ci95"][0].as_f64().unwrap_or(f64::NAN),
            o["ci95"][1].as_f64().unwrap_or(f64::NAN)
        );
    }
    out
}
