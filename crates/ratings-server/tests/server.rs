//! The suite that both engines pass: every test runs once over SQLite and once over PostgreSQL
//! (`both!`), against the real binary.

mod harness;

use harness::*;
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::sync::Barrier;

both!(a_vote_counts_once_can_change_and_outlives_a_restart);
async fn a_vote_counts_once_can_change_and_outlives_a_restart(engine: Engine) {
    let db = Db::new(engine, "basic").await;
    let server = Server::start(&db, &["--votes-per-minute", "100"]).await;
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
    let logs = server.stop().await;

    // Structured logs: one JSON object per line, the migrations and the start among them.
    let events: Vec<Value> = logs.iter().map(|l| serde_json::from_str(l).expect("a JSON log line")).collect();
    let said =
        |m: &str| events.iter().any(|e| e["message"] == m && e["level"].is_string() && e["timestamp"].is_string());
    assert!(said("migration applied") && said("listening") && said("stopped cleanly"), "{logs:?}");

    // The database holds exactly the votes, with matching totals.
    assert_eq!(db.ints("SELECT COUNT(*) FROM votes").await, vec![3]);
    db.assert_totals_match_votes().await;

    // Configured by environment this time; the restarted server reads the votes back and
    // applies no migration twice.
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.env("RATINGS_ARCHIVE", DEMO)
        .env("RATINGS_DATABASE", &db.url)
        .env("RATINGS_LISTEN", "127.0.0.1:0")
        .env("RATINGS_LOG_FORMAT", "text");
    let server = Server::spawn(cmd).await;
    assert_eq!(score(&get(&server.addr, &format!("/2016-09-24/p1?client={me}")).await), (48, 12, 2.into()));
    let logs = server.stop().await;
    assert!(!logs.iter().any(|l| l.contains("migration applied")), "{logs:?}");
    assert!(logs.iter().any(|l| l.contains("INFO") && l.contains("listening")), "text logs: {logs:?}");
    db.remove().await;
}

both!(a_thousand_concurrent_votes_are_counted_exactly);
async fn a_thousand_concurrent_votes_are_counted_exactly(engine: Engine) {
    let db = Db::new(engine, "thousand").await;
    let server = Server::start(&db, &[]).await;
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
                        let req = raw(&addr, "PUT", "/2016-09-24/p3", &[], Some(vote_body(&client(i), s).as_bytes()));
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
    // Every answer counts its own vote; the largest has them all.
    let counts: Vec<u64> = replies.iter().map(|r| r.json()["count"].as_u64().unwrap()).collect();
    assert!(counts.iter().all(|c| (8..=7 + N as u64).contains(c)));
    assert_eq!(*counts.iter().max().unwrap(), 7 + N as u64);
    if engine == Engine::Sqlite {
        // One writer, group commit: each vote is answered with the count just after it.
        let mut sorted = counts.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), N, "each vote saw a different count: serialised, none lost");
    }
    println!("{engine:?}: 1000 concurrent votes, each on its own connection: {} ms", took.as_millis());
    let expected_sum = 27 + (0..N).map(|i| (i % 5) as u64 + 1).sum::<u64>();
    assert_eq!(score(&get(&addr, "/2016-09-24/p3").await), (expected_sum, 7 + N as u64, Value::Null));

    // Half of them change their vote to 5 while the other half vote the same again: the count
    // stays, the sum moves by exactly the changes.
    let second: Vec<(usize, u8)> = (0..N).map(|i| (i, if i % 2 == 0 { 5 } else { (i % 5) as u8 + 1 })).collect();
    let (replies, took) = wave(second).await;
    assert!(replies.iter().all(|r| r.status == 200));
    println!("{engine:?}: 1000 concurrent changed or repeated votes: {} ms", took.as_millis());
    let expected_sum = 27 + (0..N).map(|i| if i % 2 == 0 { 5 } else { (i % 5) as u64 + 1 }).sum::<u64>();
    assert_eq!(score(&get(&addr, "/2016-09-24/p3").await), (expected_sum, 7 + N as u64, Value::Null));
    server.stop().await;

    // The totals agree with the votes themselves.
    let votes = db.ints("SELECT COUNT(*), SUM(score) FROM votes WHERE date = '2016-09-24' AND page = 'p3'").await;
    assert_eq!(votes, vec![N as i64, (expected_sum - 27) as i64]);
    let totals = db.ints("SELECT count, sum FROM totals WHERE date = '2016-09-24' AND page = 'p3'").await;
    assert_eq!(totals, votes);
    db.remove().await;
}

