//! Pagefind's indexer, driven through its service mode: `pagefind_extended --service` reads
//! requests on stdin and answers on stdout, each message a base64-encoded JSON object followed
//! by a comma (the protocol of Pagefind's own Node API, `lib/service.js` of the npm package).
//! Using the released binary keeps Pagefind (and its CJK segmenter) out of the kit's build.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::thread;

/// The Pagefind release the reader's glue and the docs are written for.
pub const PAGEFIND_VERSION: &str = "1.6.0";

/// One record of the index: an article.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub url: String,
    pub content: String,
    pub meta: Vec<(String, String)>,
    pub filters: Vec<(String, Vec<String>)>,
    pub sort: Vec<(String, String)>,
}

/// Encodes one request as the service reads it.
pub fn encode(message_id: u64, payload: &Value) -> Vec<u8> {
    let text = json!({ "message_id": message_id, "payload": payload }).to_string();
    let mut out = STANDARD.encode(text).into_bytes();
    out.push(b',');
    out
}

/// Decodes one answer (without its comma): its message id, when it has one, and its payload.
pub fn decode(message: &[u8]) -> Result<(Option<u64>, Value), String> {
    let bytes =
        STANDARD.decode(message.trim_ascii()).map_err(|e| format!("an answer of Pagefind is not base64: {e}"))?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| format!("an answer of Pagefind is not JSON: {e}"))?;
    Ok((v.get("message_id").and_then(Value::as_u64), v.get("payload").cloned().unwrap_or(Value::Null)))
}

fn record_payload(index_id: u64, r: &Record, language: &str) -> Value {
    let map = |pairs: &[(String, String)]| {
        pairs.iter().map(|(k, v)| (k.clone(), json!(v))).collect::<serde_json::Map<_, _>>()
    };
    let filters: serde_json::Map<_, _> = r.filters.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
    json!({
        "type": "AddRecord", "index_id": index_id, "url": r.url, "content": r.content, "language": language,
        "meta": map(&r.meta), "filters": filters, "sort": map(&r.sort),
    })
}

/// A running Pagefind service.
pub struct Service {
    child: Child,
    stdin: ChildStdin,
    answers: mpsc::Receiver<Result<(Option<u64>, Value), String>>,
    next_id: u64,
}

/// The Pagefind binary to run: `explicit` (from `--pagefind`), else the environment's
/// `PAGEFIND_BINARY_PATH` (as Pagefind's Node API reads it), else the one the npm package
/// installed under a `node_modules` of this folder or one above it, else `pagefind_extended`
/// on the PATH.
pub fn binary(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    for var in ["PAGEFIND_EXTENDED_BINARY_PATH", "PAGEFIND_BINARY_PATH"] {
        if let Some(p) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            return PathBuf::from(p);
        }
    }
    let platform = match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => Some("linux-x64"),
        ("linux", "aarch64") => Some("linux-arm64"),
        ("macos", "x86_64") => Some("darwin-x64"),
        ("macos", "aarch64") => Some("darwin-arm64"),
        _ => None,
    };
    if let (Some(platform), Ok(here)) = (platform, std::env::current_dir()) {
        for dir in here.ancestors() {
            let p = dir.join("node_modules/@pagefind").join(platform).join("bin/pagefind_extended");
            if p.is_file() {
                return p;
            }
        }
    }
    PathBuf::from("pagefind_extended")
}

/// The version the binary reports (`pagefind_extended 1.6.0` → `1.6.0`).
pub fn version(binary: &Path) -> Result<String, String> {
    let out = Command::new(binary).arg("--version").output().map_err(|e| {
        format!(
            "cannot run Pagefind ({}): {e}; install it with `npm ci` (package.json pins it) or give --pagefind",
            binary.display()
        )
    })?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace()
        .last()
        .map(str::to_string)
        .ok_or_else(|| format!("{} --version printed nothing", binary.display()))
}

