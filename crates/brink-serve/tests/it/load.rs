//! A bounded load test on loopback: 200 concurrent run requests, none lost, none failed.

use std::time::Instant;

use serde_json::json;

use crate::{get, post, start, without_timing};

const REQUESTS: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_runs_all_answer_with_the_right_numbers() {
    let server = start(Default::default()).await;
    let addr = server.addr;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for index in 0..REQUESTS {
        // 20 distinct seeds, each asked 10 times: equal requests must give equal answers.
        let seed = (index % 20) as u64;
        tasks.push(tokio::spawn(async move {
            let begun = Instant::now();
            let reply =
                post(addr, "/api/run", &json!({ "scenario": "teaching-symmetric", "runs": 300, "seed": seed })).await;
            (seed, reply, begun.elapsed())
        }));
    }
    let mut by_seed = std::collections::HashMap::new();
    let mut latencies = Vec::new();
    for task in tasks {
        let (seed, reply, latency) = task.await.expect("request task");
        assert_eq!(reply.status, 200, "{}", reply.body);
        let summary = without_timing(reply.json());
        assert_eq!(summary["runs"], 300);
        assert_eq!(summary["seed"], seed);
        let first = by_seed.entry(seed).or_insert_with(|| summary.clone());
        assert_eq!(*first, summary, "seed {seed} gave two different answers");
        latencies.push(latency.as_secs_f64());
    }
    let elapsed = started.elapsed().as_secs_f64();
    assert_eq!(by_seed.len(), 20);
    // Different seeds give different runs (the seed reaches the engine).
    assert_ne!(by_seed[&0]["turns"], by_seed[&1]["turns"]);
    let status = get(addr, "/api/jobs").await.json();
    assert_eq!(status["accepted"], REQUESTS, "{status}");
    assert_eq!(status["completed"], REQUESTS, "{status}");
    assert_eq!(
        (status["failed"].as_u64(), status["cancelled"].as_u64(), status["refused"].as_u64()),
        (Some(0), Some(0), Some(0))
    );
    assert_eq!(status["active"], 0);
    latencies.sort_by(f64::total_cmp);
    eprintln!(
        "load: {REQUESTS} concurrent run requests (300 runs each) in {elapsed:.2} s; latency p50 {:.3} s, p95 {:.3} s, max {:.3} s",
        latencies[REQUESTS / 2],
        latencies[REQUESTS * 95 / 100],
        latencies[REQUESTS - 1]
    );
}