both!(two_servers_on_one_database_answer_alike_and_lose_no_vote);
async fn two_servers_on_one_database_answer_alike_and_lose_no_vote(engine: Engine) {
    let db = Db::new(engine, "two").await;
    // Started together on a new database: the migrations are applied once.
    let (one, two) = tokio::join!(Server::start(&db, &[]), Server::start(&db, &[]));
    // 400 readers over two pages, each voting through one server and changing the vote through
    // the other, at once.
    let tasks: Vec<_> = (0..400)
        .map(|i| {
            let (first, second) = if i % 2 == 0 { (&one, &two) } else { (&two, &one) };
            let (first, second) = (first.addr.clone(), second.addr.clone());
            tokio::spawn(async move {
                let page = if i % 4 < 2 { "/2016-09-24/p2" } else { "/2016-09-24/p4" };
                let a = vote(&first, page, &client(i), 4).await.status;
                let b = vote(&second, page, &client(i), 2).await.status;
                (a, b)
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), (200, 200));
    }
    // p4's baseline is 9 from 3 votes.
    for (path, expected) in [("/2016-09-24/p2", (400, 200)), ("/2016-09-24/p4", (9 + 400, 3 + 200))] {
        assert_eq!(score(&get(&one.addr, path).await), (expected.0, expected.1, Value::Null));
        assert_eq!(score(&get(&two.addr, path).await), (expected.0, expected.1, Value::Null));
    }
    // A vote through one is seen at once through the other.
    assert_eq!(score(&vote(&one.addr, "/2016-09-24/p2", &client(0), 5).await), (403, 200, 5.into()));
    let path = format!("/2016-09-24/p2?client={}", client(0));
    assert_eq!(score(&get(&two.addr, &path).await), (403, 200, 5.into()));
    one.stop().await;
    two.stop().await;
    assert_eq!(db.ints("SELECT COUNT(*), SUM(score) FROM votes").await, vec![400, 803]);
    assert_eq!(db.ints("SELECT COUNT(*) FROM refinery_schema_history").await, vec![db.migrations()]);
    db.assert_totals_match_votes().await;
    db.remove().await;
}

both!(anything_but_a_good_vote_gets_an_error_in_json_and_changes_nothing);
async fn anything_but_a_good_vote_gets_an_error_in_json_and_changes_nothing(engine: Engine) {
    let db = Db::new(engine, "bad").await;
    let server = Server::start(&db, &[]).await;
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
    // Headers are limited to 8 KiB (hyper's own answer, before any route).
    let padding = "x".repeat(9000);
    assert_eq!(request(&a, "GET", "/2016-09-24/p1", &[("X-Padding", &padding)], None).await.status, 431);
    let r = get(&a, "/2016-09-24/p1?client=no").await;
    assert_eq!((r.status, r.json()["error"].as_str().unwrap()), (400, "bad_client"));
    // None of that counted.
    assert_eq!(score(&get(&a, &format!("/2016-09-24/p1?client={me}")).await), (42, 10, Value::Null));
    server.stop().await;
    assert_eq!(db.ints("SELECT COUNT(*) FROM votes").await, vec![0]);
    db.remove().await;
}

both!(browsers_may_call_it_from_the_allowed_origins_only);
async fn browsers_may_call_it_from_the_allowed_origins_only(engine: Engine) {
    let db = Db::new(engine, "cors").await;
    let server = Server::start(&db, &["--allow-origin", "https://portal.example", "--votes-per-minute", "1"]).await;
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
    // Errors carry the header too, so that a page can read the JSON error, a 429 included.
    let r = request(&a, "GET", "/2016-09-24/p9", &[("Origin", "https://portal.example")], None).await;
    assert_eq!((r.status, r.header("access-control-allow-origin")), (404, Some("https://portal.example")));
    let body = vote_body(&client(1), 3);
    let put = [("Origin", "https://portal.example"), ("Content-Type", "application/json")];
    assert_eq!(request(&a, "PUT", "/2016-09-24/p1", &put, Some(body.as_bytes())).await.status, 200);
    let r = request(&a, "PUT", "/2016-09-24/p1", &put, Some(body.as_bytes())).await;
    assert_eq!((r.status, r.header("access-control-allow-origin")), (429, Some("https://portal.example")));
    let r = request(&a, "GET", "/2016-09-24/p1", &[("Origin", "https://elsewhere.example")], None).await;
    assert_eq!(r.header("access-control-allow-origin"), None);
    server.stop().await;

    // Origins from the environment, comma-separated; none means any.
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.args(["--archive", DEMO, "--database", &db.url, "--listen", "127.0.0.1:0"])
        .env("RATINGS_ALLOW_ORIGIN", "https://a.example,https://portal.example");
    let server = Server::spawn(cmd).await;
    let r = request(&server.addr, "OPTIONS", "/2016-09-24/p1", &preflight, None).await;
    assert_eq!((r.status, r.header("access-control-allow-origin")), (204, Some("https://portal.example")));
    server.stop().await;
    let server = Server::start(&db, &[]).await;
    let r = request(&server.addr, "OPTIONS", "/2016-09-24/p1", &preflight, None).await;
    assert_eq!((r.status, r.header("access-control-allow-origin")), (204, Some("*")));
    server.stop().await;
    db.remove().await;
}

both!(each_address_has_its_quota_and_is_told_when_to_come_back);
async fn each_address_has_its_quota_and_is_told_when_to_come_back(engine: Engine) {
    let db = Db::new(engine, "limits").await;
    let limits = ["--votes-per-minute", "3", "--reads-per-minute", "5", "--trusted-proxy", "127.0.0.1"];
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.args(["--archive", DEMO, "--database", &db.url, "--listen", "127.0.0.1:0"]).args(limits);
    let server = Server::spawn(cmd).await;
    let a = server.addr.clone();
    let from = |ip: &'static str| [("X-Forwarded-For", ip), ("Content-Type", "application/json")];
    let put = |ip: &'static str, i: usize| {
        let a = a.clone();
        async move { request(&a, "PUT", "/2016-09-24/p2", &from(ip), Some(vote_body(&client(i), 4).as_bytes())).await }
    };
    // Three votes pass, the fourth is refused in JSON with a time to come back.
    for i in 0..3 {
        assert_eq!(put("198.51.100.7", i).await.status, 200);
    }
    let r = put("198.51.100.7", 3).await;
    assert_eq!(r.error(), (429, "rate_limited".into()));
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=20).contains(&wait), "one vote comes back every 20 s: {wait}");
    assert!(!r.json()["message"].as_str().unwrap().is_empty());
    // Another reader behind the same proxy has a quota of its own; reads are counted apart.
    assert_eq!(put("203.0.113.5", 4).await.status, 200);
    for _ in 0..5 {
        assert_eq!(request(&a, "GET", "/2016-09-24/p2", &from("198.51.100.7"), None).await.status, 200);
    }
    assert_eq!(request(&a, "GET", "/2016-09-24/p2", &from("198.51.100.7"), None).await.status, 429);
    // Health checks are not counted.
    assert_eq!(get(&a, "/healthz").await.status, 200);
    server.stop().await;
    // The refused vote was not recorded.
    assert_eq!(db.ints("SELECT COUNT(*), SUM(score) FROM votes").await, vec![4, 16]);
    db.remove().await;
}

