//! Which requests may talk to the server at all.
//!
//! A server on loopback is still reachable from any web page the user opens: the page can send
//! requests to `127.0.0.1`, and with DNS rebinding a name it controls can resolve to loopback.
//! Both are stopped by checking two headers a browser always sets correctly:
//! - `Host` must name this server: a loopback name (`localhost`, `127.0.0.1`, `[::1]`) or an IP
//!   literal of the address it listens on, with its port. A rebinding attack needs a host
//!   *name*, which this refuses.
//! - `Origin`, when present (browsers send it on cross-origin and on POST requests), must be
//!   `http://` plus such a host.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::Shared;
use crate::error::ApiError;

/// The hosts a request may name.
#[derive(Debug, Clone)]
pub(crate) struct AllowedHosts {
    local: SocketAddr,
}

impl AllowedHosts {
    pub(crate) fn new(local: SocketAddr) -> Self {
        Self { local }
    }

    /// Whether `authority` (`host[:port]`, from a Host header or an origin) names this server.
    pub(crate) fn allows(&self, authority: &str) -> bool {
        let Some((host, port)) = split_authority(authority) else { return false };
        if port.unwrap_or(80) != self.local.port() {
            return false;
        }
        if host.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let Ok(ip) = host.parse::<IpAddr>() else { return false };
        if ip.is_unspecified() {
            return false;
        }
        let bound = self.local.ip();
        ip.is_loopback() || ip == bound || bound.is_unspecified()
    }
}

/// `host[:port]` → (host without IPv6 brackets, port); `None` if malformed.
fn split_authority(authority: &str) -> Option<(&str, Option<u16>)> {
    if authority.is_empty() || authority.contains(['/', '@', ' ']) {
        return None;
    }
    if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        return match after {
            "" => Some((host, None)),
            _ => Some((host, Some(after.strip_prefix(':')?.parse().ok()?))),
        };
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => Some((host, Some(port.parse().ok()?))),
        Some(_) => None,
        None => Some((authority, None)),
    }
}

/// Middleware: refuses a request with a foreign `Host` or `Origin` (403, with the reason).
pub(crate) async fn check(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    match host {
        Some(host) if shared.hosts.allows(host) => {}
        Some(host) => {
            return ApiError::forbidden(format!(
                "Host `{host}` is not this server; brink serve answers only to its own address"
            ))
            .into_response();
        }
        None => return ApiError::forbidden("the request has no Host header").into_response(),
    }
    if let Some(origin) = request.headers().get(ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let allowed = origin.strip_prefix("http://").is_some_and(|authority| shared.hosts.allows(authority));
        if !allowed {
            return ApiError::forbidden(format!(
                "Origin `{origin}` is not this server: cross-site requests are refused"
            ))
            .into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_with_the_right_port_only() {
        let hosts = AllowedHosts::new("127.0.0.1:8080".parse().unwrap());
        for ok in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080", "127.0.0.2:8080"] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "127.0.0.1:8081",
            "127.0.0.1",
            "evil.example:8080",
            "localhost.evil.example:8080",
            "192.168.1.5:8080",
            "",
            "127.0.0.1:8080/x",
            "user@127.0.0.1:8080",
            "[::1",
            "::1:8080",
            "127.0.0.1:99999",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
    }

    #[test]
    fn a_public_bind_allows_its_own_ip_literal_but_no_names() {
        let hosts = AllowedHosts::new("10.1.2.3:80".parse().unwrap());
        assert!(hosts.allows("10.1.2.3"));
        assert!(hosts.allows("10.1.2.3:80"));
        assert!(!hosts.allows("10.1.2.4:80"));
        assert!(!hosts.allows("brink.example"));
        let any = AllowedHosts::new("0.0.0.0:8080".parse().unwrap());
        assert!(any.allows("10.1.2.4:8080"));
        assert!(!any.allows("0.0.0.0:8080"));
        assert!(!any.allows("brink.example:8080"));
    }
}
