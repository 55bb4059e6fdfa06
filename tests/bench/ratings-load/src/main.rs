//! `ratings-load run --targets ADDR[,ADDR] --clients N --seconds S --max N --pages D/P,... --prefix X --acks FILE`
//! `ratings-load verify --database URL --prefix X --acks FILE`
//!
//! `run`: N clients, each on a keep-alive connection to one of the targets (spread evenly), send
//! votes one after another, each from a client id never used before, until S seconds or N votes
//! in all. A failed connection is dropped and the client moves to the next target after 50 ms,
//! as a load balancer would send it elsewhere. Prints one JSON object: votes sent, acknowledged
//! (200), refused by status, failed by error, votes per second, p50/p99 latency of the
//! acknowledged ones; every acknowledgement (client, page, score) goes to FILE.
//! `verify`: reads the rows whose client starts with the prefix and counts how many
//! acknowledgements are there exactly once with their score, and the rows no acknowledgement
//! names (votes recorded whose answer was lost).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

fn arg(args: &[String], name: &str) -> String {
    let i = args.iter().position(|a| a == name).unwrap_or_else(|| panic!("{name} is required"));
    args[i + 1].clone()
}

#[derive(Default)]
struct Tally {
    acks: Vec<(String, String, u8)>,
    latencies_us: Vec<u64>,
    refused: BTreeMap<u16, u64>,
    failed: BTreeMap<String, u64>,
}

/// Sends one PUT on a keep-alive connection and reads the answer's status (body read and dropped).
async fn put(conn: &mut BufReader<TcpStream>, host: &str, path: &str, body: &str) -> std::io::Result<u16> {
    let req = format!(
        "PUT {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    conn.get_mut().write_all(req.as_bytes()).await?;
    let mut line = String::new();
    if conn.read_line(&mut line).await? == 0 {
        return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed"));
    }
    let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        if conn.read_line(&mut line).await? == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed in headers"));
        }
        if line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    conn.read_exact(&mut body).await?;
    Ok(status)
}

/// What one client does for the whole run: vote after vote on its connection, moving to the next
/// target when the connection fails.
struct Plan {
    targets: Arc<Vec<String>>,
    pages: Arc<Vec<String>>,
    prefix: String,
    sent: Arc<AtomicU64>,
    max: u64,
    deadline: Instant,
}

