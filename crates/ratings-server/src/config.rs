//! The server's settings: each one a flag and an environment variable (the flag wins), so that the
//! same binary runs from a shell, a systemd unit or a container.

use crate::Origins;
use clap::{Parser, ValueEnum};
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(Parser, Debug, Clone)]
#[command(
    name = "ratings-server",
    version,
    about = "Broadsheet's reference ratings server (docs/ratings-api.md)",
    after_help = "Prints `listening on http://ADDR` on standard output once it accepts connections; \
                  logs go to standard error. Stops on Ctrl-C or SIGTERM after finishing the requests in progress."
)]
pub struct Config {
    /// The archive folder (with archive.json) that the reader is served from; only its pages can
    /// be rated, and their data baselines count in the score.
    #[arg(long, env = "RATINGS_ARCHIVE", value_name = "DIR")]
    pub archive: PathBuf,

    /// Where votes are kept: sqlite:FILE (created when missing) or postgres://USER:PASSWORD@HOST:PORT/DB.
    #[arg(long, env = "RATINGS_DATABASE", value_name = "URL", default_value = "sqlite:ratings.sqlite")]
    pub database: String,

    /// The SQLite file; the same as --database sqlite:FILE (kept from the first version).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,

    /// Address and port; port 0 picks a free one.
    #[arg(long, env = "RATINGS_LISTEN", value_name = "ADDR", default_value = "127.0.0.1:8787")]
    pub listen: String,

    /// A web origin that may call the server from a browser, e.g. https://portal.example; repeat
    /// for more (comma-separated in the variable). Default: any origin (*).
    #[arg(long = "allow-origin", env = "RATINGS_ALLOW_ORIGIN", value_name = "URL", value_delimiter = ',')]
    pub allow_origin: Vec<String>,

    /// Reads (GET) one client address may make per minute, in bursts of as many; 0 for no limit.
    #[arg(long, env = "RATINGS_READS_PER_MINUTE", value_name = "N", default_value_t = 600)]
    pub reads_per_minute: u32,

    /// Votes (PUT) one client address may send per minute, in bursts of as many; 0 for no limit.
    #[arg(long, env = "RATINGS_VOTES_PER_MINUTE", value_name = "N", default_value_t = 60)]
    pub votes_per_minute: u32,

    /// A reverse proxy whose X-Forwarded-For is believed (its own address is not the reader's);
    /// repeat for more (comma-separated in the variable).
    #[arg(long = "trusted-proxy", env = "RATINGS_TRUSTED_PROXY", value_name = "IP", value_delimiter = ',')]
    pub trusted_proxy: Vec<IpAddr>,

    /// PostgreSQL connections this instance keeps at most.
    #[arg(long, env = "RATINGS_DB_CONNECTIONS", value_name = "N", default_value_t = 16,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub db_connections: u32,

    /// Seconds to finish the requests in progress after SIGTERM before closing their connections.
    #[arg(long, env = "RATINGS_SHUTDOWN_GRACE", value_name = "SECONDS", default_value_t = 10)]
    pub shutdown_grace: u64,

    /// Log lines as JSON objects (for a log collector) or as text.
    #[arg(long, env = "RATINGS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Json)]
    pub log_format: LogFormat,

    /// The least important events logged: error, warn, info or debug (debug logs every request).
    #[arg(long, env = "RATINGS_LOG_LEVEL", value_name = "LEVEL", default_value = "info")]
    pub log_level: tracing::Level,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Json,
    Text,
}

/// Where votes are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    Sqlite(PathBuf),
    /// A libpq-style URL, passed to the client as it is.
    Postgres(String),
}

impl Database {
    /// Reads `sqlite:FILE`, `sqlite://FILE` (`sqlite:///abs/file`), `postgres://…` or `postgresql://…`.
    pub fn parse(url: &str) -> Result<Database, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Database::Postgres(url.to_string()));
        }
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            if path.is_empty() {
                return Err("sqlite: needs a file name, e.g. sqlite:ratings.sqlite".into());
            }
            return Ok(Database::Sqlite(PathBuf::from(path)));
        }
        Err(format!("{url:?} is not a database URL: use sqlite:FILE or postgres://USER@HOST/DB"))
    }

    /// The engine's name, for logs.
    pub fn engine(&self) -> &'static str {
        match self {
            Database::Sqlite(_) => "sqlite",
            Database::Postgres(_) => "postgres",
        }
    }
}

impl Config {
    /// The database named by `--db` or else `--database`.
    pub fn database(&self) -> Result<Database, String> {
        match &self.db {
            Some(file) => Ok(Database::Sqlite(file.clone())),
            None => Database::parse(&self.database),
        }
    }

    /// The origins allowed by `--allow-origin`: any when none is given or one is `*`.
    pub fn origins(&self) -> Origins {
        let list: Vec<String> = self
            .allow_origin
            .iter()
            .map(|o| o.trim().trim_end_matches('/').to_string())
            .filter(|o| !o.is_empty())
            .collect();
        if list.is_empty() || list.iter().any(|o| o == "*") {
            Origins::Any
        } else {
            Origins::Only(list)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Result<Config, clap::Error> {
        Config::try_parse_from(std::iter::once("ratings-server").chain(s.split_whitespace()))
    }

    #[test]
    fn reads_flags_with_defaults() {
        let c = args("--archive demo/data --listen 127.0.0.1:0 --allow-origin https://a.example/").unwrap();
        assert_eq!(c.archive, PathBuf::from("demo/data"));
        assert_eq!(c.database().unwrap(), Database::Sqlite("ratings.sqlite".into()));
        assert_eq!(c.listen, "127.0.0.1:0");
        assert_eq!(c.origins(), Origins::Only(vec!["https://a.example".into()]));
        assert_eq!((c.reads_per_minute, c.votes_per_minute), (600, 60));
        assert_eq!(args("--archive x").unwrap().origins(), Origins::Any);
        assert_eq!(args("--archive x --allow-origin https://a.example,*").unwrap().origins(), Origins::Any);
        let c = args("--archive x --db old.sqlite --trusted-proxy 127.0.0.1,::1").unwrap();
        assert_eq!(c.database().unwrap(), Database::Sqlite("old.sqlite".into()));
        assert_eq!(c.trusted_proxy, vec!["127.0.0.1".parse::<IpAddr>().unwrap(), "::1".parse().unwrap()]);
        assert!(args("--db x.sqlite").is_err(), "--archive is required");
        assert!(args("--archive").is_err());
        assert!(args("--archive x --port 3").is_err());
        assert!(args("--archive x --db-connections 0").is_err());
        assert!(args("--archive x --log-level loud").is_err());
    }

    #[test]
    fn database_urls() {
        assert_eq!(Database::parse("sqlite:ratings.db"), Ok(Database::Sqlite("ratings.db".into())));
        assert_eq!(Database::parse("sqlite:///var/lib/r.db"), Ok(Database::Sqlite("/var/lib/r.db".into())));
        assert_eq!(Database::parse("sqlite://r.db"), Ok(Database::Sqlite("r.db".into())));
        let pg = "postgres://ratings:secret@db.internal:5432/ratings";
        assert_eq!(Database::parse(pg), Ok(Database::Postgres(pg.into())));
        assert_eq!(Database::parse("postgresql:///ratings").unwrap().engine(), "postgres");
        assert!(Database::parse("sqlite:").is_err());
        assert!(Database::parse("ratings.db").is_err());
        assert!(Database::parse("mysql://x/y").is_err());
    }
}
