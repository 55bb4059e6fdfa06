//! The PostgreSQL engine, for several instances over one database: a pool of connections, a vote
//! as one upsert (autocommitted; a trigger keeps the page's totals in the same transaction) and
//! a read as one query. Nothing about scores is kept in the process.

use crate::store::{BoxFuture, Engine, StoreError, Tally};
use broadsheet_model::Day;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use std::time::Duration;
use tokio_postgres::error::SqlState;
use tokio_postgres::NoTls;

/// The schema's versions, applied in order by refinery and recorded in `refinery_schema_history`.
pub fn migrations() -> Vec<refinery::Migration> {
    [("V1__votes_and_totals", include_str!("../migrations/postgres/V1__votes_and_totals.sql"))]
        .into_iter()
        .map(|(name, sql)| refinery::Migration::unapplied(name, sql).expect("a well-named migration"))
        .collect()
}

/// How long a request keeps trying when the database went away.
const RETRY_FOR: Duration = Duration::from_millis(2500);

/// Taken while migrating, so that instances starting together apply each migration once.
const MIGRATION_LOCK: i64 = 0x6272_6f61_6473; // "broads"

const READ: &str = "SELECT t.sum, t.count, v.score
    FROM (SELECT $1::text::date AS date, $2::text AS page) AS k
    LEFT JOIN totals t ON t.date = k.date AND t.page = k.page
    LEFT JOIN votes v ON v.date = k.date AND v.page = k.page AND v.client = $3::text";

// A repeated vote writes nothing; the trigger adjusts the totals for a new or changed one.
const VOTE: &str = "INSERT INTO votes AS v (date, page, client, score) VALUES ($1::text::date, $2, $3, $4)
    ON CONFLICT (date, page, client) DO UPDATE SET score = excluded.score, updated = now()
    WHERE v.score IS DISTINCT FROM excluded.score";

pub struct Postgres {
    pool: Pool,
}

fn config(url: &str) -> Result<tokio_postgres::Config, String> {
    let mut config: tokio_postgres::Config = url.parse().map_err(|e| format!("the PostgreSQL URL: {e}"))?;
    if config.get_application_name().is_none() {
        config.application_name("broadsheet-ratings");
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(5));
    }
    Ok(config)
}

impl Postgres {
    /// Connects, applies the migrations under an advisory lock and makes the pool.
    pub async fn open(url: &str, connections: usize) -> Result<Postgres, String> {
        let config = config(url)?;
        let what = format!("PostgreSQL database {:?}", config.get_dbname().unwrap_or("(default)"));
        migrate(&config).await.map_err(|e| format!("{what}: {e}"))?;
        let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(connections)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(Duration::from_secs(5)))
            .create_timeout(Some(Duration::from_secs(2)))
            .build()
            .map_err(|e| format!("{what}: {e}"))?;
        Ok(Postgres { pool })
    }

    /// Runs `op` on a pooled connection, again after a pause when the connection was lost (a
    /// restarted or failed-over server), for up to [`RETRY_FOR`]: a vote is idempotent, so a retry
    /// cannot count twice. A fast restart of PostgreSQL takes about a second; the reader waits 5.
    async fn with_retry<T, F>(&self, op: F) -> Result<T, StoreError>
    where
        F: for<'c> Fn(&'c deadpool_postgres::Client) -> BoxFuture<'c, Result<T, tokio_postgres::Error>>,
    {
        let started = std::time::Instant::now();
        let mut pause = Duration::from_millis(100);
        let mut attempt = 1;
        loop {
            let failure = match self.pool.get().await {
                Ok(client) => match op(&client).await {
                    Ok(v) => return Ok(v),
                    Err(e) => {
                        let transient = lost_connection(&e);
                        if transient {
                            // Do not hand this connection out again.
                            let _ = deadpool_postgres::Object::take(client);
                        }
                        (e.to_string(), transient)
                    }
                },
                Err(e) => (e.to_string(), true),
            };
            if !failure.1 || started.elapsed() + pause > RETRY_FOR {
                return Err(StoreError::Database(failure.0));
            }
            tracing::debug!(engine = "postgres", attempt, error = %failure.0, "trying again");
            tokio::time::sleep(pause).await;
            pause *= 2;
            attempt += 1;
        }
    }
}

