//! The real server binary on 127.0.0.1, over a real SQLite file or a real PostgreSQL database,
//! driven over plain HTTP/1.1. PostgreSQL comes from `tests/pg-cluster.sh run` (as `make
//! test-native` runs the tests): each test gets a database of its own on that cluster.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

pub const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../demo/data");
pub const BIN: &str = env!("CARGO_BIN_EXE_ratings-server");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Runs an async test body once per engine: `both!(name)` makes `name::sqlite` and
/// `name::postgres`. Without a cluster (a plain `cargo test`) the PostgreSQL half says so and
/// passes, except under CI, where it fails.
#[macro_export]
macro_rules! both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::harness::Engine::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::harness::postgres_available() {
                    super::$name($crate::harness::Engine::Postgres).await
                }
            }
        }
    };
}

/// Whether `RATINGS_TEST_POSTGRES` names a cluster; under CI its absence is a failure.
pub fn postgres_available() -> bool {
    if std::env::var_os("RATINGS_TEST_POSTGRES").is_some() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "CI runs the PostgreSQL tests: use tests/pg-cluster.sh run");
    eprintln!(
        "PostgreSQL half skipped: run under `crates/ratings-server/tests/pg-cluster.sh run` (make test-native does)"
    );
    false
}

/// A fresh, empty database of one engine, and a way to look inside it.
pub struct Db {
    pub engine: Engine,
    /// The `--database` URL.
    pub url: String,
    pub dir: PathBuf,
    pg_name: Option<String>,
}

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("broadsheet-ratings-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn admin_url() -> String {
    std::env::var("RATINGS_TEST_POSTGRES").expect("RATINGS_TEST_POSTGRES")
}

async fn pg_connect(url: &str) -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.expect("the test cluster answers");
    tokio::spawn(conn);
    client
}

