//! The job queue: limits, explicit cancellation, cancellation when the client goes away.

use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};

use crate::{get, post, send, start, wait_for_jobs};

/// A request long enough (tens of seconds to minutes here) that only cancellation ends it soon.
fn long_run() -> Value {
    json!({ "scenario": "ukraine-2024", "runs": 20_000_000, "seed": 1 })
}

fn limits() -> brink_serve::Limits {
    brink_serve::Limits {
        max_jobs: 1,
        max_queued: 1,
        max_runs: 50_000_000,
        max_run_turns: u64::MAX,
        ..Default::default()
    }
}

/// A streamed job: the response whose body yields one JSON event a line.
struct Stream {
    body: hyper::body::Incoming,
    buffer: String,
    _sender: hyper::client::conn::http1::SendRequest<Full<Bytes>>,
}

impl Stream {
    async fn open(addr: std::net::SocketAddr, body: &Value) -> Result<Stream, (u16, String)> {
        let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(tcp)).await.unwrap();
        tokio::spawn(connection);
        let request = hyper::Request::post("/api/run")
            .header("host", addr.to_string())
            .header("accept", "application/x-ndjson")
            .body(Full::new(Bytes::from(body.to_string())))
            .unwrap();
        let response = sender.send_request(request).await.unwrap();
        let status = response.status().as_u16();
        if status != 200 {
            let text = response.into_body().collect().await.unwrap().to_bytes();
            return Err((status, String::from_utf8_lossy(&text).into_owned()));
        }
        assert_eq!(response.headers()["content-type"], "application/x-ndjson");
        Ok(Stream { body: response.into_body(), buffer: String::new(), _sender: sender })
    }

    async fn next(&mut self) -> Option<Value> {
        loop {
            if let Some(newline) = self.buffer.find('\n') {
                let line: String = self.buffer.drain(..=newline).collect();
                return Some(serde_json::from_str(&line).unwrap());
            }
            let frame = self.body.frame().await?.unwrap();
            if let Some(data) = frame.data_ref() {
                self.buffer.push_str(std::str::from_utf8(data).unwrap());
            }
        }
    }

    /// Reads events until one named `event`.
    async fn until(&mut self, event: &str) -> Value {
        loop {
            let next = self.next().await.unwrap_or_else(|| panic!("stream ended before `{event}`"));
            if next["event"] == event {
                return next;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_queue_report_progress_and_stop_when_cancelled_or_abandoned() {
    let server = start(limits()).await;
    // A runs; B waits behind it; C finds the queue full.
    let mut a = Stream::open(server.addr, &long_run()).await.unwrap();
    let accepted = a.until("accepted").await;
    assert_eq!(accepted["queued_behind"], 0);
    a.until("started").await;
    let progress = a.until("progress").await;
    assert!(progress["done"].as_u64().unwrap() > 0 && progress["total"] == 20_000_000, "{progress}");
    let mut b = Stream::open(server.addr, &long_run()).await.unwrap();
    let b_id = b.until("accepted").await;
    assert_eq!(b_id["queued_behind"], 1);
    let c = Stream::open(server.addr, &long_run()).await.err().expect("the queue is full");
    assert_eq!(c.0, 503, "{}", c.1);
    assert!(c.1.contains("try again later"));
    let status = get(server.addr, "/api/jobs").await.json();
    assert_eq!(
        (status["running"].as_u64(), status["queued"].as_u64(), status["refused"].as_u64()),
        (Some(1), Some(1), Some(1))
    );

    // Cancel B while it waits: it ends without starting.
    let id = b_id["job"].as_str().unwrap();
    assert_eq!(send(server.addr, "DELETE", &format!("/api/jobs/{id}"), &[], b"").await.status, 204);
    assert_eq!(b.next().await.unwrap()["event"], "cancelled");

    // A's client goes away: the runner stops within a batch, long before 20 million runs.
    let dropped = Instant::now();
    drop(a);
    let status = wait_for_jobs(server.addr, 30, |s| s["active"] == 0).await;
    assert_eq!(status["active"], 0, "{status}");
    assert!(dropped.elapsed() < Duration::from_secs(30));
    assert_eq!((status["cancelled"].as_u64(), status["completed"].as_u64()), (Some(2), Some(0)), "{status}");
    assert_eq!(status["started"], 1, "the cancelled queued job never started: {status}");

    // The pool is free again: a short job runs to the end.
    let reply = post(server.addr, "/api/run", &json!({ "scenario": "teaching-symmetric", "runs": 500 })).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_client_that_disconnects_cancels_its_job() {
    let server = start(limits()).await;
    // A plain (non-streamed) request: the handler waits for the result.
    let addr = server.addr;
    let request = tokio::spawn(async move { post(addr, "/api/run", &long_run()).await });
    let running = wait_for_jobs(addr, 30, |s| s["running"] == 1).await;
    assert_eq!(running["running"], 1, "{running}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    request.abort(); // closes the connection
    let status = wait_for_jobs(addr, 30, |s| s["active"] == 0).await;
    assert_eq!(status["active"], 0, "{status}");
    assert_eq!(status["cancelled"], 1, "{status}");
    assert_eq!(status["completed"], 0, "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_explicit_cancel_answers_the_waiting_client_with_409() {
    let server = start(limits()).await;
    let addr = server.addr;
    let request = tokio::spawn(async move { post(addr, "/api/run", &long_run()).await });
    wait_for_jobs(addr, 30, |s| s["running"] == 1).await;
    // Job ids are j1, j2, ... in order of acceptance: this server has accepted one.
    assert_eq!(send(addr, "DELETE", "/api/jobs/j1", &[], b"").await.status, 204);
    let reply = request.await.unwrap();
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert!(reply.json()["error"]["message"].as_str().unwrap().contains("cancelled"));
}