/// Whether an error means the connection or the server went away, rather than the statement
/// being wrong.
fn lost_connection(e: &tokio_postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    match e.code() {
        Some(code) => {
            let c = code.code();
            c.starts_with("08") || c.starts_with("57P") || *code == SqlState::READ_ONLY_SQL_TRANSACTION
        }
        // An I/O error with no SQL state: the socket broke.
        None => e.as_db_error().is_none(),
    }
}

async fn migrate(config: &tokio_postgres::Config) -> Result<(), String> {
    let (mut client, connection) = config.connect(NoTls).await.map_err(|e| e.to_string())?;
    let conn = tokio::spawn(connection);
    client.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK]).await.map_err(|e| e.to_string())?;
    let report = refinery::Runner::new(&migrations()).run_async(&mut client).await;
    let _ = client.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK]).await;
    drop(client);
    let _ = conn.await;
    for m in report.map_err(|e| e.to_string())?.applied_migrations() {
        tracing::info!(engine = "postgres", migration = %m, "migration applied");
    }
    Ok(())
}

fn tally(row: Option<&tokio_postgres::Row>, mine: Option<u8>) -> Result<Tally, tokio_postgres::Error> {
    let Some(row) = row else { return Ok(Tally { mine, ..Tally::default() }) };
    let score: Option<i16> = row.try_get(2)?;
    Ok(Tally {
        sum: row.try_get::<_, Option<i64>>(0)?.unwrap_or(0),
        count: row.try_get::<_, Option<i64>>(1)?.unwrap_or(0),
        mine: mine.or(score.and_then(|s| u8::try_from(s).ok())),
    })
}

impl Engine for Postgres {
    fn read<'a>(
        &'a self,
        date: Day,
        page: &'a str,
        client: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Tally, StoreError>> {
        let date = date.to_string();
        Box::pin(async move {
            self.with_retry(|c| {
                // Owned, so that the future borrows only the connection.
                let (date, page, client) = (date.clone(), page.to_string(), client.map(String::from));
                Box::pin(async move {
                    let stmt = c.prepare_cached(READ).await?;
                    let rows = c.query(&stmt, &[&date, &page, &client]).await?;
                    tally(rows.first(), None)
                })
            })
            .await
        })
    }

    fn vote<'a>(
        &'a self,
        date: Day,
        page: &'a str,
        client: &'a str,
        score: u8,
    ) -> BoxFuture<'a, Result<Tally, StoreError>> {
        let date = date.to_string();
        Box::pin(async move {
            self.with_retry(|c| {
                let (date, page, client) = (date.clone(), page.to_string(), client.to_string());
                Box::pin(async move {
                    let (vote, read) = (c.prepare_cached(VOTE).await?, c.prepare_cached(READ).await?);
                    c.execute(&vote, &[&date, &page, &client, &(score as i16)]).await?;
                    let rows = c.query(&read, &[&date, &page, &None::<&str>]).await?;
                    tally(rows.first(), Some(score))
                })
            })
            .await
        })
    }

    fn ping(&self) -> BoxFuture<'_, Result<(), String>> {
        Box::pin(async move {
            let client = self.pool.get().await.map_err(|e| e.to_string())?;
            client.simple_query("SELECT 1").await.map(|_| ()).map_err(|e| e.to_string())
        })
    }

    fn close(&self) -> BoxFuture<'_, ()> {
        self.pool.close();
        Box::pin(async {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_get_a_name_and_a_timeout() {
        let c = config("postgres://ratings:secret@127.0.0.1:5433/votes").unwrap();
        assert_eq!(c.get_dbname(), Some("votes"));
        assert_eq!(c.get_application_name(), Some("broadsheet-ratings"));
        assert_eq!(c.get_connect_timeout(), Some(&Duration::from_secs(5)));
        assert!(config("postgres://x:y@host:notaport/db").is_err());
        // A Unix socket, as the docs suggest for a database on the same machine.
        let c = config("postgres://ratings@%2Fvar%2Frun%2Fpostgresql/ratings").unwrap();
        assert!(
            matches!(c.get_hosts(), [tokio_postgres::config::Host::Unix(p)] if p.to_str() == Some("/var/run/postgresql"))
        );
    }
}
