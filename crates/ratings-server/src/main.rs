//! `ratings-server --archive DIR [--db FILE] [--listen ADDR] [--allow-origin ORIGIN]...`
//! Prints `listening on http://ADDR` once it accepts connections; stops on Ctrl-C or SIGTERM.

use broadsheet_ratings_server::{router, store, Origins};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: ratings-server --archive DIR [--db FILE] [--listen ADDR] [--allow-origin ORIGIN]...

  --archive DIR        the archive folder (with archive.json) that the reader is served from;
                       only its pages can be rated, and their data baselines count in the score
  --db FILE            the SQLite database, created when missing (default: ratings.sqlite)
  --listen ADDR        address and port (default: 127.0.0.1:8787; port 0 picks a free one)
  --allow-origin URL   a web origin that may call the server from a browser, e.g.
                       https://portal.example; repeat for more; default: any origin (*)";

struct Args {
    archive: PathBuf,
    db: PathBuf,
    listen: String,
    origins: Origins,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut archive, mut db, mut listen, mut origins) =
        (None, PathBuf::from("ratings.sqlite"), "127.0.0.1:8787".to_string(), Vec::new());
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--archive" => archive = Some(PathBuf::from(value()?)),
            "--db" => db = PathBuf::from(value()?),
            "--listen" => listen = value()?,
            "--allow-origin" => origins.push(value()?.trim_end_matches('/').to_string()),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let archive = archive.ok_or("--archive is required")?;
    let origins =
        if origins.is_empty() || origins.iter().any(|o| o == "*") { Origins::Any } else { Origins::Only(origins) };
    Ok(Args { archive, db, listen, origins })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("ratings-server: {e}\n");
            }
            eprintln!("{USAGE}");
            return if e.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) };
        }
    };
    let store = match store::open(&args.db, args.archive.clone()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("ratings-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(&args.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("ratings-server: cannot listen on {}: {e}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or(args.listen);
    println!("listening on http://{addr}");
    let _ = std::io::stdout().flush();
    let app = router(store, args.origins);
    if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(shutdown()).await {
        eprintln!("ratings-server: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Result<Args, String> {
        parse_args(s.split_whitespace().map(String::from))
    }

    #[test]
    fn reads_its_arguments() {
        let a = args("--archive demo/data --listen 127.0.0.1:0 --allow-origin https://a.example/").unwrap();
        assert_eq!(a.archive, PathBuf::from("demo/data"));
        assert_eq!(a.db, PathBuf::from("ratings.sqlite"));
        assert_eq!(a.listen, "127.0.0.1:0");
        assert_eq!(a.origins, Origins::Only(vec!["https://a.example".into()]));
        assert_eq!(args("--archive x").unwrap().origins, Origins::Any);
        assert!(args("--db x.sqlite").is_err());
        assert!(args("--archive").is_err());
        assert!(args("--archive x --port 3").is_err());
    }
}