both!(a_newly_published_issue_can_be_rated_without_a_restart);
async fn a_newly_published_issue_can_be_rated_without_a_restart(engine: Engine) {
    let db = Db::new(engine, "publish").await;
    let archive = db.dir.join("data");
    std::fs::create_dir_all(archive.join("issues/2016-09-24")).unwrap();
    std::fs::copy(Path::new(DEMO).join("archive.json"), archive.join("archive.json")).unwrap();
    let server = Server::start_on(&archive, &db, &[]).await;
    assert_eq!(get(&server.addr, "/2016-09-24/p1").await.status, 404);
    std::fs::copy(Path::new(DEMO).join("issues/2016-09-24/issue.json"), archive.join("issues/2016-09-24/issue.json"))
        .unwrap();
    assert_eq!(score(&vote(&server.addr, "/2016-09-24/p4", &client(1), 1).await), (10, 4, 1.into()));
    server.stop().await;

    // A server without a readable archive does not start.
    let out = std::process::Command::new(BIN)
        .args(["--archive", db.dir.join("nowhere").to_str().unwrap(), "--database", &db.url])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("archive.json"));
    db.remove().await;
}

both!(totals_follow_the_votes_whoever_writes_them);
async fn totals_follow_the_votes_whoever_writes_them(engine: Engine) {
    let db = Db::new(engine, "trigger").await;
    let server = Server::start(&db, &[]).await;
    let a = server.addr.clone();
    for (i, s) in [5, 4, 3].into_iter().enumerate() {
        vote(&a, "/2016-09-24/p2", &client(i), s).await;
    }
    assert_eq!(score(&get(&a, "/2016-09-24/p2").await), (12, 3, Value::Null));
    // An operator removes one vote and corrects another by hand: the totals follow.
    db.execute(&format!("DELETE FROM votes WHERE client = '{}'", client(0))).await;
    db.execute(&format!("UPDATE votes SET score = 1 WHERE client = '{}'", client(1))).await;
    assert_eq!(score(&get(&a, "/2016-09-24/p2").await), (4, 2, Value::Null));
    db.assert_totals_match_votes().await;
    // Damaged totals (edited by hand: 40 points from two votes cannot be) are not served.
    db.execute("UPDATE totals SET sum = 40 WHERE date = '2016-09-24' AND page = 'p2'").await;
    assert_eq!(get(&a, "/2016-09-24/p2").await.error(), (503, "database".into()));
    // Other pages are unharmed.
    assert_eq!(score(&get(&a, "/2016-09-24/p1").await), (42, 10, Value::Null));
    server.stop().await;
    db.remove().await;
}

