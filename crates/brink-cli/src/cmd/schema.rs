//! `brink schema [KIND]`: the JSON Schema of a result kind (every kind's when none is named),
//! derived from the report types (brink-types). `--list` names the kinds.

use super::{CmdError, CmdResult};

/// Flags of `brink schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct SchemaArgs {
    /// A result kind (run, sweep, compare, …); all kinds when omitted.
    kind: Option<String>,
    /// List the kinds and what each holds.
    #[arg(long)]
    list: bool,
}

/// Runs `brink schema`.
pub(crate) fn run(args: SchemaArgs) -> CmdResult {
    let kinds = brink_types::KINDS;
    if args.list {
        let text: String = kinds.iter().map(|k| format!("{:<12} {}\n", k.name, k.about)).collect();
        return super::print(&text);
    }
    let value = match &args.kind {
        Some(name) => {
            let kind = brink_types::find_kind(name).ok_or_else(|| {
                CmdError::BadInput(format!(
                    "error: unknown result kind `{name}`; expected one of: {}",
                    kinds.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
                ))
            })?;
            (kind.schema)()
        }
        None => serde_json::Value::Object(kinds.iter().map(|k| (k.name.to_owned(), (k.schema)())).collect()),
    };
    super::print(&(serde_json::to_string_pretty(&value).map_err(|e| CmdError::Internal(e.into()))? + "\n"))
}
