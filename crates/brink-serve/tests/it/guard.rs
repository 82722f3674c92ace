//! The Host/Origin guard over real connections.

use crate::{send, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn foreign_host_or_origin_is_refused() {
    let server = start(Default::default()).await;
    let port = server.addr.port();
    let own = format!("127.0.0.1:{port}");
    let localhost = format!("localhost:{port}");
    let other_port = format!("127.0.0.1:{}", port.wrapping_add(1).max(1));
    let good_origin = format!("http://localhost:{port}");
    let https_origin = format!("https://127.0.0.1:{port}");
    let cases: Vec<(Vec<(&str, &str)>, u16)> = vec![
        (vec![("host", own.as_str())], 200),
        (vec![("host", localhost.as_str())], 200),
        (vec![("host", localhost.as_str()), ("origin", good_origin.as_str())], 200),
        (vec![("host", "evil.example")], 403),
        (vec![("host", "evil.example:80")], 403),
        (vec![("host", other_port.as_str())], 403),
        (vec![("host", format!("rebind.example:{port}").leak())], 403),
        (vec![("host", own.as_str()), ("origin", "http://evil.example")], 403),
        (vec![("host", own.as_str()), ("origin", "null")], 403),
        (vec![("host", own.as_str()), ("origin", https_origin.as_str())], 403),
    ];
    for (headers, status) in cases {
        for (method, path, body) in
            [("GET", "/api/health", ""), ("POST", "/api/check", r#"{"scenario":"teaching-symmetric"}"#)]
        {
            let reply = send(server.addr, method, path, &headers, body.as_bytes()).await;
            assert_eq!(reply.status, status, "{method} {path} {headers:?}: {}", reply.body);
            if status == 403 {
                assert!(
                    reply.json()["error"]["message"].as_str().unwrap().contains("refused")
                        || reply.body.contains("not this server")
                );
            }
        }
        // The page too, not only the API.
        assert_eq!(send(server.addr, "GET", "/", &headers, b"").await.status == 403, status == 403, "{headers:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_without_host_is_refused() {
    let server = start(Default::default()).await;
    let addr = server.addr;
    // A hand-written HTTP/1.0 request: clients always add a Host header.
    let reply = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream.write_all(b"GET /api/health HTTP/1.0\r\n\r\n").unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        reply
    })
    .await
    .unwrap();
    assert!(reply.starts_with("HTTP/1.0 403") || reply.starts_with("HTTP/1.1 403"), "{reply}");
    assert!(reply.contains("no Host header"), "{reply}");
}
