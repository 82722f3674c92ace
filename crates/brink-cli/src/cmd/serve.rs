//! `brink serve`: the local web page and its JSON API (docs/WEB.md).

use std::io::Write;

use super::{CmdError, CmdResult};

/// Flags of `brink serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on. The default, loopback, is reachable only from this machine;
    /// another address exposes the page to the network (requests must then name that IP).
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on (0 picks a free one and prints it).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Jobs (runs, comparisons, plans) computed at once; later ones queue.
    #[arg(long, default_value_t = 2)]
    jobs: usize,
    /// Most runs one request may ask for (and at most 100 x this many simulated turns,
    /// runs x rules.max_turns).
    #[arg(long, default_value_t = 2_000_000)]
    max_runs: u64,
    /// Worker threads of each run (default: one per core). Results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
}

/// Runs `brink serve` until Ctrl-C.
pub(crate) fn run(args: ServeArgs) -> CmdResult {
    let host = brink_serve::parse_host(&args.host).map_err(|e| CmdError::BadInput(format!("error: {e}")))?;
    if args.jobs == 0 || args.threads == Some(0) || args.max_runs == 0 {
        return Err(CmdError::BadInput("error: --jobs, --threads and --max-runs must be at least 1".into()));
    }
    let limits = brink_serve::Limits {
        max_jobs: args.jobs,
        max_runs: args.max_runs,
        max_run_turns: args.max_runs.saturating_mul(100),
        ..Default::default()
    };
    let config = brink_serve::ServeConfig { host, port: args.port, limits, threads: args.threads };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CmdError::Internal(e.into()))?;
    let served = runtime.block_on(brink_serve::serve(
        config,
        |local| {
            let page =
                if brink_serve::page_built() { "" } else { " (page not built: run scripts/build-web; the API works)" };
            let shown = if local.is_ipv6() { format!("[{}]:{}", local.ip(), local.port()) } else { local.to_string() };
            // Tests and scripts read this line to find the port.
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "brink serve: listening on http://{shown}/{page}");
            if !local.ip().is_loopback() {
                let _ = writeln!(
                    out,
                    "warning: {} is not a loopback address: other machines can reach this page",
                    local.ip()
                );
            }
            let _ = out.flush();
        },
        async {
            let _ = tokio::signal::ctrl_c().await;
        },
    ));
    served.map_err(|e| CmdError::BadInput(format!("error: cannot serve on {}:{}: {e}", args.host, args.port)))
}
