//! The rating widget's state, plain Rust: what it shows (the score, the reader's vote, notices,
//! a vote on its way or not sent) and what it asks of the browser, event by event, in browser-only
//! or endpoint mode. The component (`widget`) wires it to a signal, the browser's storage and the
//! endpoint, and says in words what the notices here name.

use super::endpoint::Shared;
use super::score::{is_score, Tally};
use super::store::{Keeping, Loaded};
use crate::fetch::Failure;
use crate::i18n::Lang;
use crate::storage::StorageError;

/// Something the browser will not keep, or did not keep well.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageNotice {
    /// The vote lasts for this visit only.
    VoteNotKept(StorageError),
    /// A stored vote was not a vote and was ignored.
    Corrupt,
    /// The client id lasts for this visit only: after a reload the vote cannot be changed.
    ClientNotKept,
}

/// What the widget asks the browser to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Keep the vote in the browser, then report with `State::kept`.
    Save(u8),
    /// Send the vote to the endpoint, then report with `State::sent`.
    Send(u8),
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Whether votes go to an endpoint (else they stay in the browser).
    endpoint: bool,
    /// The page's score in the data, shown when there is no shared one.
    baseline: Tally,
    /// The score shown; `None` while the shared score is on its way.
    pub shown: Option<Tally>,
    /// The reader's own vote.
    pub mine: Option<u8>,
    pub storage: Option<StorageNotice>,
    /// Why the shared score could not be read (the baseline is shown instead).
    pub unread: Option<Failure>,
    /// A vote is on its way: the buttons wait.
    pub sending: bool,
    /// The vote the endpoint did not take, and why; it can be sent again.
    pub unsent: Option<(u8, Failure)>,
    /// A vote was answered: a shared score read before it is older, and is dropped.
    voted: bool,
}

impl State {
    /// Browser-only: the data's baseline with the reader's stored vote on top.
    pub fn in_browser(baseline: Tally, loaded: Loaded) -> State {
        let storage = match loaded.keeping {
            Keeping::VisitOnly(why) => Some(StorageNotice::VoteNotKept(why)),
            Keeping::Kept => loaded.corrupt.then_some(StorageNotice::Corrupt),
        };
        State {
            shown: Some(baseline.with_vote(loaded.vote)),
            mine: loaded.vote,
            storage,
            ..State::new(false, baseline)
        }
    }

    /// With an endpoint: waiting for the shared score, which `read` brings. `client` says whether
    /// the reader's client id outlives the visit.
    pub fn with_endpoint(baseline: Tally, client: Keeping) -> State {
        let storage = (client != Keeping::Kept).then_some(StorageNotice::ClientNotKept);
        State { storage, ..State::new(true, baseline) }
    }

    fn new(endpoint: bool, baseline: Tally) -> State {
        State {
            endpoint,
            baseline,
            shown: None,
            mine: None,
            storage: None,
            unread: None,
            sending: false,
            unsent: None,
            voted: false,
        }
    }

    /// The shared score arrived, or could not be read.
    pub fn read(&mut self, result: Result<Shared, Failure>) {
        if self.voted {
            return;
        }
        match result {
            Ok(s) => {
                self.shown = Some(s.tally);
                self.mine = s.mine;
            }
            // The widget that asked is gone; nobody is reading this state.
            Err(Failure::Aborted) => {}
            Err(f) => {
                self.shown = Some(self.baseline);
                self.unread = Some(f);
            }
        }
    }

    /// The reader chose `n` points (a button, or the retry of a vote not sent).
    pub fn vote(&mut self, n: u8) -> Option<Command> {
        if !is_score(n) {
            return None;
        }
        if !self.endpoint {
            self.mine = Some(n);
            // Applied to the baseline, so that a changed vote never counts twice.
            self.shown = Some(self.baseline.with_vote(Some(n)));
            return Some(Command::Save(n));
        }
        if self.sending {
            return None;
        }
        self.sending = true;
        self.unsent = None;
        Some(Command::Send(n))
    }

    /// The browser kept the vote, or could not: the notice follows the latest vote (and a kept
    /// one clears the word about a damaged stored vote).
    pub fn kept(&mut self, keeping: Keeping) {
        self.storage = match keeping {
            Keeping::Kept => None,
            Keeping::VisitOnly(why) => Some(StorageNotice::VoteNotKept(why)),
        };
    }

    /// The endpoint answered the vote of `n` points, or it could not be sent.
    pub fn sent(&mut self, n: u8, result: Result<Shared, Failure>) {
        self.sending = false;
        match result {
            Ok(s) => {
                self.voted = true;
                self.shown = Some(s.tally);
                self.mine = s.mine;
                self.unread = None;
            }
            Err(Failure::Aborted) => {}
            Err(f) => self.unsent = Some((n, f)),
        }
    }

