//! The SQLite engine: one file, behind a single worker thread. Requests queue up and the worker
//! applies whatever is waiting in one `BEGIN IMMEDIATE` transaction (group commit), so a burst of
//! votes costs one disk sync. The totals are kept by triggers (migration V2), so a vote is one
//! upsert. The immediate transaction and a busy timeout let several processes share one file.

use crate::store::{BoxFuture, Engine, StoreError, Tally};
use broadsheet_model::Day;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;
use std::sync::{mpsc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::oneshot;

/// The most requests applied in one transaction.
const BATCH: usize = 512;

/// The schema's versions, applied in order by refinery and recorded in `refinery_schema_history`.
pub fn migrations() -> Vec<refinery::Migration> {
    [
        ("V1__votes_and_totals", include_str!("../migrations/sqlite/V1__votes_and_totals.sql")),
        ("V2__totals_kept_by_triggers", include_str!("../migrations/sqlite/V2__totals_kept_by_triggers.sql")),
    ]
    .into_iter()
    .map(|(name, sql)| refinery::Migration::unapplied(name, sql).expect("a well-named migration"))
    .collect()
}

enum Op {
    Read { client: Option<String> },
    Vote { client: String, score: u8 },
    Ping,
}

struct Job {
    date: String,
    page: String,
    op: Op,
    reply: oneshot::Sender<Result<Tally, String>>,
}

pub struct Sqlite {
    jobs: Mutex<Option<mpsc::Sender<Job>>>,
    worker: Mutex<Option<JoinHandle<()>>>,
}

impl Sqlite {
    /// Opens (or creates) the file, brings its schema up to date and starts the worker.
    pub fn open(file: &Path) -> Result<Sqlite, String> {
        let at = |e: &dyn std::fmt::Display| format!("{}: {e}", file.display());
        let mut conn = Connection::open(file).map_err(|e| at(&e))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| at(&e))?;
        when_free(|| conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"))
            .map_err(|e| at(&e))?;
        migrate(&mut conn).map_err(|e| at(&e))?;
        let (jobs, queue) = mpsc::channel::<Job>();
        let worker = std::thread::Builder::new()
            .name("ratings-sqlite".into())
            .spawn(move || worker(conn, queue))
            .map_err(|e| e.to_string())?;
        Ok(Sqlite { jobs: Mutex::new(Some(jobs)), worker: Mutex::new(Some(worker)) })
    }

    async fn ask(&self, date: Day, page: &str, op: Op) -> Result<Tally, StoreError> {
        let (reply, answer) = oneshot::channel();
        let job = Job { date: date.to_string(), page: page.to_string(), op, reply };
        let sent = match &*self.jobs.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(jobs) => jobs.send(job).is_ok(),
            None => false,
        };
        if !sent {
            return Err(StoreError::Closed);
        }
        match answer.await {
            Ok(result) => result.map_err(StoreError::Database),
            Err(_) => Err(StoreError::Closed),
        }
    }
}

/// How long a statement waits for another process's lock on the file.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Runs `f` again while the file is locked, for up to `BUSY_TIMEOUT`. Switching a new file to WAL
/// takes a lock that SQLite does not wait for: two processes opening one new file at once saw
/// "database is locked" on the switch, although the busy timeout is set (the test of two servers
/// started together failed so in 26 of 60 runs here).
fn when_free<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let start = std::time::Instant::now();
    loop {
        match f() {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            done => return done,
        }
    }
}