impl Service {
    pub fn start(binary: &Path) -> Result<Service, String> {
        let mut child = Command::new(binary)
            .arg("--service")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start Pagefind ({}): {e}", binary.display()))?;
        let stdin = child.stdin.take().ok_or("Pagefind has no stdin")?;
        let stdout = child.stdout.take().ok_or("Pagefind has no stdout")?;
        // Answers are read on their own thread: a service whose output is not read stops
        // reading its input, and a writer that never reads would wait for ever.
        let (tx, answers) = mpsc::channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut message = Vec::new();
            loop {
                message.clear();
                match reader.read_until(b',', &mut message) {
                    Ok(0) => break,
                    Ok(_) => {
                        if message.last() == Some(&b',') {
                            message.pop();
                        }
                        if tx.send(decode(&message)).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(Err(format!("cannot read from Pagefind: {e}")));
                        break;
                    }
                }
            }
        });
        Ok(Service { child, stdin, answers, next_id: 0 })
    }

    fn send(&mut self, payload: &Value) -> Result<u64, String> {
        self.next_id += 1;
        self.stdin.write_all(&encode(self.next_id, payload)).map_err(|e| format!("cannot write to Pagefind: {e}"))?;
        Ok(self.next_id)
    }

    /// The next answer; an error answer becomes an error.
    fn answer(&mut self) -> Result<(Option<u64>, Value), String> {
        let (id, payload) = self.answers.recv().map_err(|_| "Pagefind stopped before it answered".to_string())??;
        if payload.get("type").and_then(Value::as_str) == Some("Error") {
            let message = payload.get("message").and_then(Value::as_str).unwrap_or("an error");
            return Err(format!("Pagefind: {message}"));
        }
        Ok((id, payload))
    }

    fn request(&mut self, payload: &Value) -> Result<Value, String> {
        self.stdin.flush().map_err(|e| format!("cannot write to Pagefind: {e}"))?;
        let id = self.send(payload)?;
        loop {
            let (got, answer) = self.answer()?;
            if got == Some(id) {
                return Ok(answer);
            }
        }
    }

    /// A new index whose every record is in `language`; its id.
    pub fn new_index(&mut self, language: &str) -> Result<u64, String> {
        let answer = self.request(&json!({ "type": "NewIndex", "config": { "force_language": language } }))?;
        answer.get("index_id").and_then(Value::as_u64).ok_or_else(|| format!("Pagefind gave no index id: {answer}"))
    }

    /// Adds the records (sent all at once, answers read after). Returns how many were indexed.
    pub fn add(&mut self, index: u64, records: &[Record], language: &str) -> Result<usize, String> {
        let mut writer = std::io::BufWriter::with_capacity(1 << 20, &mut self.stdin);
        let first = self.next_id + 1;
        for (k, r) in records.iter().enumerate() {
            let id = first + k as u64;
            writer
                .write_all(&encode(id, &record_payload(index, r, language)))
                .map_err(|e| format!("cannot write to Pagefind: {e}"))?;
        }
        writer.flush().map_err(|e| format!("cannot write to Pagefind: {e}"))?;
        drop(writer);
        self.next_id += records.len() as u64;
        for _ in records {
            self.answer()?;
        }
        Ok(records.len())
    }

    /// Writes the index's files into `out`.
    pub fn write(&mut self, index: u64, out: &Path) -> Result<(), String> {
        let path = out.to_str().ok_or_else(|| format!("{}: the path is not UTF-8", out.display()))?;
        self.request(&json!({ "type": "WriteFiles", "index_id": index, "output_path": path }))?;
        Ok(())
    }

    /// Drops an index from the service's memory.
    pub fn delete(&mut self, index: u64) -> Result<(), String> {
        self.request(&json!({ "type": "DeleteIndex", "index_id": index }))?;
        Ok(())
    }

    /// The service's peak resident memory so far, in bytes (Linux only).
    pub fn peak_memory(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: u64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
        Some(kb * 1024)
    }

    /// Ends the service.
    pub fn stop(mut self) {
        drop(self.stdin);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_base64_json_ending_in_a_comma() {
        let bytes = encode(7, &json!({ "type": "NewIndex" }));
        assert_eq!(bytes.last(), Some(&b','));
        let (id, payload) = decode(&bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(id, Some(7));
        assert_eq!(payload, json!({ "type": "NewIndex" }));
        assert!(decode(b"not base64!").unwrap_err().contains("base64"));
        assert!(decode(STANDARD.encode("{").as_bytes()).unwrap_err().contains("JSON"));
    }

    #[test]
    fn a_record_carries_its_meta_filters_and_sort() {
        let r = Record {
            url: "2016-09-24/p2/a0202".into(),
            content: "好姐妹".into(),
            meta: vec![("title".into(), "好姐妹·娘家人".into())],
            filters: vec![("year".into(), vec!["2016".into()])],
            sort: vec![("date".into(), "2016-09-24".into())],
        };
        let p = record_payload(3, &r, "zh-cn");
        assert_eq!(p["type"], "AddRecord");
        assert_eq!(p["index_id"], 3);
        assert_eq!(p["meta"]["title"], "好姐妹·娘家人");
        assert_eq!(p["filters"]["year"], json!(["2016"]));
        assert_eq!(p["sort"]["date"], "2016-09-24");
        assert_eq!(p["language"], "zh-cn");
    }
}
