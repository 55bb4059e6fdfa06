//! Reading the archive manifest and the month indexes as leniently as issues: one bad footer link,
//! a too-long publisher line or a broken entry of a month leaves out that part, with its problem by
//! JSON path, and the rest is read. What the reader cannot do without (the paper's name and
//! language, the dates, the address templates, a month's list as a whole) still refuses the file.

use super::Checked;
use crate::archive::{Archive, MonthIndex};
use crate::date::YearMonth;
use crate::{problem_of, Problem, Validate};
use serde_json::{Map, Value};

/// The parts of `archive.json` that may be left out on their own: members, and lists whose items
/// may each be left out.
const ARCHIVE_PARTS: &[Part] = &[
    Part::Member("paper.title"),
    Part::Member("paper.serial"),
    Part::Member("paper.publisher"),
    Part::Member("paper.copyright"),
    Part::List("paper.links"),
    Part::List("empty_months"),
    Part::List("origins"),
    Part::Member("search"),
    Part::List("search_start"),
];

const MONTH_PARTS: &[Part] = &[Part::List("issues")];

/// Most parts left out of one file before it is refused as a whole: past this the file is more
/// broken than whole, and each part costs a read of the file.
const MAX_LEFT_OUT: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    Member(&'static str),
    List(&'static str),
}

/// Reads `archive.json` for the reader; `Err` only when what is broken is needed.
pub fn parse_archive_lenient(text: &str) -> Result<Checked<Archive>, Vec<Problem>> {
    read_archive_direct(text).unwrap_or_else(|| repair_archive(text))
}

/// The direct path of `parse_archive_lenient`: a valid file, or what is not JSON. `None`: the
/// slow path's (`repair_archive`), whose code the reader fetches only then.
pub fn read_archive_direct(text: &str) -> Option<Result<Checked<Archive>, Vec<Problem>>> {
    read_direct(text, |a: &Archive| a.validate())
}

/// The slow path of `parse_archive_lenient`: leaves out what is broken, if the rest can do without.
pub fn repair_archive(text: &str) -> Result<Checked<Archive>, Vec<Problem>> {
    read(text, ARCHIVE_PARTS, |a: &Archive| a.validate())
}

/// Reads the month index of `asked` for the reader, checked against the archive as well: an entry
/// of another month, outside the archive's dates, listed twice or out of order is left out.
pub fn parse_month_lenient(
    text: &str,
    asked: YearMonth,
    archive: &Archive,
) -> Result<Checked<MonthIndex>, Vec<Problem>> {
    read_month_direct(text, asked, archive).unwrap_or_else(|| repair_month(text, asked, archive))
}

/// The direct path of `parse_month_lenient` (see `read_archive_direct`).
pub fn read_month_direct(
    text: &str,
    asked: YearMonth,
    archive: &Archive,
) -> Option<Result<Checked<MonthIndex>, Vec<Problem>>> {
    read_direct(text, month_check(asked, archive))
}

/// The slow path of `parse_month_lenient` (see `repair_archive`).
pub fn repair_month(text: &str, asked: YearMonth, archive: &Archive) -> Result<Checked<MonthIndex>, Vec<Problem>> {
    read(text, MONTH_PARTS, month_check(asked, archive))
}

fn month_check(asked: YearMonth, archive: &Archive) -> impl Fn(&MonthIndex) -> Vec<Problem> + '_ {
    move |m: &MonthIndex| {
        let mut problems = m.validate();
        problems.extend(crate::validate_month_in(m, asked, archive));
        problems
    }
}

/// A file that reads as `T` with nothing for `check` to say; or one that is not JSON (the same
/// problem as `read` gives). `None`: anything else, for `read`.
fn read_direct<T: Validate>(
    text: &str,
    check: impl Fn(&T) -> Vec<Problem>,
) -> Option<Result<Checked<T>, Vec<Problem>>> {
    match serde_json::from_str::<T>(text) {
        Ok(item) => {
            let problems = check(&item);
            problems.is_empty().then_some(Ok(Checked { value: item, problems }))
        }
        Err(e) => super::not_json_now(&e).map(Err),
    }
}

/// Where a problem's path points, as a part to leave out: `(part, item index)`.
fn locate(path: &str, parts: &[Part]) -> Option<(Part, Option<usize>)> {
    for &part in parts {
        match part {
            Part::Member(at) if path == at || path.starts_with(&format!("{at}.")) => return Some((part, None)),
            Part::List(at) if path == at => return Some((part, None)),
            Part::List(at) => {
                let Some(rest) = path.strip_prefix(at).and_then(|r| r.strip_prefix('[')) else { continue };
                let index = rest.split(']').next().and_then(|n| n.parse().ok())?;
                return Some((part, Some(index)));
            }
            Part::Member(_) => {}
        }
    }
    None
}

