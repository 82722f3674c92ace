//! `brink scenarios` and `brink ladders`: what is bundled.

use std::io::Write;

use super::{CmdError, CmdResult};

/// Flags of `brink scenarios`.
#[derive(Debug, clap::Args)]
pub(crate) struct ScenariosArgs {}

/// Lists the bundled scenarios, one line each: name, then its title or question.
pub(crate) fn run(_args: ScenariosArgs) -> CmdResult {
    let mut out = String::new();
    for name in brink_scenario::bundled::names() {
        let loaded = brink_scenario::load_bundled(name, &[])
            .map_err(|e| CmdError::Internal(anyhow::anyhow!("bundled scenario {name} is invalid:\n{e}")))?;
        let marker = if name == brink_scenario::bundled::DEFAULT { " (default)" } else { "" };
        let about = loaded.info.title.or(loaded.info.question).unwrap_or_default();
        out += &format!("{name:<20} {about}{marker}\n");
    }
    std::io::stdout().lock().write_all(out.as_bytes()).map_err(|e| CmdError::Internal(e.into()))
}

/// Flags of `brink ladders`.
#[derive(Debug, clap::Args)]
pub(crate) struct LaddersArgs {
    /// Show the rungs of this preset.
    name: Option<String>,
}

/// Lists the ladder presets, or the rungs of one.
pub(crate) fn ladders(args: LaddersArgs) -> CmdResult {
    let mut out = String::new();
    match args.name {
        None => {
            for preset in brink_scenario::presets::list() {
                out += &format!(
                    "{:<10} {:>3} rungs  {} — {}\n",
                    preset.name,
                    preset.rung_names().len(),
                    preset.title,
                    preset.source
                );
            }
        }
        Some(name) => {
            let preset = brink_scenario::presets::get(&name).ok_or_else(|| {
                CmdError::BadInput(format!(
                    "error: unknown preset `{name}`; expected one of: {}",
                    brink_scenario::presets::names().join(", ")
                ))
            })?;
            out += &format!("{} — {}\nsource: {}\nnotes: {}\n", preset.name, preset.title, preset.source, preset.notes);
            for (index, rung) in preset.rung_names().iter().enumerate() {
                out += &format!("{index:>3}  {rung}\n");
            }
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes()).map_err(|e| CmdError::Internal(e.into()))
}
