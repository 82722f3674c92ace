//! One module per subcommand. Each exposes `XxxArgs` (clap) and `run(args) -> CmdResult`.

use std::process::ExitCode;

use brink_scenario::{Loaded, Override};

pub(crate) mod check;
pub(crate) mod compare;
pub(crate) mod effects;
mod experiment;
pub(crate) mod fallout;
pub(crate) mod lives;
pub(crate) mod report;
pub(crate) mod run;
pub(crate) mod scenarios;
pub(crate) mod sensitivity;
pub(crate) mod solve;
pub(crate) mod strike;
pub(crate) mod sweep;
pub(crate) mod validate;

/// What a subcommand returns: `Ok` or a classified failure.
pub(crate) type CmdResult = Result<(), CmdError>;

/// A failure, classified by who is at fault: the user's input (exit 2) or brink (exit 1); or
/// checks that ran and failed (exit 3).
#[derive(Debug)]
pub(crate) enum CmdError {
    /// Bad input: the message is printed as is, exit code 2.
    BadInput(String),
    /// An internal error, exit code 1.
    Internal(anyhow::Error),
    /// The command ran but some checks failed (`brink validate`): exit code 3.
    ChecksFailed(String),
}

impl From<anyhow::Error> for CmdError {
    fn from(err: anyhow::Error) -> Self {
        CmdError::Internal(err)
    }
}

/// Output format of the reporting commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// A readable table.
    Text,
    /// One JSON object.
    Json,
}

/// The manifest of an output of `loaded` run with `seed` and `runs`.
pub(crate) fn manifest(
    loaded: &Loaded,
    overrides: &[Override],
    seed: u64,
    runs: u64,
    content: &str,
) -> brink_report::Manifest {
    brink_report::Manifest {
        brink_version: env!("CARGO_PKG_VERSION").to_owned(),
        scenario: loaded.scenario.name.clone(),
        scenario_origin: loaded.origin.clone(),
        scenario_hash: loaded.hash.clone(),
        overrides: overrides.iter().map(Override::flag).collect(),
        seed,
        runs,
        generator: brink_engine::stream::GENERATOR.to_owned(),
        content: content.to_owned(),
    }
}

/// A JSON result: its kind and manifest, then `fields` (an object).
pub(crate) fn result(kind: &str, manifest: &brink_report::Manifest, fields: serde_json::Value) -> serde_json::Value {
    let mut report = result_header(kind, manifest);
    if let serde_json::Value::Object(fields) = fields {
        report.extend(fields);
    }
    serde_json::Value::Object(report)
}

/// The fields every JSON result starts with: its kind and its manifest.
fn result_header(kind: &str, manifest: &brink_report::Manifest) -> serde_json::Map<String, serde_json::Value> {
    let mut header = serde_json::Map::new();
    header.insert("kind".into(), kind.into());
    header.insert("brink_version".into(), manifest.brink_version.clone().into());
    header.insert("scenario".into(), manifest.scenario.clone().into());
    header.insert("scenario_origin".into(), manifest.scenario_origin.clone().into());
    header.insert("scenario_hash".into(), manifest.scenario_hash.clone().into());
    header.insert("overrides".into(), manifest.overrides.clone().into());
    header.insert("seed".into(), manifest.seed.into());
    header.insert("runs".into(), manifest.runs.into());
    header.insert("generator".into(), manifest.generator.clone().into());
    header
}

/// Prints a result as pretty JSON or through its text renderer.
pub(crate) fn print_result(
    report: serde_json::Value,
    format: Format,
    text: fn(&serde_json::Value) -> String,
) -> CmdResult {
    use std::io::Write;
    let out = match format {
        Format::Json => serde_json::to_string_pretty(&report).expect("JSON values serialise") + "\n",
        Format::Text => text(&report),
    };
    std::io::stdout().lock().write_all(out.as_bytes()).map_err(|e| CmdError::Internal(e.into()))
}

/// Output errors: a bad path or extension is the user's (exit 2); anything else is IO (exit 1).
pub(crate) fn report_error(error: brink_report::ReportError) -> CmdError {
    match error {
        brink_report::ReportError::Format { .. } | brink_report::ReportError::Input { .. } => {
            CmdError::BadInput(format!("error: {error}"))
        }
        other => CmdError::BadInput(format!("error: {other}")),
    }
}

/// Loads a scenario by bundled name or path (the default when `None`); bad input → exit 2.
pub(crate) fn load_scenario(spec: Option<&str>, overrides: &[Override]) -> Result<Loaded, CmdError> {
    let spec = spec.unwrap_or(brink_scenario::bundled::DEFAULT);
    brink_scenario::load(spec, overrides).map_err(|e| CmdError::BadInput(e.to_string()))
}

/// Prints a failure to stderr and maps it to the documented exit code.
pub(crate) fn finish(result: CmdResult) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CmdError::BadInput(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(CmdError::ChecksFailed(message)) => {
            eprintln!("{message}");
            ExitCode::from(3)
        }
        Err(CmdError::Internal(err)) => {
            eprintln!("internal error: {err:#}");
            ExitCode::from(1)
        }
    }
}
