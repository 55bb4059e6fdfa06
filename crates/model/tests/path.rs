//! The model finds a failing value's JSON path from serde_json's error position (`path_at`); this
//! checks it against serde_path_to_error, a path-tracking deserializer, on every value of the
//! demo data turned into the wrong type, one at a time.

use broadsheet_model::{path_at, Archive, Issue, MonthIndex};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::path::Path;

fn leaves(v: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                at.push(Step::Key(k.clone()));
                leaves(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(Step::Index(i));
                leaves(child, at, out);
                at.pop();
            }
        }
        _ => out.push(at.clone()),
    }
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn get_mut<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, s| match s {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// For each scalar in `file`, a copy with that scalar of the wrong type, pretty-printed (so that
/// lines and columns are exercised): the two ways of finding the path must agree.
fn agree<T: DeserializeOwned + std::fmt::Debug>(file: &Path) -> usize {
    let original: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let mut paths = Vec::new();
    leaves(&original, &mut Vec::new(), &mut paths);
    let mut compared = 0;
    for path in paths {
        let mut v = original.clone();
        let leaf = get_mut(&mut v, &path);
        *leaf = match leaf {
            Value::String(_) => Value::Bool(true),
            _ => Value::String("wrong".into()),
        };
        let text = serde_json::to_string_pretty(&v).unwrap();
        let Err(e) = serde_json::from_str::<T>(&text) else { continue };
        let tracked = serde_path_to_error::deserialize::<_, T>(v).unwrap_err();
        let expected = tracked.path().to_string();
        let expected = if expected == "." { String::new() } else { expected };
        assert_eq!(path_at(&text, e.line(), e.column()), expected, "{} in {}", e, file.display());
        compared += 1;
    }
    compared
}

#[test]
fn paths_from_positions_match_a_path_tracking_deserializer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo/data");
    let mut compared = agree::<Archive>(&root.join("archive.json"));
    for entry in std::fs::read_dir(root.join("months")).unwrap() {
        compared += agree::<MonthIndex>(&entry.unwrap().path());
    }
    for day in std::fs::read_dir(root.join("issues")).unwrap() {
        compared += agree::<Issue>(&day.unwrap().path().join("issue.json"));
    }
    assert!(compared > 500, "only {compared} wrong values compared");
}