both!(a_stopping_server_finishes_the_vote_in_progress);
async fn a_stopping_server_finishes_the_vote_in_progress(engine: Engine) {
    let db = Db::new(engine, "stop").await;
    let mut server = Server::start(&db, &[]).await;
    let a = server.addr.clone();
    assert_eq!(get(&a, "/readyz").await.json()["status"], "ready");
    assert_eq!(get(&a, "/healthz").await.json()["status"], "ok");
    // A vote whose body is still on its way when SIGTERM comes.
    let body = vote_body(&client(1), 4);
    let head = raw(&a, "PUT", "/2016-09-24/p2", &[("Content-Type", "application/json")], Some(body.as_bytes()));
    let (first, rest) = head.split_at(head.len() - 10);
    let mut stream = TcpStream::connect(&a).await.unwrap();
    stream.write_all(first).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    server.terminate();
    tokio::time::sleep(Duration::from_millis(300)).await;
    // No new connections are taken meanwhile.
    assert!(TcpStream::connect(&a).await.is_err(), "the listener is closed");
    stream.write_all(rest).await.unwrap();
    assert_eq!(score(&read_reply(stream).await), (4, 1, 4.into()));
    let status = tokio::time::timeout(Duration::from_secs(15), server.child.wait()).await.unwrap().unwrap();
    assert!(status.success(), "{status}");
    assert_eq!(db.ints("SELECT COUNT(*), SUM(score) FROM votes").await, vec![1, 4]);
    db.remove().await;
}

/// PostgreSQL only: the database goes away under a running server and comes back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_database_makes_the_server_unready_until_it_returns() {
    if !postgres_available() {
        return;
    }
    let db = Db::new(Engine::Postgres, "outage").await;
    let server = Server::start(&db, &[]).await;
    let a = server.addr.clone();
    assert_eq!(score(&vote(&a, "/2016-09-24/p2", &client(1), 4).await), (4, 1, 4.into()));
    let name = db.name().to_string();
    db.admin(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false")).await;
    db.admin(&format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")).await;
    assert_eq!(get(&a, "/readyz").await.error(), (503, "database".into()));
    assert_eq!(vote(&a, "/2016-09-24/p2", &client(2), 5).await.error(), (503, "database".into()));
    assert_eq!(get(&a, "/healthz").await.status, 200, "alive all the same");
    db.admin(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true")).await;
    assert_eq!(get(&a, "/readyz").await.status, 200);
    assert_eq!(score(&vote(&a, "/2016-09-24/p2", &client(2), 5).await), (9, 2, 5.into()));
    server.stop().await;
    db.remove().await;
}

/// SQLite only: a file written by the first server (made without a migration tool, its totals
/// kept by the server) is adopted as it is, and its totals are rebuilt from its votes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_of_the_first_server_is_migrated_in_place() {
    let db = Db::new(Engine::Sqlite, "adopt").await;
    let conn = rusqlite::Connection::open(db.sqlite_file()).unwrap();
    conn.execute_batch(include_str!("../migrations/sqlite/V1__votes_and_totals.sql")).unwrap();
    conn.execute_batch(
        "INSERT INTO votes VALUES ('2016-09-24', 'p2', 'client0000000001', 5, 0), ('2016-09-24', 'p2', 'client0000000002', 3, 0);
         INSERT INTO totals VALUES ('2016-09-24', 'p2', 7, 2);",
    )
    .unwrap();
    drop(conn);
    let server = Server::start(&db, &[]).await;
    assert_eq!(score(&get(&server.addr, "/2016-09-24/p2?client=client0000000001").await), (8, 2, 5.into()));
    assert_eq!(score(&vote(&server.addr, "/2016-09-24/p2", &client(3), 1).await), (9, 3, 1.into()));
    server.stop().await;
    assert_eq!(db.ints("SELECT COUNT(*) FROM refinery_schema_history").await, vec![2]);
    db.assert_totals_match_votes().await;
    db.remove().await;
}
