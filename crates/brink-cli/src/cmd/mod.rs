//! One module per subcommand. Each exposes `XxxArgs` (clap) and `run(args) -> CmdResult`.

use std::process::ExitCode;

use brink_scenario::{Loaded, Override};

pub(crate) mod check;
pub(crate) mod effects;
pub(crate) mod fallout;
pub(crate) mod lives;
pub(crate) mod run;
pub(crate) mod scenarios;
pub(crate) mod strike;

/// What a subcommand returns: `Ok` or a classified failure.
pub(crate) type CmdResult = Result<(), CmdError>;

/// A failure, classified by who is at fault: the user's input (exit 2) or brink (exit 1).
#[derive(Debug)]
pub(crate) enum CmdError {
    /// Bad input: the message is printed as is, exit code 2.
    BadInput(String),
    /// An internal error, exit code 1.
    Internal(anyhow::Error),
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
        Err(CmdError::Internal(err)) => {
            eprintln!("internal error: {err:#}");
            ExitCode::from(1)
        }
    }
}
