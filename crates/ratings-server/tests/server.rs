//! The real server binary on 127.0.0.1 with a real SQLite file, driven over plain HTTP/1.1.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};
use tokio::sync::Barrier;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../demo/data");

struct Server {
    child: Child,
    addr: String,
}

impl Server {
    async fn start(archive: &Path, db: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ratings-server"))
            .args(["--archive", archive.to_str().unwrap(), "--db", db.to_str().unwrap(), "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the server starts");
        let mut line = String::new();
        let out = child.stdout.take().unwrap();
        tokio::time::timeout(Duration::from_secs(20), BufReader::new(out).read_line(&mut line))
            .await
            .expect("the server says where it listens")
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("odd first line {line:?}"))
            .to_string();
        Server { child, addr }
    }

    async fn stop(mut self) {
        // SIGTERM for a graceful stop, as a service manager would.
        let pid = self.child.id().unwrap();
        let _ = std::process::Command::new("kill").arg(pid.to_string()).status();
        let status = tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await.unwrap().unwrap();
        assert!(status.success(), "the server stops cleanly on SIGTERM: {status}");
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

async fn send_on(mut stream: TcpStream, raw: Vec<u8>) -> Reply {
    stream.write_all(&raw).await.unwrap();
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8(buf).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no header end in {text:?}"));
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    assert!(!headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("transfer-encoding")), "fixed-length answers");
    Reply { status, headers, body: body.to_string() }
}

fn raw(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Vec<u8> {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        r.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("transfer-encoding")) {
            r.push_str(&format!("Content-Length: {}\r\n", b.len()));
        }
    }
    r.push_str("\r\n");
    let mut bytes = r.into_bytes();
    bytes.extend_from_slice(body.unwrap_or_default());
    bytes
}

async fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Reply {
    let stream = TcpStream::connect(addr).await.unwrap();
    send_on(stream, raw(addr, method, path, headers, body)).await
}

async fn get(addr: &str, path: &str) -> Reply {
    request(addr, "GET", path, &[], None).await
}

