//! # brink-serve
//!
//! `brink serve`: a local web page and the JSON API behind it, from one binary (docs/WEB.md).
//!
//! - [`router`] builds the axum router: the API under `/api` (described by the OpenAPI
//!   document served at `/api/openapi.json`, [`openapi`], whose result schemas are derived
//!   from the report types of brink-types) and the page's files, embedded at
//!   build time from `web/dist` by `build.rs` (`assets.rs`), so the server needs no Node.js
//!   and no network at run time.
//! - `guard.rs` refuses requests whose `Host` or `Origin` header names another site (a page
//!   elsewhere, or DNS rebinding, must not drive a server on loopback).
//! - `jobs.rs` runs the Monte Carlo work on blocking threads, at most
//!   [`Limits::max_jobs`] at once; others queue. A job reports progress, and is cancelled by
//!   `DELETE /api/jobs/{id}` or when its client goes away (the response is dropped).
//! - `api.rs` turns requests into calls of `brink-app` and `brink-scenario`: every bad input
//!   is a 400 with a message (scenario problems with their line and column), never a panic.
//! - `fit.rs` reads `POST /api/fit` into `brink fit`'s request (each bad field a 400 naming it,
//!   fits too heavy for a local page refused) and lists the bundled records of observed crises.
//!
//! The numbers are those of `brink run`: the same scenario, overrides, seed and run count
//! give the same summary (everything but `timing`).

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

mod api;
mod assets;
mod controls;
mod error;
mod fit;
mod guard;
mod jobs;

use std::future::IntoFuture;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;

pub use error::ApiError;

/// The paths of the OpenAPI document, the request bodies and the listings (written by hand,
/// tested against [`ROUTES`]); the result and error schemas are not in it: [`openapi`] adds
/// them from the report types.
const OPENAPI_PATHS: &str = include_str!("openapi-paths.json");

/// The OpenAPI 3.1 document of the API (served at `/api/openapi.json`): the paths and
/// requests of `openapi-paths.json`, and the schema of every result kind and of the error
/// document, derived from the types in brink-types (the schemas of `brink schema`).
pub fn openapi() -> serde_json::Value {
    let mut doc: serde_json::Value = serde_json::from_str(OPENAPI_PATHS).expect("openapi-paths.json is valid JSON");
    let mut components = serde_json::Map::new();
    for kind in brink_types::KINDS {
        (kind.openapi)(&mut components);
    }
    brink_types::schema::openapi_schema_of::<brink_types::error::ErrorResponse>(&mut components, "ErrorResponse");
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        schemas.extend(components);
    }
    doc
}

/// Every route the router serves: (method, path as written in the OpenAPI document).
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/health"),
    ("get", "/api/openapi.json"),
    ("get", "/api/scenarios"),
    ("get", "/api/scenarios/{name}"),
    ("post", "/api/check"),
    ("post", "/api/run"),
    ("post", "/api/compare"),
    ("post", "/api/sensitivity"),
    ("post", "/api/records"),
    ("post", "/api/explain"),
    ("post", "/api/story"),
    ("get", "/api/jobs"),
    ("delete", "/api/jobs/{id}"),
    ("get", "/api/plans"),
    ("get", "/api/plans/{name}"),
    ("post", "/api/effects"),
    ("get", "/api/fit/records"),
    ("post", "/api/fit"),
];

/// What one server allows: request size, work per request, concurrency.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body (bytes); a pasted scenario is a few tens of kilobytes.
    pub max_body_bytes: usize,
    /// Most runs one run request may ask for (per policy for comparisons).
    pub max_runs: u64,
    /// Most simulated turns (runs × `rules.max_turns`) one scenario of a request may ask for: a
    /// pasted scenario may allow 100 000 turns a run, and its summary grows with the turns.
    pub max_run_turns: u64,
    /// Most runs whose per-run records one request may download.
    pub max_record_runs: u64,
    /// Most policies in one comparison.
    pub max_policies: usize,
    /// Jobs run at once; later ones wait in a queue.
    pub max_jobs: usize,
    /// Jobs that may wait; beyond this a request is refused with 503.
    pub max_queued: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body_bytes: 1 << 20,
            max_runs: 2_000_000,
            max_run_turns: 200_000_000,
            max_record_runs: 200_000,
            max_policies: 4,
            max_jobs: 2,
            max_queued: 1000,
        }
    }
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Address to listen on (loopback by default).
    pub host: IpAddr,
    /// Port (0 picks a free one).
    pub port: u16,
    /// Limits on requests and jobs.
    pub limits: Limits,
    /// Worker threads of each run (`None`: one per core). Results do not depend on it.
    pub threads: Option<usize>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self { host: IpAddr::V4(Ipv4Addr::LOCALHOST), port: 8080, limits: Limits::default(), threads: None }
    }
}

/// Parses `--host`: an IP address, or `localhost` (127.0.0.1).
pub fn parse_host(text: &str) -> Result<IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    text.trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .map_err(|_| format!("--host `{text}`: expected an IP address such as 127.0.0.1 or ::1, or `localhost`"))
}

/// Shared state of one server.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) limits: Limits,
    pub(crate) threads: Option<usize>,
    pub(crate) hosts: guard::AllowedHosts,
    pub(crate) jobs: Arc<jobs::Jobs>,
    pub(crate) plans: api::PlanCache,
}

/// The router for a server listening on `local`: API, OpenAPI document and page.
pub fn router(config: &ServeConfig, local: SocketAddr) -> Router {
    let shared = Arc::new(Shared {
        limits: config.limits.clone(),
        threads: config.threads,
        hosts: guard::AllowedHosts::new(local),
        jobs: Arc::new(jobs::Jobs::new(config.limits.max_jobs, config.limits.max_queued)),
        plans: api::PlanCache::default(),
    });
    api::routes()
        .fallback(assets::serve)
        .layer(DefaultBodyLimit::max(config.limits.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(shared.clone(), guard::check))
        .with_state(shared)
}

/// Whether the page was built into this binary (`web/dist` existed at compile time).
pub fn page_built() -> bool {
    assets::built()
}

/// Binds `config.host:config.port` and serves until `shutdown` resolves (then returns at
/// once: running jobs end with the process).
pub async fn serve(
    config: ServeConfig,
    on_listening: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind((config.host, config.port)).await?;
    let local = listener.local_addr()?;
    on_listening(local);
    let app = router(&config, local);
    tokio::select! {
        served = axum::serve(listener, app).into_future() => served,
        () = shutdown => Ok(()),
    }
}
