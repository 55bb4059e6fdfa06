//! Reading a data file of JSON with broken parts: the slow path of the model's lenient reading
//! (`broadsheet_model::repair_issue` and the rest), which takes a file apart as
//! `serde_json::Value` to leave out what is broken, or leaves out of an issue of the right shape
//! what validation finds broken; and the strict reading of a words file. A valid file, and one
//! that is not JSON at all, never needs it, so in the release build its code is a part of its
//! own (src/part.rs), fetched only for such a file: 15 KB of the main module's brotli bytes
//! (docs/testing.md).

use super::origins::AllowedOrigins;
use broadsheet_model::{Archive, Checked, Issue, MonthIndex, PageWords, Problem, YearMonth};

/// What a repair gives: the file's reading, or that its code could not be fetched.
pub type Repaired<T> = Result<Result<T, Vec<Problem>>, CodeMissing>;

/// The repair's code could not be fetched (offline, say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeMissing;

/// To the reader, the repair's code not coming is the network failing: the retry asks again.
impl From<CodeMissing> for crate::fetch::Failure {
    fn from(_: CodeMissing) -> Self {
        crate::fetch::Failure::Network("the reader's code for damaged data could not be fetched".into())
    }
}

#[cfg(broadsheet_split)]
impl From<leptos::wasm_split::SplitLoaderError> for CodeMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        CodeMissing
    }
}

/// Defines a repair: a split point of `repair_part` in the release build, a plain async
/// function in other builds (tests, debug).
macro_rules! repair {
    ($(#[doc = $doc:literal])* $name:ident($($arg:ident: $ty:ty),*) -> $t:ty $body:block) => {
        $(#[doc = $doc])*
        #[cfg(broadsheet_split)]
        #[::leptos::wasm_split::wasm_split(repair_part, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> Repaired<$t> {
            let read = $body;
            Ok(read)
        }
        $(#[doc = $doc])*
        #[cfg(not(broadsheet_split))]
        pub async fn $name($($arg: $ty),*) -> Repaired<$t> {
            let read = $body;
            Ok(read)
        }
    };
}

repair! {
    /// `archive.json`, broken parts left out.
    archive(text: String) -> Checked<Archive> { broadsheet_model::repair_archive(&text) }
}

repair! {
    /// A month index, broken entries left out.
    month(text: String, asked: YearMonth, archive: std::sync::Arc<Archive>) -> Checked<MonthIndex> {
        broadsheet_model::repair_month(&text, asked, &archive)
    }
}

repair! {
    /// An issue, broken parts left out; an address on an origin `origins` refuses too.
    issue(text: String, url: String, origins: AllowedOrigins) -> Checked<Issue> {
        let check = |src: &str| origins.check(&super::api::resolve(src, &url));
        broadsheet_model::repair_issue(&text, &check)
    }
}

repair! {
    /// A page's words file that does not read as the model's shape: its problems by their paths
    /// (`broadsheet_model::read_words`'s slow half).
    words(text: String) -> PageWords { broadsheet_model::parse::<PageWords>(&text) }
}