async fn vote(addr: &str, path: &str, client: &str, score: u8) -> Reply {
    let body = format!(r#"{{"client":"{client}","score":{score}}}"#);
    request(addr, "PUT", path, &[("Content-Type", "application/json")], Some(body.as_bytes())).await
}

fn client(i: usize) -> String {
    format!("client{i:010}")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("broadsheet-ratings-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn score(r: &Reply) -> (u64, u64, Value) {
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    (v["sum"].as_u64().unwrap(), v["count"].as_u64().unwrap(), v["mine"].clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vote_counts_once_can_change_and_outlives_a_restart() {
    let dir = temp_dir("basic");
    let db = dir.join("ratings.sqlite");
    let server = Server::start(Path::new(DEMO), &db, &[]).await;
    let a = server.addr.clone();

    // The baseline from the data: p1 has 42 from 10 votes, p2 none.
    assert_eq!(score(&get(&a, "/2016-09-24/p1").await), (42, 10, Value::Null));
    assert_eq!(score(&get(&a, "/2016-09-24/p2").await), (0, 0, Value::Null));

    let me = client(1);
    assert_eq!(score(&vote(&a, "/2016-09-24/p1", &me, 5).await), (47, 11, 5.into()));
    // Changing the vote replaces it: same count, new sum.
    assert_eq!(score(&vote(&a, "/2016-09-24/p1", &me, 2).await), (44, 11, 2.into()));
    assert_eq!(score(&vote(&a, "/2016-09-24/p1", &me, 2).await), (44, 11, 2.into()));
    // Another reader; each sees their own vote, others see none.
    assert_eq!(score(&vote(&a, "/2016-09-24/p1", &client(2), 4).await), (48, 12, 4.into()));
    assert_eq!(score(&get(&a, &format!("/2016-09-24/p1?client={me}")).await), (48, 12, 2.into()));
    assert_eq!(score(&get(&a, &format!("/2016-09-24/p1?client={}", client(3))).await), (48, 12, Value::Null));
    // Votes are per page and per date.
    assert_eq!(score(&vote(&a, "/2016-09-24/p2", &me, 3).await), (3, 1, 3.into()));
    assert_eq!(score(&get(&a, "/2016-09-17/p2").await).1, 0);
    let reply = get(&a, "/2016-09-24/p1").await;
    assert_eq!(reply.json()["date"], "2016-09-24");
    assert_eq!(reply.json()["page"], "p1");
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    server.stop().await;

    // The file holds exactly the votes; a restarted server reads them back.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let rows: i64 = conn.query_row("SELECT COUNT(*) FROM votes", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 3);
    drop(conn);
    let server = Server::start(Path::new(DEMO), &db, &[]).await;
    assert_eq!(score(&get(&server.addr, &format!("/2016-09-24/p1?client={me}")).await), (48, 12, 2.into()));
    server.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_votes_are_counted_exactly() {
    let dir = temp_dir("thousand");
    let db = dir.join("ratings.sqlite");
    let server = Server::start(Path::new(DEMO), &db, &[]).await;
    let addr = Arc::new(server.addr.clone());
    const N: usize = 1000;

    // Every client connects first, then all send at once.
    let wave = |scores: Vec<(usize, u8)>| {
        let addr = addr.clone();
        async move {
            let barrier = Arc::new(Barrier::new(scores.len()));
            let tasks: Vec<_> = scores
                .into_iter()
                .map(|(i, s)| {
                    let (addr, barrier) = (addr.clone(), barrier.clone());
                    tokio::spawn(async move {
                        let stream = TcpStream::connect(addr.as_str()).await.unwrap();
                        let body = format!(r#"{{"client":"{}","score":{s}}}"#, client(i));
                        let req = raw(&addr, "PUT", "/2016-09-24/p3", &[], Some(body.as_bytes()));
                        barrier.wait().await;
                        send_on(stream, req).await
                    })
                })
                .collect();
            let start = Instant::now();
            let mut replies = Vec::new();
            for t in tasks {
                replies.push(t.await.unwrap());
            }
            (replies, start.elapsed())
        }
    };

    // p3's baseline is 27 from 7 votes.
    let first: Vec<(usize, u8)> = (0..N).map(|i| (i, (i % 5) as u8 + 1)).collect();
    let (replies, took) = wave(first).await;
    assert!(replies.iter().all(|r| r.status == 200), "{:?}", replies.iter().find(|r| r.status != 200));
    // Every answer counts a whole number of earlier votes; the largest has them all.
    let counts: Vec<u64> = replies.iter().map(|r| r.json()["count"].as_u64().unwrap()).collect();
    assert_eq!(*counts.iter().max().unwrap(), 7 + N as u64);
    let mut sorted = counts.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), N, "each vote saw a different count: serialised, none lost");
    println!("1000 concurrent votes, each on its own connection: {} ms", took.as_millis());
    let expected_sum = 27 + (0..N).map(|i| (i % 5) as u64 + 1).sum::<u64>();
    assert_eq!(score(&get(&addr, "/2016-09-24/p3").await), (expected_sum, 7 + N as u64, Value::Null));

    // Half of them change their vote to 5 while the other half vote the same again: the count
    // stays, the sum moves by exactly the changes.
    let second: Vec<(usize, u8)> = (0..N).map(|i| (i, if i % 2 == 0 { 5 } else { (i % 5) as u8 + 1 })).collect();
    let (replies, took) = wave(second).await;
    assert!(replies.iter().all(|r| r.status == 200));
    println!("1000 concurrent changed or repeated votes: {} ms", took.as_millis());
    let expected_sum = 27 + (0..N).map(|i| if i % 2 == 0 { 5 } else { (i % 5) as u64 + 1 }).sum::<u64>();
    assert_eq!(score(&get(&addr, "/2016-09-24/p3").await), (expected_sum, 7 + N as u64, Value::Null));
    server.stop().await;

    // The running totals agree with the votes themselves.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (rows, sum): (i64, i64) = conn
        .query_row("SELECT COUNT(*), SUM(score) FROM votes WHERE date = '2016-09-24' AND page = 'p3'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let (t_sum, t_count): (i64, i64) =
        conn.query_row("SELECT sum, count FROM totals WHERE page = 'p3'", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((rows as u64, sum as u64), (N as u64, expected_sum - 27));
    assert_eq!((t_sum, t_count), (sum, rows));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_database_lose_no_vote() {
    let dir = temp_dir("two");
    let db = dir.join("ratings.sqlite");
    let one = Server::start(Path::new(DEMO), &db, &[]).await;
    let two = Server::start(Path::new(DEMO), &db, &[]).await;
    let tasks: Vec<_> = (0..400)
        .map(|i| {
            let addr = if i % 2 == 0 { one.addr.clone() } else { two.addr.clone() };
            tokio::spawn(async move { vote(&addr, "/2016-09-24/p2", &client(i), 4).await.status })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    assert_eq!(score(&get(&one.addr, "/2016-09-24/p2").await), (1600, 400, Value::Null));
    assert_eq!(score(&get(&two.addr, "/2016-09-24/p2").await), (1600, 400, Value::Null));
    one.stop().await;
    two.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anything_but_a_good_vote_gets_an_error_in_json_and_changes_nothing() {
    let dir = temp_dir("bad");
    let server = Server::start(Path::new(DEMO), &dir.join("ratings.sqlite"), &[]).await;
    let a = server.addr.clone();
    let me = client(7);
    let put = |body: String| {
        let a = a.clone();
        async move {
            request(&a, "PUT", "/2016-09-24/p1", &[("Content-Type", "application/json")], Some(body.as_bytes())).await
        }
    };
    let cases: Vec<(String, u16, &str)> = vec![
        (format!(r#"{{"client":"{me}","score":0}}"#), 400, "bad_score"),
        (format!(r#"{{"client":"{me}","score":6}}"#), 400, "bad_score"),
        (format!(r#"{{"client":"{me}","score":4.5}}"#), 400, "bad_score"),
        (format!(r#"{{"client":"{me}","score":"4"}}"#), 400, "bad_score"),
        (format!(r#"{{"client":"{me}","score":null}}"#), 400, "bad_score"),
        (format!(r#"{{"client":"{me}"}}"#), 400, "bad_score"),
        (format!(r#"{{"client":"{me}","score":4,"weight":100}}"#), 400, "bad_json"),
        (r#"{"client":"x","score":4}"#.into(), 400, "bad_client"),
        (r#"{"client":"<script>alert(1)</script>","score":4}"#.into(), 400, "bad_client"),
        (r#"{"score":4}"#.into(), 400, "bad_client"),
        ("not json".into(), 400, "bad_json"),
        ("".into(), 400, "bad_json"),
        (format!(r#"{{"client":"{me}","score":4,"pad":"{}"}}"#, "x".repeat(2000)), 413, "too_large"),
    ];
    for (body, status, code) in cases {
        let r = put(body.clone()).await;
        assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (status, code), "for {body:.80}");
        assert!(r.header("content-type").unwrap().starts_with("application/json"));
        assert!(!r.json()["message"].as_str().unwrap().is_empty());
    }
    // A body that hides its size in chunks is cut off at the limit too.
    let chunk = "x".repeat(4000);
    let chunked = format!("{:x}\r\n{chunk}\r\n0\r\n\r\n", chunk.len());
    let r = request(&a, "PUT", "/2016-09-24/p1", &[("Transfer-Encoding", "chunked")], Some(chunked.as_bytes())).await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (413, "too_large"));

    let addresses: Vec<(&str, &str, u16, &str)> = vec![
        ("PUT", "/2016-09-24/p9", 404, "unknown_page"),
        ("PUT", "/2016-09-23/p1", 404, "unknown_page"),
        ("GET", "/2031-01-01/p1", 404, "unknown_page"),
        ("PUT", "/2016-02-30/p1", 400, "bad_date"),
        ("GET", "/yesterday/p1", 400, "bad_date"),
        ("PUT", "/2016-09-24/p%201", 400, "bad_page"),
        ("DELETE", "/2016-09-24/p1", 405, "method_not_allowed"),
        ("POST", "/2016-09-24/p1", 405, "method_not_allowed"),
        ("GET", "/2016-09-24/p1/extra", 404, "not_found"),
    ];
    for (method, path, status, code) in addresses {
        let body = format!(r#"{{"client":"{me}","score":3}}"#);
        let r = request(&a, method, path, &[], Some(body.as_bytes())).await;
        assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (status, code), "{method} {path}");
    }
    let r = get(&a, "/2016-09-24/p1?client=no").await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (400, "bad_client"));
    // None of that counted.
    assert_eq!(score(&get(&a, &format!("/2016-09-24/p1?client={me}")).await), (42, 10, Value::Null));
    server.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browsers_may_call_it_from_the_allowed_origins_only() {
    let dir = temp_dir("cors");
    let db = dir.join("ratings.sqlite");
    let server = Server::start(Path::new(DEMO), &db, &["--allow-origin", "https://portal.example"]).await;
    let a = server.addr.clone();
    let preflight = [
        ("Origin", "https://portal.example"),
        ("Access-Control-Request-Method", "PUT"),
        ("Access-Control-Request-Headers", "content-type"),
    ];
    let r = request(&a, "OPTIONS", "/2016-09-24/p1", &preflight, None).await;
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("https://portal.example"));
    assert!(r.header("access-control-allow-methods").unwrap().contains("PUT"));
    assert!(r.header("access-control-allow-headers").unwrap().contains("content-type"));
    let r = request(&a, "GET", "/2016-09-24/p1", &[("Origin", "https://portal.example")], None).await;
    assert_eq!(r.header("access-control-allow-origin"), Some("https://portal.example"));
    assert_eq!(r.header("vary"), Some("origin"));
    // Errors carry the header too, so that a page can read the JSON error.
    let r = request(&a, "GET", "/2016-09-24/p9", &[("Origin", "https://portal.example")], None).await;
    assert_eq!((r.status, r.header("access-control-allow-origin")), (404, Some("https://portal.example")));
    let r = request(&a, "GET", "/2016-09-24/p1", &[("Origin", "https://elsewhere.example")], None).await;
    assert_eq!(r.header("access-control-allow-origin"), None);
    server.stop().await;

    let server = Server::start(Path::new(DEMO), &db, &[]).await;
    let r = request(&server.addr, "OPTIONS", "/2016-09-24/p1", &preflight, None).await;
    assert_eq!((r.status, r.header("access-control-allow-origin")), (204, Some("*")));
    server.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newly_published_issue_can_be_rated_without_a_restart() {
    let dir = temp_dir("publish");
    let archive = dir.join("data");
    std::fs::create_dir_all(archive.join("issues/2016-09-24")).unwrap();
    std::fs::copy(Path::new(DEMO).join("archive.json"), archive.join("archive.json")).unwrap();
    let server = Server::start(&archive, &dir.join("ratings.sqlite"), &[]).await;
    assert_eq!(get(&server.addr, "/2016-09-24/p1").await.status, 404);
    std::fs::copy(Path::new(DEMO).join("issues/2016-09-24/issue.json"), archive.join("issues/2016-09-24/issue.json"))
        .unwrap();
    assert_eq!(score(&vote(&server.addr, "/2016-09-24/p4", &client(1), 1).await), (10, 4, 1.into()));
    server.stop().await;

    // A server without a readable archive does not start.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ratings-server"))
        .args(["--archive", dir.join("nowhere").to_str().unwrap(), "--db", dir.join("x.sqlite").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("archive.json"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn impossible_totals_from_a_damaged_database_are_not_served() {
    let dir = temp_dir("damaged");
    let db = dir.join("ratings.sqlite");
    let server = Server::start(Path::new(DEMO), &db, &[]).await;
    let a = server.addr.clone();
    assert_eq!(score(&vote(&a, "/2016-09-24/p2", &client(1), 4).await), (4, 1, 4.into()));
    // Someone edits the totals by hand: 40 points from one vote cannot be.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE totals SET sum = 40 WHERE date = '2016-09-24' AND page = 'p2'", []).unwrap();
    drop(conn);
    let r = get(&a, "/2016-09-24/p2").await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (503, "database"));
    // Other pages are unharmed.
    assert_eq!(score(&get(&a, "/2016-09-24/p1").await), (42, 10, Value::Null));
    server.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}
