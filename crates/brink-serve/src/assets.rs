//! The page's files, embedded at build time from `web/dist` (see `build.rs`).

use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// Shown instead of the page when the binary was built without `web/dist` (it is committed, so
/// only a build with `BRINK_WEB_DIST` pointing at an empty directory, or a source tree without
/// it, gets here).
const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>brink: the page was not built</title>\
<h1>The page was not built</h1><p>This <code>brink</code> was compiled without the web page. \
Run <code>scripts/build-web</code> (it needs Node.js and npm) and rebuild, for example with \
<code>scripts/build-web &amp;&amp; cargo run --release -p brink-cli -- serve</code>. \
The JSON API works without it: see <a href=\"/api/openapi.json\">/api/openapi.json</a>.</p>";

/// The page loads nothing from elsewhere and may not be framed by another site.
const CSP: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Whether the page's files are embedded.
pub(crate) fn built() -> bool {
    FILES.iter().any(|(path, _)| *path == "index.html")
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Fallback handler: a file of the page, the page itself for `/`, or 404.
pub(crate) async fn serve(method: Method, uri: Uri) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") || path == "/api" {
        return ApiError::not_found(format!("no API route {method} {path}; see /api/openapi.json")).into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD are served outside /api\n").into_response();
    }
    let wanted = path.trim_start_matches('/');
    let wanted = if wanted.is_empty() { "index.html" } else { wanted };
    match FILES.iter().find(|(p, _)| *p == wanted) {
        Some((p, bytes)) => {
            let mut response = (*bytes).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(p)));
            // Vite names built assets by content hash: they never change under one name.
            let cache = if p.starts_with("assets/") { "public, max-age=31536000, immutable" } else { "no-cache" };
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            if p.ends_with(".html") {
                // Everything comes from this server; Plot writes inline styles into its charts.
                headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
            }
            response
        }
        None if wanted == "index.html" => {
            (StatusCode::SERVICE_UNAVAILABLE, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], NOT_BUILT)
                .into_response()
        }
        None => (StatusCode::NOT_FOUND, format!("no file {path}\n")).into_response(),
    }
}
