//! `brink completions SHELL` and `brink man`: shell completions and man pages generated from
//! the same clap definitions as the parser (clap_complete, clap_mangen), so they cannot drift.

use std::path::PathBuf;

use super::{CmdError, CmdResult};

/// Flags of `brink completions`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell (or elvish).
    shell: clap_complete::Shell,
}

/// Flags of `brink man`.
#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {
    /// Write brink.1 and one page per subcommand (brink-run.1, …) into DIR instead of printing
    /// brink.1 to stdout.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// Prints the completion script for `args.shell` of the command `cmd`.
pub(crate) fn completions(args: CompletionsArgs, mut cmd: clap::Command) -> CmdResult {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "brink", &mut out);
    super::print(&String::from_utf8_lossy(&out))
}

/// Prints the man page of `cmd` (roff), or writes every page into `--dir`.
pub(crate) fn man(args: ManArgs, cmd: clap::Command) -> CmdResult {
    let render = |cmd: clap::Command| -> Result<Vec<u8>, CmdError> {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut out).map_err(|e| CmdError::Internal(e.into()))?;
        Ok(out)
    };
    let Some(dir) = args.dir else {
        return super::print(&String::from_utf8_lossy(&render(cmd)?));
    };
    if !dir.is_dir() {
        return Err(CmdError::BadInput(format!("error: --dir {}: not a directory", dir.display())));
    }
    let mut cmd = cmd;
    // Propagates the global flags (--quiet) into the subcommands' pages.
    cmd.build();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        // The page of `brink run` is named brink-run.1 and titled so.
        let name = format!("brink-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("brink {}", sub.get_name()))
            .version(crate::VERSION);
        super::write_file_atomically(&dir.join(format!("{name}.1")), &render(page)?, "--dir")?;
    }
    super::write_file_atomically(&dir.join("brink.1"), &render(cmd)?, "--dir")
}