    /// The notices to show, in words, storage first.
    pub fn notices(&self, lang: Lang) -> Vec<String> {
        let storage = self.storage.map(|n| storage_text(lang, n).to_string());
        let unread = self.unread.as_ref().map(|f| lang.shared_unavailable(&why(lang, f)));
        storage.into_iter().chain(unread).collect()
    }

    /// The alert about a vote not sent, in words, with its points (for the retry).
    pub fn unsent_text(&self, lang: Lang) -> Option<(u8, String)> {
        self.unsent.as_ref().map(|(n, f)| (*n, lang.vote_not_sent(*n, &why(lang, f))))
    }
}

fn storage_text(lang: Lang, notice: StorageNotice) -> &'static str {
    let t = lang.rating();
    match notice {
        StorageNotice::VoteNotKept(StorageError::Unavailable) => t.vote_not_kept_unavailable,
        StorageNotice::VoteNotKept(StorageError::Full) => t.vote_not_kept_full,
        StorageNotice::Corrupt => t.corrupt_ignored,
        StorageNotice::ClientNotKept => t.client_not_kept,
    }
}

/// Why the ratings server's word is missing, as a clause of the notices.
fn why(lang: Lang, f: &Failure) -> String {
    let t = lang.rating();
    match f {
        Failure::Timeout => t.server_timeout.into(),
        // A connection that broke mid-answer is as good as none.
        Failure::Network(_) | Failure::Offline | Failure::Truncated | Failure::Aborted => t.server_unreachable.into(),
        Failure::Http(s) => lang.ratings_server_failed(*s),
        Failure::NotData(_) | Failure::Invalid(_) => t.server_invalid.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_model::Problem;

    const BASE: Tally = Tally { sum: 42, count: 10 };

    fn loaded(vote: Option<u8>, keeping: Keeping, corrupt: bool) -> Loaded {
        Loaded { vote, keeping, corrupt }
    }

    fn shared(sum: u64, count: u64, mine: Option<u8>) -> Shared {
        Shared { tally: Tally::new(sum, count), mine }
    }

    fn invalid() -> Failure {
        Failure::Invalid(vec![Problem::new("", "not JSON")])
    }

    #[test]
    fn in_the_browser_the_stored_vote_sits_on_the_baseline_and_a_change_counts_once() {
        let mut s = State::in_browser(BASE, loaded(Some(4), Keeping::Kept, false));
        assert_eq!((s.shown, s.mine, s.storage), (Some(Tally::new(46, 11)), Some(4), None));
        assert_eq!(s.vote(1), Some(Command::Save(1)));
        assert_eq!((s.shown, s.mine), (Some(Tally::new(43, 11)), Some(1)));
        s.kept(Keeping::Kept);
        assert_eq!(s.storage, None);
        // Never a vote outside 1 to 5, never a request.
        assert_eq!(s.vote(0), None);
        assert_eq!(s.vote(6), None);
        assert_eq!(s.mine, Some(1));
        assert!(!s.sending && s.unsent.is_none());
    }

    #[test]
    fn storage_trouble_is_named_and_a_kept_vote_clears_the_corrupt_notice() {
        let s = State::in_browser(BASE, loaded(None, Keeping::VisitOnly(StorageError::Full), false));
        assert_eq!(s.storage, Some(StorageNotice::VoteNotKept(StorageError::Full)));
        let mut s = State::in_browser(BASE, loaded(None, Keeping::Kept, true));
        assert_eq!((s.shown, s.storage), (Some(BASE), Some(StorageNotice::Corrupt)));
        assert_eq!(s.notices(Lang::Zh), vec!["浏览器中保存的评分已损坏，已忽略。".to_string()]);
        s.vote(2);
        s.kept(Keeping::Kept);
        assert_eq!(s.notices(Lang::Zh), Vec::<String>::new());
        s.vote(3);
        s.kept(Keeping::VisitOnly(StorageError::Unavailable));
        assert_eq!(s.notices(Lang::Zh), vec!["浏览器不能保存数据，您的评分只在本次访问有效。".to_string()]);
        assert_eq!(
            s.notices(Lang::En),
            vec!["Your browser cannot store data, so your rating lasts for this visit only.".to_string()]
        );
    }

    #[test]
    fn with_an_endpoint_the_score_waits_for_the_server() {
        let mut s = State::with_endpoint(BASE, Keeping::Kept);
        assert_eq!((s.shown, s.mine, s.storage), (None, None, None));
        s.read(Ok(shared(47, 11, Some(5))));
        assert_eq!((s.shown, s.mine), (Some(Tally::new(47, 11)), Some(5)));
        assert!(s.notices(Lang::Zh).is_empty());
        let s = State::with_endpoint(BASE, Keeping::VisitOnly(StorageError::Unavailable));
        assert_eq!(s.notices(Lang::Zh), vec!["浏览器不能保存数据：重新打开后，将无法修改这次评分。".to_string()]);
    }

    #[test]
    fn a_failed_read_shows_the_baseline_with_the_reason() {
        for (failure, zh) in [
            (Failure::Http(503), "暂时无法读取共享评分：评分服务器出错（HTTP 503）。显示的是本版原有评分。"),
            (Failure::Timeout, "暂时无法读取共享评分：服务器没有及时回答。显示的是本版原有评分。"),
            (Failure::Network("TypeError".into()), "暂时无法读取共享评分：无法连接评分服务器。显示的是本版原有评分。"),
            (Failure::Offline, "暂时无法读取共享评分：无法连接评分服务器。显示的是本版原有评分。"),
            (Failure::Truncated, "暂时无法读取共享评分：无法连接评分服务器。显示的是本版原有评分。"),
            (invalid(), "暂时无法读取共享评分：评分服务器的回答无效。显示的是本版原有评分。"),
        ] {
            let mut s = State::with_endpoint(BASE, Keeping::Kept);
            s.read(Err(failure));
            assert_eq!(s.shown, Some(BASE));
            assert_eq!(s.notices(Lang::Zh), vec![zh.to_string()]);
        }
        let mut s = State::with_endpoint(BASE, Keeping::Kept);
        s.read(Err(Failure::Timeout));
        assert_eq!(
            s.notices(Lang::En),
            vec!["Shared scores are unavailable: the server did not answer in time. Showing this page's own score."
                .to_string()]
        );
    }

    #[test]
    fn a_vote_is_sent_once_at_a_time_and_its_answer_wins_over_a_late_read() {
        let mut s = State::with_endpoint(BASE, Keeping::Kept);
        assert_eq!(s.vote(4), Some(Command::Send(4)));
        assert!(s.sending);
        assert_eq!(s.vote(5), None, "no second vote while one is on its way");
        s.sent(4, Ok(shared(46, 11, Some(4))));
        assert!(!s.sending);
        assert_eq!((s.shown, s.mine), (Some(Tally::new(46, 11)), Some(4)));
        // The first reading arrives late: it is older than the vote's answer.
        s.read(Ok(shared(42, 10, None)));
        assert_eq!((s.shown, s.mine), (Some(Tally::new(46, 11)), Some(4)));
        s.read(Err(Failure::Timeout));
        assert_eq!((s.shown, s.unread.clone()), (Some(Tally::new(46, 11)), None));
    }

    #[test]
    fn a_vote_not_sent_keeps_the_score_says_why_and_can_be_sent_again() {
        let mut s = State::with_endpoint(BASE, Keeping::Kept);
        s.read(Err(Failure::Network("refused".into())));
        assert_eq!(s.vote(3), Some(Command::Send(3)));
        s.sent(3, Err(Failure::Network("refused".into())));
        assert_eq!((s.shown, s.mine, s.sending), (Some(BASE), None, false));
        assert_eq!(s.unsent_text(Lang::Zh), Some((3, "您的评分“3分”未能发送：无法连接评分服务器。".to_string())));
        // Retry: the alert goes while the vote is on its way; success clears the read notice too.
        assert_eq!(s.vote(3), Some(Command::Send(3)));
        assert_eq!(s.unsent, None);
        s.sent(3, Ok(shared(45, 11, Some(3))));
        assert_eq!((s.shown, s.mine), (Some(Tally::new(45, 11)), Some(3)));
        assert!(s.notices(Lang::Zh).is_empty() && s.unsent_text(Lang::Zh).is_none());
        // An answer that does not hold the vote is a vote not sent.
        s.vote(5);
        s.sent(5, Err(invalid()));
        assert_eq!(s.unsent_text(Lang::Zh).unwrap().1, "您的评分“5分”未能发送：评分服务器的回答无效。");
        assert_eq!(s.mine, Some(3));
    }

    #[test]
    fn an_aborted_request_changes_nothing_but_the_wait() {
        let mut s = State::with_endpoint(BASE, Keeping::Kept);
        s.read(Err(Failure::Aborted));
        assert_eq!((s.shown, s.unread.clone()), (None, None));
        s.vote(2);
        s.sent(2, Err(Failure::Aborted));
        assert_eq!((s.sending, s.unsent.clone(), s.mine), (false, None, None));
    }
}
