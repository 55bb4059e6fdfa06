//! Votes behind one trait, [`Engine`], with two engines: [`crate::sqlite`] (one file, the default)
//! and [`crate::postgres`] (shared by several instances). [`Store`] adds what every engine needs:
//! which pages exist and their data baselines, from the archive folder.

use crate::catalog::{Catalog, Lookup};
use crate::config::Database;
use broadsheet_model::Day;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// A boxed future, so that the engines can sit behind `dyn Engine`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What an engine holds for a page: the sum and count of its votes (kept by the database in step
/// with the votes), and the asking client's own vote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub sum: i64,
    pub count: i64,
    pub mine: Option<u8>,
}

/// A page's shared score: the data's baseline plus the votes held here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Score {
    pub sum: u64,
    pub count: u64,
    /// The asking client's own vote, when it named itself and has voted.
    pub mine: Option<u8>,
}

/// A storage engine. Each method is one short unit of work: a vote is one upsert of the client's
/// row for the page (a changed vote replaces the earlier one), after which the page's totals are
/// read back. A [`StoreError::Database`] carries a message for the log; the client sees
/// `503 database`.
pub trait Engine: Send + Sync + 'static {
    /// The page's totals and, when `client` is given, that client's vote.
    fn read<'a>(
        &'a self,
        date: Day,
        page: &'a str,
        client: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Tally, StoreError>>;
    /// Records `client`'s vote on the page, replacing an earlier one; returns the totals after it.
    fn vote<'a>(
        &'a self,
        date: Day,
        page: &'a str,
        client: &'a str,
        score: u8,
    ) -> BoxFuture<'a, Result<Tally, StoreError>>;
    /// Whether the database answers now (readiness).
    fn ping(&self) -> BoxFuture<'_, Result<(), String>>;
    /// Finishes the work already queued and lets go of the database.
    fn close(&self) -> BoxFuture<'_, ()>;
}

#[derive(Debug, PartialEq, Eq)]
pub enum StoreError {
    Unknown(Lookup),
    Database(String),
    /// The store is closed (the server is shutting down).
    Closed,
}

/// The pages of the archive and an engine for their votes. Cheap to clone; holds no scores, so
/// that several instances over one database always answer alike.
#[derive(Clone)]
pub struct Store {
    engine: Arc<dyn Engine>,
    catalog: Arc<Mutex<Catalog>>,
}

/// Opens the database named, applying its migrations, and checks the archive.
pub async fn open(database: &Database, archive: std::path::PathBuf, connections: u32) -> Result<Store, String> {
    let mut catalog = Catalog::new(archive);
    catalog.check()?;
    let engine: Arc<dyn Engine> = match database {
        Database::Sqlite(file) => Arc::new(crate::sqlite::Sqlite::open(file)?),
        Database::Postgres(url) => Arc::new(crate::postgres::Postgres::open(url, connections as usize).await?),
    };
    Ok(Store { engine, catalog: Arc::new(Mutex::new(catalog)) })
}

impl Store {
    /// The page's baseline, or why it cannot be rated. The catalog only looks at file stamps
    /// unless a file changed, so the lock is held for microseconds.
    fn baseline(&self, date: Day, page: &str) -> Result<crate::catalog::Baseline, StoreError> {
        let mut catalog = self.catalog.lock().unwrap_or_else(|e| e.into_inner());
        catalog.page(date, page).map_err(StoreError::Unknown)
    }

    /// The page's score, and `client`'s own vote when given.
    pub async fn read(&self, date: Day, page: &str, client: Option<&str>) -> Result<Score, StoreError> {
        let baseline = self.baseline(date, page)?;
        let tally = self.engine.read(date, page, client).await?;
        with_baseline(tally, baseline)
    }

    /// Records `client`'s vote on the page, replacing an earlier one; returns the new score.
    pub async fn vote(&self, date: Day, page: &str, client: &str, score: u8) -> Result<Score, StoreError> {
        let baseline = self.baseline(date, page)?;
        let tally = self.engine.vote(date, page, client, score).await?;
        with_baseline(tally, baseline)
    }

    /// Whether the archive can be read and the database answers.
    pub async fn ready(&self) -> Result<(), String> {
        self.catalog.lock().unwrap_or_else(|e| e.into_inner()).check()?;
        self.engine.ping().await
    }

    /// Finishes queued work and closes the database.
    pub async fn close(&self) {
        self.engine.close().await
    }
}

/// The baseline plus the votes. Negative totals can only come from a damaged database.
fn with_baseline(t: Tally, baseline: crate::catalog::Baseline) -> Result<Score, StoreError> {
    let (Ok(sum), Ok(count)) = (u64::try_from(t.sum), u64::try_from(t.count)) else {
        return Err(StoreError::Database(format!("negative totals {} from {}", t.sum, t.count)));
    };
    Ok(Score { sum: baseline.sum + sum, count: baseline.count + count, mine: t.mine })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Baseline;

    #[test]
    fn the_baseline_is_added_and_damage_refused() {
        let b = Baseline { sum: 42, count: 10 };
        let t = Tally { sum: 5, count: 1, mine: Some(5) };
        assert_eq!(with_baseline(t, b), Ok(Score { sum: 47, count: 11, mine: Some(5) }));
        assert!(matches!(with_baseline(Tally { sum: -3, count: 1, mine: None }, b), Err(StoreError::Database(_))));
    }
}