/// Original indexes of the items still in each list, so that problems keep the paths of the file.
struct Originals(Vec<(&'static str, Vec<usize>)>);

impl Originals {
    fn new(value: &Value, parts: &[Part]) -> Self {
        Originals(
            parts
                .iter()
                .filter_map(|p| match p {
                    Part::List(at) => {
                        let len = get(value, at).and_then(Value::as_array).map_or(0, Vec::len);
                        Some((*at, (0..len).collect()))
                    }
                    Part::Member(_) => None,
                })
                .collect(),
        )
    }

    /// The problem with its path as in the file.
    fn map(&self, p: &Problem) -> Problem {
        for (at, kept) in &self.0 {
            let Some(rest) = p.path.strip_prefix(at).and_then(|r| r.strip_prefix('[')) else { continue };
            let Some((n, tail)) = rest.split_once(']') else { continue };
            if let Some(original) = n.parse::<usize>().ok().and_then(|i| kept.get(i)) {
                return Problem::new(format!("{at}[{original}]{tail}"), p.message.clone());
            }
        }
        p.clone()
    }

    fn remove(&mut self, at: &str, index: usize) {
        if let Some((_, kept)) = self.0.iter_mut().find(|(a, _)| *a == at) {
            if index < kept.len() {
                kept.remove(index);
            }
        }
    }
}

fn get<'a>(value: &'a Value, dotted: &str) -> Option<&'a Value> {
    dotted.split('.').try_fold(value, |v, key| v.get(key))
}

/// The object holding `dotted`'s last member, and that member's name.
fn parent_mut<'a>(value: &'a mut Value, dotted: &'a str) -> Option<(&'a mut Map<String, Value>, &'a str)> {
    let (head, last) = match dotted.rsplit_once('.') {
        Some((head, last)) => (Some(head), last),
        None => (None, dotted),
    };
    let parent = match head {
        Some(head) => head.split('.').try_fold(value, |v, key| v.get_mut(key))?,
        None => value,
    };
    Some((parent.as_object_mut()?, last))
}

/// Leaves out a part: a member, or one item of a list.
fn leave_out(value: &mut Value, originals: &mut Originals, part: Part, index: Option<usize>) {
    let at = match part {
        Part::Member(at) | Part::List(at) => at,
    };
    match index {
        Some(i) => {
            if let Some(Value::Array(items)) = parent_mut(value, at).and_then(|(m, k)| m.get_mut(k)) {
                if i < items.len() {
                    items.remove(i);
                    originals.remove(at, i);
                }
            }
        }
        None => {
            if let Some((m, k)) = parent_mut(value, at) {
                m.remove(k);
            }
        }
    }
}

/// Leaves out a member the reader does not know, named by serde's "unknown field" problem at
/// `path` (the member's own path).
fn leave_out_unknown(value: &mut Value, path: &str) -> bool {
    // Unknown members are named by the path of the member itself; a list item's member is not
    // reached here (the manifest's lists hold objects only in `paper.links`, a listed part).
    if path.contains('[') || path.is_empty() {
        return false;
    }
    parent_mut(value, path).is_some_and(|(m, k)| m.remove(k).is_some())
}

fn read<T: Validate>(
    text: &str,
    parts: &[Part],
    check: impl Fn(&T) -> Vec<Problem>,
) -> Result<Checked<T>, Vec<Problem>> {
    crate::check_version(text)?;
    let mut value: Value = serde_json::from_str(text).map_err(|e| vec![crate::not_json(&e)])?;
    let mut originals = Originals::new(&value, parts);
    let mut noted: Vec<Problem> = Vec::new();
    while noted.len() <= MAX_LEFT_OUT {
        let current = value.to_string();
        let item = match serde_json::from_str::<T>(&current) {
            Ok(item) => item,
            Err(e) => {
                let p = problem_of(&current, &e);
                let mapped = originals.map(&p);
                // A member this reader does not know (from a newer tool, or a typo) is not read.
                if p.message.starts_with("unknown field") && leave_out_unknown(&mut value, &p.path) {
                    noted.push(mapped);
                    continue;
                }
                let Some((part, index)) = locate(&p.path, parts) else {
                    noted.push(mapped);
                    return Err(noted);
                };
                noted.push(mapped);
                leave_out(&mut value, &mut originals, part, index);
                continue;
            }
        };
        let problems = check(&item);
        if problems.is_empty() {
            return Ok(Checked { value: item, problems: noted });
        }
        let located: Vec<_> = problems.iter().map(|p| locate(&p.path, parts)).collect();
        noted.extend(problems.iter().map(|p| originals.map(p)));
        if located.iter().any(Option::is_none) {
            return Err(noted);
        }
        // Items from the last, so that the indexes of the others stay put; each part once.
        let mut drops: Vec<(Part, Option<usize>)> = located.into_iter().flatten().collect();
        crate::sort::sort_by_key(&mut drops, |(part, index)| (format!("{part:?}"), std::cmp::Reverse(*index)));
        drops.dedup();
        for (part, index) in drops {
            leave_out(&mut value, &mut originals, part, index);
        }
    }
    noted.push(Problem::new("", format!("more than {MAX_LEFT_OUT} parts are broken; the file is refused")));
    Err(noted)
}