/// Applies the migrations. Two processes starting on a new file at once can meet in the middle
/// (refinery takes no lock): the one that loses finds the work done when it tries again.
fn migrate(conn: &mut Connection) -> Result<(), refinery::Error> {
    let runner = refinery::Runner::new(&migrations());
    let mut tries = 0;
    loop {
        match runner.run(conn) {
            Ok(report) => {
                for m in report.applied_migrations() {
                    tracing::info!(engine = "sqlite", migration = %m, "migration applied");
                }
                return Ok(());
            }
            Err(e) if tries < 4 => {
                tracing::warn!(engine = "sqlite", error = %e, "migration failed, trying again");
                tries += 1;
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(e) => return Err(e),
        }
    }
}

impl Engine for Sqlite {
    fn read<'a>(
        &'a self,
        date: Day,
        page: &'a str,
        client: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Tally, StoreError>> {
        Box::pin(self.ask(date, page, Op::Read { client: client.map(String::from) }))
    }

    fn vote<'a>(
        &'a self,
        date: Day,
        page: &'a str,
        client: &'a str,
        score: u8,
    ) -> BoxFuture<'a, Result<Tally, StoreError>> {
        Box::pin(self.ask(date, page, Op::Vote { client: client.to_string(), score }))
    }

    fn ping(&self) -> BoxFuture<'_, Result<(), String>> {
        Box::pin(async move {
            let day = Day::parse("2000-01-01").expect("a date");
            self.ask(day, "-", Op::Ping).await.map(|_| ()).map_err(|e| format!("{e:?}"))
        })
    }

    fn close(&self) -> BoxFuture<'_, ()> {
        // Without a sender the worker finishes the queue and returns.
        drop(self.jobs.lock().unwrap_or_else(|e| e.into_inner()).take());
        let worker = self.worker.lock().unwrap_or_else(|e| e.into_inner()).take();
        Box::pin(async move {
            if let Some(w) = worker {
                let _ = tokio::task::spawn_blocking(move || w.join()).await;
            }
        })
    }
}

fn worker(mut conn: Connection, queue: mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        match apply(&mut conn, &batch) {
            Ok(results) => {
                for (job, result) in batch.into_iter().zip(results) {
                    let _ = job.reply.send(result.map_err(|e| e.to_string()));
                }
            }
            Err(e) => {
                for job in batch {
                    let _ = job.reply.send(Err(e.to_string()));
                }
            }
        }
    }
}

fn apply(conn: &mut Connection, jobs: &[Job]) -> rusqlite::Result<Vec<rusqlite::Result<Tally>>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let answers = jobs.iter().map(|job| one(&tx, job, now)).collect();
    tx.commit()?;
    Ok(answers)
}

/// One job inside the batch's transaction. A failed statement is undone alone (SQLite rolls back
/// the statement, not the transaction), so one bad job does not sink the others.
fn one(tx: &rusqlite::Transaction, job: &Job, now: i64) -> rusqlite::Result<Tally> {
    let (date, page) = (job.date.as_str(), job.page.as_str());
    let mine = match &job.op {
        Op::Ping => {
            tx.query_row("SELECT 1", [], |_| Ok(()))?;
            return Ok(Tally::default());
        }
        Op::Read { client: None } => None,
        Op::Read { client: Some(c) } => tx
            .prepare_cached("SELECT score FROM votes WHERE date = ?1 AND page = ?2 AND client = ?3")?
            .query_row(params![date, page, c], |r| r.get::<_, u8>(0))
            .optional()?,
        Op::Vote { client, score } => {
            // A repeated vote writes nothing; the triggers adjust the totals for a new or changed one.
            tx.prepare_cached(
                "INSERT INTO votes (date, page, client, score, updated) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (date, page, client) DO UPDATE SET score = excluded.score, updated = excluded.updated
                 WHERE score IS NOT excluded.score",
            )?
            .execute(params![date, page, client, score, now])?;
            Some(*score)
        }
    };
    let (sum, count) = tx
        .prepare_cached("SELECT sum, count FROM totals WHERE date = ?1 AND page = ?2")?
        .query_row(params![date, page], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, 0));
    Ok(Tally { sum, count, mine })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_opening_one_new_file_at_once_both_open_it() {
        let dir = std::env::temp_dir().join(format!("broadsheet-sqlite-open-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..50 {
            let file = dir.join(format!("{i}.sqlite"));
            let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
            let opened: Vec<_> = (0..2)
                .map(|_| {
                    let (file, barrier) = (file.clone(), barrier.clone());
                    std::thread::spawn(move || {
                        barrier.wait();
                        Sqlite::open(&file).map(|_| ())
                    })
                })
                .collect();
            for o in opened {
                assert_eq!(o.join().unwrap(), Ok(()), "attempt {i}");
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
