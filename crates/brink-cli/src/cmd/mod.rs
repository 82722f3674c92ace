//! One module per subcommand. Each exposes `XxxArgs` (clap) and `run(args) -> CmdResult`.

use std::process::ExitCode;

use brink_scenario::{Loaded, Override};

pub(crate) mod aftermath;
pub(crate) mod check;
pub(crate) mod compare;
pub(crate) mod effects;
mod experiment;
pub(crate) mod explain;
pub(crate) mod fallout;
pub(crate) mod game;
pub(crate) mod likelihood;
pub(crate) mod plan;
pub(crate) mod progress;
pub(crate) mod report;
pub(crate) mod run;
pub(crate) mod scenarios;
pub(crate) mod schema;
pub(crate) mod sensitivity;
#[cfg(feature = "serve")]
pub(crate) mod serve;
pub(crate) mod shell;
pub(crate) mod solve;
pub(crate) mod strike;
pub(crate) mod sweep;
pub(crate) mod validate;

/// The runs of `brink run` and `brink explain`: `--runs`, `--seed` and `--threads` over the
/// scenario's defaults, each at least 1.
pub(crate) fn run_config(
    loaded: &Loaded,
    runs: Option<u64>,
    seed: Option<u64>,
    threads: Option<usize>,
) -> Result<brink_engine::RunConfig, CmdError> {
    let config = brink_app::run::config(loaded, runs, seed, threads);
    if config.runs == 0 {
        return Err(CmdError::BadInput("error: --runs must be at least 1".into()));
    }
    if threads == Some(0) {
        return Err(CmdError::BadInput("error: --threads must be at least 1".into()));
    }
    Ok(config)
}

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

impl From<brink_app::AppError> for CmdError {
    fn from(err: brink_app::AppError) -> Self {
        match err {
            brink_app::AppError::BadInput(message) => CmdError::BadInput(message),
            brink_app::AppError::Scenario(error) => CmdError::BadInput(error.to_string()),
            other => CmdError::Internal(anyhow::Error::new(other)),
        }
    }
}

pub(crate) use brink_app::manifest;

/// Prints a typed report as pretty JSON or through its text renderer.
pub(crate) fn print_report<B: brink_types::Body>(
    report: &brink_types::Report<B>,
    format: Format,
    text: fn(&brink_types::Report<B>) -> String,
) -> CmdResult {
    let out = match format {
        Format::Json => serde_json::to_string_pretty(report).map_err(|e| CmdError::Internal(e.into()))? + "\n",
        Format::Text => text(report),
    };
    print(&out)
}

/// Writes `text` to stdout; a closed pipe (`brink … | head`) is the reader's choice.
pub(crate) fn print(text: &str) -> CmdResult {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CmdError::Internal(e.into())),
        _ => Ok(()),
    }
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
    Ok(brink_app::load_scenario(spec, overrides)?)
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

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename
/// ([`brink_report::atomic`]: a reader never sees a half-written file, a failure leaves no
/// partial output, and partials of the same target left by a killed process are removed).
/// `flag` names the option in messages.
pub(crate) fn write_file_atomically(path: &std::path::Path, bytes: &[u8], flag: &str) -> CmdResult {
    if path.file_name().is_none() {
        return Err(CmdError::BadInput(format!("error: {flag} {}: not a file name", path.display())));
    }
    brink_report::atomic::write_atomic(path, bytes).map_err(|e| {
        let why = match e {
            brink_report::ReportError::Io { message, .. } => message,
            other => other.to_string(),
        };
        CmdError::BadInput(format!("error: {flag} {}: cannot write: {why}", path.display()))
    })
}
