//! `ratings-server --archive DIR [--database URL] [--listen ADDR] ...` (see `--help`; every flag
//! has an environment variable). Prints `listening on http://ADDR` once it accepts connections;
//! logs go to standard error; stops on Ctrl-C or SIGTERM after the requests in progress.

use broadsheet_ratings_server::config::{Config, LogFormat};
use broadsheet_ratings_server::limit::Limiter;
use broadsheet_ratings_server::serve::{self, Stopped};
use broadsheet_ratings_server::{router, store, App, Limits};
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

fn init_logs(config: &Config) {
    let builder = tracing_subscriber::fmt().with_writer(std::io::stderr).with_max_level(config.log_level);
    match config.log_format {
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(false).init(),
        LogFormat::Text => builder.with_ansi(false).init(),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    init_logs(&config);
    let database = match config.database() {
        Ok(d) => d,
        Err(e) => {
            tracing::error!(error = %e, "bad --database");
            return ExitCode::from(2);
        }
    };
    let store = match store::open(&database, config.archive.clone(), config.db_connections).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "cannot start");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(&config.listen).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(listen = config.listen, error = %e, "cannot listen");
            return ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or(config.listen.clone());
    let limits = Limits {
        reads: Limiter::per_minute(config.reads_per_minute),
        votes: Limiter::per_minute(config.votes_per_minute),
        trusted_proxies: config.trusted_proxy.clone(),
    };
    let app = App::new(store, limits);
    let signal = serve::signal();
    app.spawn_limit_cleaner();
    tracing::info!(
        engine = database.engine(),
        listen = addr,
        archive = %config.archive.display(),
        reads_per_minute = config.reads_per_minute,
        votes_per_minute = config.votes_per_minute,
        "listening"
    );
    println!("listening on http://{addr}");
    let _ = std::io::stdout().flush();

    let grace = Duration::from_secs(config.shutdown_grace);
    let stop = {
        let app = app.clone();
        async move {
            signal.await;
            app.begin_stop();
        }
    };
    let stopped = serve::serve(listener, router(app.clone(), config.origins()), stop, grace).await;
    let unfinished = app.finish(grace).await;
    if stopped == Stopped::GraceExpired || unfinished > 0 {
        tracing::warn!(unfinished_votes = unfinished, "stopped with requests still open after the grace period");
    } else {
        tracing::info!("stopped cleanly");
    }
    ExitCode::SUCCESS
}
