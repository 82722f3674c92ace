//! Tests of the API over real loopback connections: the routes and their OpenAPI document,
//! the same numbers as the library, malformed input, the Host/Origin guard, the job queue
//! and cancellation, and a bounded load test.

mod api;
mod fit;
mod guard;
mod jobs;
mod load;

use std::net::SocketAddr;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpStream;

/// A server on a free loopback port, stopped when dropped.
pub(crate) struct Server {
    pub(crate) addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub(crate) async fn start(limits: brink_serve::Limits) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
    let addr = listener.local_addr().expect("local address");
    let config = brink_serve::ServeConfig { port: addr.port(), limits, ..Default::default() };
    let app = brink_serve::router(&config, addr);
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.expect("serve");
    });
    Server { addr, task }
}

/// A response: status, content type and body text.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) content_type: String,
    pub(crate) headers: hyper::HeaderMap,
    pub(crate) body: String,
}

impl Reply {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Sends one request on a new connection. `Host` is this server unless `headers` gives one.
pub(crate) async fn send(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let stream = TcpStream::connect(addr).await.expect("connect");
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.expect("HTTP handshake");
    tokio::spawn(connection);
    let mut request = hyper::Request::builder().method(method).uri(path);
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        request = request.header("host", addr.to_string());
    }
    for (key, value) in headers {
        request = request.header(*key, *value);
    }
    let request = request.body(Full::new(Bytes::copy_from_slice(body))).expect("request");
    let response = sender.send_request(request).await.expect("response");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Reply { status, content_type, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

pub(crate) async fn get(addr: SocketAddr, path: &str) -> Reply {
    send(addr, "GET", path, &[], b"").await
}

pub(crate) async fn post(addr: SocketAddr, path: &str, body: &Value) -> Reply {
    send(addr, "POST", path, &[("content-type", "application/json")], body.to_string().as_bytes()).await
}

/// The summary without `timing` (the only part that is not a function of the inputs).
pub(crate) fn without_timing(mut summary: Value) -> Value {
    if let Some(map) = summary.as_object_mut() {
        map.remove("timing");
    }
    summary
}

/// Polls `GET /api/jobs` until `done` holds (at most `seconds`); returns the last status.
pub(crate) async fn wait_for_jobs(addr: SocketAddr, seconds: u64, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(seconds);
    loop {
        let status = get(addr, "/api/jobs").await.json();
        if done(&status) || tokio::time::Instant::now() > deadline {
            return status;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