impl Db {
    pub async fn new(engine: Engine, name: &str) -> Db {
        let dir = temp_dir(&format!("{name}-{engine:?}"));
        match engine {
            Engine::Sqlite => {
                let url = format!("sqlite:{}", dir.join("ratings.sqlite").display());
                Db { engine, url, dir, pg_name: None }
            }
            Engine::Postgres => {
                let db = format!("t_{name}_{}", std::process::id());
                let admin = pg_connect(&admin_url()).await;
                admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).await.unwrap();
                admin.batch_execute(&format!("CREATE DATABASE {db}")).await.unwrap();
                let (base, _) = admin_url().rsplit_once('/').map(|(b, d)| (b.to_string(), d.to_string())).unwrap();
                Db { engine, url: format!("{base}/{db}"), dir, pg_name: Some(db) }
            }
        }
    }

    /// How many migrations the engine has.
    pub fn migrations(&self) -> i64 {
        match self.engine {
            Engine::Sqlite => 2,
            Engine::Postgres => 1,
        }
    }

    pub fn sqlite_file(&self) -> PathBuf {
        PathBuf::from(self.url.strip_prefix("sqlite:").expect("an SQLite database"))
    }

    /// The first row of `sql`, each value as text (`None` for NULL).
    pub async fn row(&self, sql: &str) -> Vec<Option<String>> {
        match self.engine {
            Engine::Sqlite => {
                let conn = rusqlite::Connection::open(self.sqlite_file()).unwrap();
                let mut stmt = conn.prepare(sql).unwrap();
                let n = stmt.column_count();
                stmt.query_row([], |r| {
                    Ok((0..n)
                        .map(|i| match r.get::<_, rusqlite::types::Value>(i).unwrap() {
                            rusqlite::types::Value::Null => None,
                            rusqlite::types::Value::Integer(v) => Some(v.to_string()),
                            rusqlite::types::Value::Real(v) => Some(v.to_string()),
                            rusqlite::types::Value::Text(v) => Some(v),
                            rusqlite::types::Value::Blob(_) => Some("blob".into()),
                        })
                        .collect())
                })
                .unwrap()
            }
            Engine::Postgres => {
                let client = pg_connect(&self.url).await;
                let rows = client.simple_query(sql).await.unwrap();
                let row = rows
                    .iter()
                    .find_map(|m| match m {
                        tokio_postgres::SimpleQueryMessage::Row(r) => Some(r),
                        _ => None,
                    })
                    .expect("a row");
                (0..row.len()).map(|i| row.get(i).map(String::from)).collect()
            }
        }
    }

    /// The first row of `sql` as integers (NULL as 0).
    pub async fn ints(&self, sql: &str) -> Vec<i64> {
        self.row(sql).await.into_iter().map(|v| v.map_or(0, |s| s.parse().unwrap())).collect()
    }

    pub async fn execute(&self, sql: &str) {
        match self.engine {
            Engine::Sqlite => {
                rusqlite::Connection::open(self.sqlite_file()).unwrap().execute_batch(sql).unwrap();
            }
            Engine::Postgres => pg_connect(&self.url).await.batch_execute(sql).await.unwrap(),
        }
    }

    /// Runs `sql` on the cluster's maintenance database (PostgreSQL only).
    pub async fn admin(&self, sql: &str) {
        pg_connect(&admin_url()).await.batch_execute(sql).await.unwrap();
    }

    pub fn name(&self) -> &str {
        self.pg_name.as_deref().expect("a PostgreSQL database")
    }

    /// Checks that every page's totals are the sum and count of its votes.
    pub async fn assert_totals_match_votes(&self) {
        let drift = self
            .ints(
                "SELECT COUNT(*) FROM totals t FULL JOIN (SELECT date, page, SUM(score) AS s, COUNT(*) AS n \
                 FROM votes GROUP BY date, page) v ON v.date = t.date AND v.page = t.page \
                 WHERE COALESCE(t.sum, 0) <> COALESCE(v.s, 0) OR COALESCE(t.count, 0) <> COALESCE(v.n, 0)",
            )
            .await;
        assert_eq!(drift, vec![0], "totals that drifted from the votes");
    }

    pub async fn remove(self) {
        if let Some(db) = &self.pg_name {
            let admin = pg_connect(&admin_url()).await;
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).await;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub struct Server {
    pub child: Child,
    pub addr: String,
    /// Standard error, line by line (the JSON logs).
    pub logs: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// The server on `db` with the demo archive, plus `extra` flags; no rate limits unless `extra`
    /// sets them.
    pub async fn start(db: &Db, extra: &[&str]) -> Server {
        Server::start_on(Path::new(DEMO), db, extra).await
    }

    pub async fn start_on(archive: &Path, db: &Db, extra: &[&str]) -> Server {
        let mut cmd = Command::new(BIN);
        cmd.args(["--archive", archive.to_str().unwrap(), "--database", &db.url, "--listen", "127.0.0.1:0"])
            .args(extra);
        for flag in ["--reads-per-minute", "--votes-per-minute"] {
            if !extra.contains(&flag) {
                cmd.args([flag, "0"]);
            }
        }
        Server::spawn(cmd).await
    }

    /// Starts `cmd` (the binary with its arguments and environment) and waits for its address.
    pub async fn spawn(mut cmd: Command) -> Server {
        let mut child =
            cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).kill_on_drop(true).spawn().expect("the server starts");
        let logs = Arc::new(Mutex::new(Vec::new()));
        let mut err = BufReader::new(child.stderr.take().unwrap()).lines();
        let sink = logs.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = err.next_line().await {
                sink.lock().unwrap().push(line);
            }
        });
        let mut line = String::new();
        let out = child.stdout.take().unwrap();
        let read = tokio::time::timeout(Duration::from_secs(30), BufReader::new(out).read_line(&mut line)).await;
        let Some(addr) = line.trim().strip_prefix("listening on http://").map(String::from) else {
            panic!("the server did not say where it listens ({read:?}, {line:?}); logs: {:?}", logs.lock().unwrap());
        };
        Server { child, addr, logs }
    }

    pub fn pid(&self) -> u32 {
        self.child.id().unwrap()
    }

    /// SIGTERM, as a service manager sends.
    pub fn terminate(&self) {
        let _ = std::process::Command::new("kill").arg(self.pid().to_string()).status();
    }

    /// A graceful stop that must end cleanly.
    pub async fn stop(mut self) -> Vec<String> {
        self.terminate();
        let status = tokio::time::timeout(Duration::from_secs(15), self.child.wait()).await.unwrap().unwrap();
        assert!(status.success(), "the server stops cleanly on SIGTERM: {status}");
        tokio::time::sleep(Duration::from_millis(50)).await;
        let logs = self.logs.lock().unwrap().clone();
        logs
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn error(&self) -> (u16, String) {
        (self.status, self.json()["error"].as_str().unwrap_or_default().to_string())
    }
}

pub async fn send_on(mut stream: TcpStream, raw: Vec<u8>) -> Reply {
    stream.write_all(&raw).await.unwrap();
    read_reply(stream).await
}

pub async fn read_reply(mut stream: TcpStream) -> Reply {
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

pub fn raw(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Vec<u8> {
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

pub async fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Reply {
    let stream = TcpStream::connect(addr).await.unwrap();
    send_on(stream, raw(addr, method, path, headers, body)).await
}

pub async fn get(addr: &str, path: &str) -> Reply {
    request(addr, "GET", path, &[], None).await
}

pub fn vote_body(client: &str, score: u8) -> String {
    format!(r#"{{"client":"{client}","score":{score}}}"#)
}

pub async fn vote(addr: &str, path: &str, client: &str, score: u8) -> Reply {
    let body = vote_body(client, score);
    request(addr, "PUT", path, &[("Content-Type", "application/json")], Some(body.as_bytes())).await
}

pub fn client(i: usize) -> String {
    format!("client{i:010}")
}

/// `(sum, count, mine)` of a 200 answer.
pub fn score(r: &Reply) -> (u64, u64, Value) {
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    (v["sum"].as_u64().unwrap(), v["count"].as_u64().unwrap(), v["mine"].clone())
}