async fn one_client(c: usize, plan: Arc<Plan>) -> Tally {
    let mut mine = Tally::default();
    let mut target = c % plan.targets.len();
    let mut conn: Option<BufReader<TcpStream>> = None;
    let mut seq = 0u64;
    while Instant::now() < plan.deadline && plan.sent.fetch_add(1, Ordering::Relaxed) < plan.max {
        seq += 1;
        let host = &plan.targets[target];
        let client = format!("{}{c:04}x{seq:07}", plan.prefix);
        let page = &plan.pages[(c + seq as usize) % plan.pages.len()];
        let score = (seq % 5) as u8 + 1;
        let body = format!(r#"{{"client":"{client}","score":{score}}}"#);
        let t0 = Instant::now();
        let result = async {
            if conn.is_none() {
                conn = Some(BufReader::new(TcpStream::connect(host).await?));
            }
            put(conn.as_mut().unwrap(), host, &format!("/{page}"), &body).await
        };
        match tokio::time::timeout(Duration::from_secs(10), result).await {
            Ok(Ok(200)) => {
                mine.latencies_us.push(t0.elapsed().as_micros() as u64);
                mine.acks.push((client, page.clone(), score));
            }
            Ok(Ok(status)) => {
                // As a reader's retry would, not at once.
                *mine.refused.entry(status).or_default() += 1;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Ok(Err(e)) => {
                *mine.failed.entry(format!("{:?}", e.kind())).or_default() += 1;
                conn = None;
                target = (target + 1) % plan.targets.len();
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(_) => {
                *mine.failed.entry("Timeout".into()).or_default() += 1;
                conn = None;
            }
        }
    }
    mine
}

impl Tally {
    fn merge(&mut self, mut other: Tally) {
        self.acks.append(&mut other.acks);
        self.latencies_us.append(&mut other.latencies_us);
        for (k, v) in other.refused {
            *self.refused.entry(k).or_default() += v;
        }
        for (k, v) in other.failed {
            *self.failed.entry(k).or_default() += v;
        }
    }

    /// The latency at fraction `p` of the acknowledged votes, in ms.
    fn percentile(&self, p: f64) -> f64 {
        let l = &self.latencies_us;
        if l.is_empty() {
            0.0
        } else {
            l[((l.len() - 1) as f64 * p).round() as usize] as f64 / 1000.0
        }
    }
}

async fn run(args: &[String]) {
    let clients: usize = arg(args, "--clients").parse().unwrap();
    let seconds: f64 = arg(args, "--seconds").parse().unwrap();
    let plan = Arc::new(Plan {
        targets: Arc::new(arg(args, "--targets").split(',').map(String::from).collect()),
        pages: Arc::new(arg(args, "--pages").split(',').map(String::from).collect()),
        prefix: arg(args, "--prefix"),
        sent: Arc::new(AtomicU64::new(0)),
        max: arg(args, "--max").parse().unwrap(),
        deadline: Instant::now() + Duration::from_secs_f64(seconds),
    });
    let start = Instant::now();
    let tasks: Vec<_> = (0..clients).map(|c| tokio::spawn(one_client(c, plan.clone()))).collect();
    let mut tally = Tally::default();
    for t in tasks {
        tally.merge(t.await.unwrap());
    }
    let took = start.elapsed().as_secs_f64();
    let mut file = std::io::BufWriter::new(std::fs::File::create(arg(args, "--acks")).unwrap());
    for (client, page, score) in &tally.acks {
        writeln!(file, "{client} {page} {score}").unwrap();
    }
    tally.latencies_us.sort_unstable();
    let not_acked = tally.refused.values().sum::<u64>() + tally.failed.values().sum::<u64>();
    println!(
        "{}",
        serde_json::json!({
            "attempted": tally.acks.len() as u64 + not_acked,
            "acked": tally.acks.len(),
            "refused": tally.refused.iter().map(|(k, v)| (k.to_string(), *v)).collect::<BTreeMap<_, _>>(),
            "failed": tally.failed,
            "seconds": took,
            "votes_per_second": tally.acks.len() as f64 / took,
            "p50_ms": tally.percentile(0.50),
            "p99_ms": tally.percentile(0.99),
            "max_ms": tally.percentile(1.0),
        })
    );
}

/// Every row of the run: client → (page, score).
async fn rows(database: &str, prefix: &str) -> HashMap<String, (String, u8)> {
    let sql =
        "SELECT client, CAST(date AS TEXT) || '/' || page, CAST(score AS INTEGER) FROM votes WHERE client LIKE $1";
    let like = format!("{prefix}%");
    if let Some(file) = database.strip_prefix("sqlite:") {
        let conn = rusqlite::Connection::open(file).unwrap();
        let mut stmt = conn.prepare(&sql.replace("$1", "?1")).unwrap();
        let rows = stmt
            .query_map([&like], |r| Ok((r.get::<_, String>(0)?, (r.get::<_, String>(1)?, r.get::<_, u8>(2)?))))
            .unwrap();
        rows.map(Result::unwrap).collect()
    } else {
        let (client, conn) = tokio_postgres::connect(database, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(conn);
        let rows = client.query(sql, &[&like]).await.unwrap();
        rows.iter().map(|r| (r.get(0), (r.get(1), r.get::<_, i32>(2) as u8))).collect()
    }
}

async fn drift(database: &str) -> i64 {
    let sql = "SELECT COUNT(*) FROM totals t FULL JOIN (SELECT date, page, SUM(score) AS s, COUNT(*) AS n FROM votes \
               GROUP BY date, page) v ON v.date = t.date AND v.page = t.page \
               WHERE COALESCE(t.sum, 0) <> COALESCE(v.s, 0) OR COALESCE(t.count, 0) <> COALESCE(v.n, 0)";
    if let Some(file) = database.strip_prefix("sqlite:") {
        rusqlite::Connection::open(file).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
    } else {
        let (client, conn) = tokio_postgres::connect(database, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(conn);
        client.query_one(sql, &[]).await.unwrap().get(0)
    }
}

async fn verify(args: &[String]) {
    let rows = rows(&arg(args, "--database"), &arg(args, "--prefix")).await;
    let acks = std::fs::read_to_string(arg(args, "--acks")).unwrap();
    let (mut found, mut missing, mut wrong) = (0u64, 0u64, 0u64);
    let mut named = 0u64;
    for line in acks.lines() {
        let mut f = line.split(' ');
        let (client, page, score) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap().parse::<u8>().unwrap());
        named += 1;
        match rows.get(client) {
            Some((p, s)) if p == page && *s == score => found += 1,
            Some(_) => wrong += 1,
            None => missing += 1,
        }
    }
    println!(
        "{}",
        serde_json::json!({
            "acked": named,
            "rows": rows.len(),
            "acked_found_once": found,
            "acked_missing": missing,
            "acked_wrong": wrong,
            "rows_unacknowledged": rows.len() as u64 - found - wrong,
            "pages_with_drifted_totals": drift(&arg(args, "--database")).await,
        })
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run(&args).await,
        Some("verify") => verify(&args).await,
        _ => {
            eprintln!("usage: ratings-load run ... | verify ... (see src/main.rs)");
            std::process::exit(2);
        }
    }
}
