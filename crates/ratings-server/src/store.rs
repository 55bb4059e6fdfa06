//! Votes in SQLite, one per client per page, behind a single worker thread. Requests queue up
//! and the worker applies whatever is waiting in one transaction (group commit), so a burst of
//! votes costs one disk sync, and every vote sees the ones before it. `BEGIN IMMEDIATE` with a
//! busy timeout keeps the counts right even when several processes share one database file.

use crate::catalog::{Catalog, Lookup};
use broadsheet_model::Day;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::oneshot;

/// The most requests applied in one transaction.
const BATCH: usize = 512;

/// A page's shared score: the data's baseline plus the votes held here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Score {
    pub sum: u64,
    pub count: u64,
    /// The asking client's own vote, when it named itself and has voted.
    pub mine: Option<u8>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum StoreError {
    Unknown(Lookup),
    Database(String),
    /// The worker thread is gone (the server is shutting down).
    Closed,
}

enum Op {
    Read { client: Option<String> },
    Vote { client: String, score: u8 },
}

struct Job {
    date: Day,
    page: String,
    op: Op,
    reply: oneshot::Sender<Result<Score, StoreError>>,
}

#[derive(Clone)]
pub struct Store {
    jobs: mpsc::Sender<Job>,
}

const SCHEMA: &str = "
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    CREATE TABLE IF NOT EXISTS votes (
        date    TEXT    NOT NULL,
        page    TEXT    NOT NULL,
        client  TEXT    NOT NULL,
        score   INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        updated INTEGER NOT NULL,
        PRIMARY KEY (date, page, client)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS totals (
        date  TEXT    NOT NULL,
        page  TEXT    NOT NULL,
        sum   INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (date, page)
    ) WITHOUT ROWID;
";

/// Opens (or creates) the database and checks the archive, then starts the worker.
pub fn open(db: &Path, archive: PathBuf) -> Result<Store, String> {
    let conn = Connection::open(db).map_err(|e| format!("{}: {e}", db.display()))?;
    conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(|e| e.to_string())?;
    conn.execute_batch(SCHEMA).map_err(|e| format!("{}: {e}", db.display()))?;
    let mut catalog = Catalog::new(archive);
    catalog.check()?;
    let (jobs, queue) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("ratings-db".into())
        .spawn(move || worker(conn, catalog, queue))
        .map_err(|e| e.to_string())?;
    Ok(Store { jobs })
}

impl Store {
    async fn ask(&self, date: Day, page: String, op: Op) -> Result<Score, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job { date, page, op, reply }).map_err(|_| StoreError::Closed)?;
        answer.await.unwrap_or(Err(StoreError::Closed))
    }

    /// The page's score, and `client`'s own vote when given.
    pub async fn read(&self, date: Day, page: String, client: Option<String>) -> Result<Score, StoreError> {
        self.ask(date, page, Op::Read { client }).await
    }

    /// Records `client`'s vote on the page, replacing an earlier one; returns the new score.
    pub async fn vote(&self, date: Day, page: String, client: String, score: u8) -> Result<Score, StoreError> {
        self.ask(date, page, Op::Vote { client, score }).await
    }
}

fn worker(mut conn: Connection, mut catalog: Catalog, queue: mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        // Unknown pages are answered before the transaction; the rest get their baseline.
        let mut ready = Vec::with_capacity(batch.len());
        for job in batch {
            match catalog.page(job.date, &job.page) {
                Ok(baseline) => ready.push((job, baseline)),
                Err(e) => {
                    let _ = job.reply.send(Err(StoreError::Unknown(e)));
                }
            }
        }
        if ready.is_empty() {
            continue;
        }
        match apply(&mut conn, &ready) {
            Ok(results) => {
                for ((job, _), result) in ready.into_iter().zip(results) {
                    let _ = job.reply.send(result);
                }
            }
            Err(e) => {
                for (job, _) in ready {
                    let _ = job.reply.send(Err(StoreError::Database(e.to_string())));
                }
            }
        }
    }
}

type Answer = Result<Score, StoreError>;

fn apply(conn: &mut Connection, jobs: &[(Job, crate::catalog::Baseline)]) -> rusqlite::Result<Vec<Answer>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let mut answers = Vec::with_capacity(jobs.len());
    for (job, baseline) in jobs {
        let date = job.date.to_string();
        let page = job.page.as_str();
        let answer = (|| -> rusqlite::Result<Score> {
            let mine = match &job.op {
                Op::Read { client } => match client {
                    Some(c) => own_vote(&tx, &date, page, c)?,
                    None => None,
                },
                Op::Vote { client, score } => {
                    let old = own_vote(&tx, &date, page, client)?;
                    tx.execute(
                        "INSERT INTO votes (date, page, client, score, updated) VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT (date, page, client) DO UPDATE SET score = excluded.score, updated = excluded.updated",
                        params![date, page, client, score, now],
                    )?;
                    let delta = *score as i64 - old.map_or(0, |o| o as i64);
                    let added = old.is_none() as i64;
                    tx.execute(
                        "INSERT INTO totals (date, page, sum, count) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (date, page) DO UPDATE SET sum = sum + ?3, count = count + ?4",
                        params![date, page, delta, added],
                    )?;
                    Some(*score)
                }
            };
            let (sum, count): (i64, i64) = tx
                .query_row("SELECT sum, count FROM totals WHERE date = ?1 AND page = ?2", params![date, page], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
                .unwrap_or((0, 0));
            Ok(Score { sum: baseline.sum + sum.max(0) as u64, count: baseline.count + count.max(0) as u64, mine })
        })();
        answers.push(answer.map_err(|e| StoreError::Database(e.to_string())));
    }
    tx.commit()?;
    Ok(answers)
}

fn own_vote(tx: &rusqlite::Transaction, date: &str, page: &str, client: &str) -> rusqlite::Result<Option<u8>> {
    tx.query_row(
        "SELECT score FROM votes WHERE date = ?1 AND page = ?2 AND client = ?3",
        params![date, page, client],
        |r| r.get::<_, u8>(0),
    )
    .optional()
}
