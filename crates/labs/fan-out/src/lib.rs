//! Fan-out lab: push, pull, hybrid feeds and group chat (catalogue M7.1–M7.3, M7.6), route
//! `#/lab/fan-out`.
//!
//! Two modes share one lab:
//! - **feed**: a seeded power-law follow graph ([`graph`]) and a workload of posts and feed
//!   reads ([`workload`]) run through push, pull and hybrid fan-out side by side ([`sim`]):
//!   fan-out workers write posts into bounded feed caches ([`feed`]), reads merge sources, an
//!   optional ranking funnel re-sorts the page ([`ranking`]);
//! - **chat**: a group message stored as N copies or as one message with N references, online
//!   members served at once and offline ones on reconnect ([`chat`]).
//!
//! ```
//! use sdp_kit::lab::Contract;
//! use sdp_lab_fan_out::FanOutLab;
//!
//! let trace = FanOutLab::run(&FanOutLab::default_scenario()).expect("valid");
//! assert!(trace.len() > 10);
//! ```

// A bundle built with one group of modes (see Cargo.toml) leaves the other group's builders
// and their helpers unused; the whole core (the default) uses everything.
#![cfg_attr(
    not(all(feature = "modes-main", feature = "modes-chat")),
    allow(dead_code, unused_imports)
)]

pub mod chat;
pub mod check;
pub mod feed;
pub mod graph;
pub mod layout;
mod questions;
pub mod ranking;
pub mod sim;
pub mod state;
pub mod text;
pub mod trace;
pub mod url;
#[cfg(feature = "view-kit")]
pub mod view;
pub mod workload;

pub use sim::Strategy;
pub use state::State;
pub use text::proc_ids;
pub use trace::feed::sim_config;
pub use url::{action_text, parse_action};

use sdp_kit::field::Field;
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ModeBundle, ModeInfo, ParamError, Procedure,
    Scenario, Trace,
};
use serde::{Deserialize, Serialize};

/// Fewest users.
pub const MIN_USERS: u32 = 2;
/// Most users.
pub const MAX_USERS: u32 = 100_000;
/// Most follow edges (also at most `users·(users−1)` and [`MAX_MEAN_FOLLOWING`]` · users`).
pub const MAX_FOLLOWS: u32 = 1_000_000;
/// Most accounts followed per user on average: `follows ≤ 100 · users` (keeps dense graphs,
/// where every post fans out to nearly everyone, responsive).
pub const MAX_MEAN_FOLLOWING: u32 = 100;
/// Most workload posts.
pub const MAX_POSTS: u32 = 10_000;
/// Most workload feed reads.
pub const MAX_READS: u32 = 10_000;
/// Allowed power-law exponents (0 = uniform, 1 = Zipf).
pub const SKEW_RANGE: (f64, f64) = (0.0, 3.0);
/// Most workload events shown one step each.
pub const MAX_DETAILED: u32 = 200;
/// Largest celebrity threshold.
pub const MAX_THRESHOLD: i64 = 1_000_000;
/// Fan-out workers per engine.
pub const WORKERS_RANGE: (u32, u32) = (1, 64);
/// Followers written per batch.
pub const BATCH_RANGE: (u32, u32) = (1, 10_000);
/// Feed-cache cap (the document's 500).
pub const CACHE_RANGE: (u32, u32) = (1, 1000);
/// Posts per feed load (the document's 50); also at most the cache cap.
pub const PAGE_RANGE: (u32, u32) = (1, 500);
/// Group size (F0 allows up to 500 members, F4 256).
pub const GROUP_RANGE: (u32, u32) = (2, 500);
/// Most generated group messages.
pub const MAX_MESSAGES: u32 = 300;
/// Bytes per stored chat message.
pub const MSG_BYTES_RANGE: (u32, u32) = (1, 10_000_000);
/// Bytes per stored reference.
pub const REF_BYTES_RANGE: (u32, u32) = (1, 1024);
/// Most user actions in one scenario.
pub const MAX_ACTIONS: usize = 32;
/// Longest `wait` action, in ticks.
pub const MAX_WAIT: u32 = 100_000;

/// Followers listed per post event (arrows drawn; the rest are counted).
pub const SAMPLE_TARGETS: usize = 12;
/// Targets listed per fan-out batch.
pub const BATCH_TARGETS: usize = 6;
/// Sources listed per feed read.
pub const SOURCES_SHOWN: usize = 12;
/// Jobs listed in a queue view.
pub const QUEUE_SHOWN: usize = 6;
/// Accounts listed in the graph summary.
pub const TOP_ACCOUNTS: usize = 10;
/// Most steps summarising the workload events after the detailed ones.
pub const BULK_STEPS: u32 = 10;

/// The modes drawn by the bundle `lab-fan-out--chat` (the feed, the default, is in
/// `lab-fan-out`): two bundles keep each page within the download budget.
pub const MODE_BUNDLES: &[ModeBundle] = &[ModeBundle {
    name: "chat",
    modes: &["chat"],
}];

/// Which mechanism the lab shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// News-feed fan-out: push, pull, hybrid (M7.1–M7.3).
    #[default]
    Feed,
    /// Group chat delivery: copies vs references (M7.6).
    Chat,
}

impl Mode {
    /// URL name: `feed` or `chat`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Feed => "feed",
            Mode::Chat => "chat",
        }
    }
}

/// Lab parameters (URL keys in brackets).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Feed or chat (`mode=feed|chat`).
    pub mode: Mode,
    /// Strategy narrated and drawn; all three are counted (`strategy=push|pull|hybrid`).
    pub strategy: Strategy,
    /// Users, [`MIN_USERS`]–[`MAX_USERS`] (`users`).
    pub users: u32,
    /// Follow edges: 0–[`MAX_FOLLOWS`], at most `users·(users−1)` and at most
    /// [`MAX_MEAN_FOLLOWING`]`·users` (`follows`).
    pub follows: u32,
    /// Power-law exponent of popularity, [`SKEW_RANGE`] (`skew`).
    pub skew: f64,
    /// Share of users who never read, 0–1 (`inactive`).
    pub inactive: f64,
    /// Workload posts, 0–[`MAX_POSTS`] (`posts`).
    pub posts: u32,
    /// Workload feed reads, 0–[`MAX_READS`] (`reads`).
    pub reads: u32,
    /// Workload events shown one step each, 0–[`MAX_DETAILED`] (`detailed`).
    pub detailed: u32,
    /// Celebrity threshold in followers, 0–[`MAX_THRESHOLD`]; at or above it hybrid pulls
    /// (`threshold`).
    pub threshold: i64,
    /// Fan-out workers, [`WORKERS_RANGE`] (`workers`).
    pub workers: u32,
    /// Followers per batch, [`BATCH_RANGE`] (`batch`).
    pub batch: u32,
    /// Feed-cache cap, [`CACHE_RANGE`] (`cache`).
    pub cache: u32,
    /// Posts per feed load, [`PAGE_RANGE`], at most `cache` (`page`).
    pub page: u32,
    /// Rank feed reads with the M7.3 funnel (`rank=0|1`).
    pub ranking: bool,
    /// Chat: group size, [`GROUP_RANGE`] (`group`).
    pub group: u32,
    /// Chat: generated messages, 0–[`MAX_MESSAGES`] (`messages`).
    pub messages: u32,
    /// Chat: share of members online, 0–1 (`online`).
    pub online: f64,
    /// Chat: bytes per message, [`MSG_BYTES_RANGE`] (`msg_bytes`).
    pub msg_bytes: u32,
    /// Chat: bytes per reference, [`REF_BYTES_RANGE`] (`ref_bytes`).
    pub ref_bytes: u32,
}

/// The document's 10K-follower threshold scaled to a graph: ten times the mean follower count
/// `follows / users` (rounded, at least 1). Not in the source: see the "Celebrity threshold"
/// fidelity note.
///
/// ```
/// assert_eq!(sdp_lab_fan_out::scaled_threshold(500, 5000), 100);
/// assert_eq!(sdp_lab_fan_out::scaled_threshold(10, 0), 1);
/// ```
pub fn scaled_threshold(users: u32, follows: u32) -> i64 {
    if users == 0 {
        return 1;
    }
    ((10.0 * f64::from(follows) / f64::from(users)).round() as i64).max(1)
}

impl Default for Params {
    fn default() -> Self {
        Params {
            mode: Mode::Feed,
            strategy: Strategy::Push,
            users: 500,
            follows: 5000,
            skew: 1.0,
            inactive: 0.3,
            posts: 500,
            reads: 200,
            detailed: 40,
            threshold: scaled_threshold(500, 5000),
            workers: 2,
            batch: 25,
            cache: 500,
            page: 50,
            ranking: false,
            group: 50,
            messages: 20,
            online: 0.7,
            msg_bytes: 1000,
            ref_bytes: 16,
        }
    }
}

/// Something the learner makes happen after the generated workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Feed: this user posts (`post:U`).
    Post(u32),
    /// Feed: this user loads their feed (`read:U`).
    Read(u32),
    /// Feed: this many ticks pass with no event, 1–[`MAX_WAIT`] (`wait:N`).
    Wait(u32),
    /// Chat: this member sends a message (`send:M`).
    Send(u32),
    /// Chat: this member goes offline (`off:M`).
    Disconnect(u32),
    /// Chat: this member reconnects (`on:M`).
    Reconnect(u32),
}

/// The fan-out lab.
pub struct FanOutLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "fan-out",
    title: "Feed fan-out and group delivery",
    summary: "Push, pull and hybrid news feeds on the same power-law follow graph: write \
              amplification, read merges, wasted writes and queue backlog when a celebrity posts; \
              and group chat messages as copies or references.",
    catalogue: "M7.1, M7.2, M7.3, M7.6",
};

/// The modes, chosen by `mode=`: `feed` (the default) and `chat`.
pub const MODES: &[ModeInfo] = &[
    ModeInfo {
        id: "feed",
        title: "News-feed fan-out",
    },
    ModeInfo {
        id: "chat",
        title: "Group chat delivery",
    },
];

impl Mode {
    /// The mode's index in [`MODES`].
    pub fn index(self) -> usize {
        match self {
            Mode::Feed => 0,
            Mode::Chat => 1,
        }
    }

    /// The mode at index `i` (feed for an index out of range).
    pub fn from_index(i: usize) -> Mode {
        if i == 1 { Mode::Chat } else { Mode::Feed }
    }
}

impl Lab for FanOutLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = check::Checker;

    const INFO: LabInfo = INFO;
    const MODES: &'static [ModeInfo] = MODES;
    const SEED: u64 = 42;
    const MODE_BUNDLES: &'static [ModeBundle] = MODE_BUNDLES;
    const ACTIONS: ActionSyntax = url::ACTIONS;

    fn procedures() -> &'static [Procedure] {
        text::PROCEDURES
    }

    fn notes() -> &'static [FidelityNote] {
        text::NOTES
    }

    fn fields() -> &'static [Field<Params>] {
        url::FIELDS
    }

    fn mode(params: &Params) -> usize {
        params.mode.index()
    }

    fn defaults(mode: usize) -> Params {
        Params {
            mode: Mode::from_index(mode),
            ..Params::default()
        }
    }

    fn default_actions(mode: usize) -> Vec<Action> {
        match Mode::from_index(mode) {
            Mode::Feed => vec![
                Action::Post(0),
                Action::Read(DEFAULT_READER),
                Action::Wait(10),
                Action::Read(DEFAULT_READER),
            ],
            Mode::Chat => Vec::new(),
        }
    }

    fn check(params: &Params) -> Vec<ParamError> {
        check::check(params)
    }

    fn repair(params: &mut Params) -> Vec<ParamError> {
        check::repair(params)
    }

    fn parse_action(text: &str) -> Result<Action, String> {
        url::parse_action(text)
    }

    fn action_text(action: &Action) -> String {
        url::action_text(action)
    }

    fn checker(params: &Params) -> check::Checker {
        check::Checker::new(params)
    }

    fn check_action(
        checker: &mut check::Checker,
        field: &str,
        action: &Action,
    ) -> Result<(), ParamError> {
        checker.apply(field, action)
    }

    fn build(scenario: &Scenario<Params, Action>) -> Trace<State> {
        trace::build(scenario)
    }

    fn questions(
        scenario: &Scenario<Params, Action>,
        trace: &Trace<State>,
    ) -> Vec<sdp_kit::quiz::Question> {
        questions::questions(scenario, trace)
    }
}

/// The reader in the default scenario: an active follower of user 0 in the default graph,
/// late in user 0's follower list (so push reaches it last).
pub const DEFAULT_READER: u32 = 497;

/// The most follow edges a graph of `users` can have here: `min(users·(users−1),
/// MAX_MEAN_FOLLOWING·users, MAX_FOLLOWS)`.
///
/// ```
/// assert_eq!(sdp_lab_fan_out::max_follows(3), 6);
/// assert_eq!(sdp_lab_fan_out::max_follows(500), 50_000);
/// assert_eq!(sdp_lab_fan_out::max_follows(100_000), 1_000_000);
/// ```
pub fn max_follows(users: u32) -> u32 {
    let n = u64::from(users);
    (n * n.saturating_sub(1))
        .min(u64::from(MAX_MEAN_FOLLOWING) * n)
        .min(u64::from(MAX_FOLLOWS)) as u32
}

/// The largest feed scenario the lab allows, for benchmarks and tests: 100 000 users,
/// 1 000 000 follows, 10 000 posts and 10 000 reads, 200 detailed events, 8 workers, and the
/// learner's maximum of 32 actions.
///
/// ```
/// use sdp_kit::lab::Contract;
/// let s = sdp_lab_fan_out::largest_feed(sdp_lab_fan_out::Strategy::Hybrid, true);
/// assert!(sdp_lab_fan_out::FanOutLab::validate(&s).is_empty());
/// ```
pub fn largest_feed(strategy: Strategy, ranking: bool) -> Scenario<Params, Action> {
    let mut actions = Vec::new();
    for i in 0..MAX_ACTIONS as u32 / 4 {
        actions.extend([
            Action::Post(i),
            Action::Read(MAX_USERS - 1 - i),
            Action::Wait(20),
            Action::Read(MAX_USERS - 1 - i),
        ]);
    }
    Scenario {
        params: Params {
            mode: Mode::Feed,
            strategy,
            users: MAX_USERS,
            follows: MAX_FOLLOWS,
            posts: MAX_POSTS,
            reads: MAX_READS,
            detailed: MAX_DETAILED,
            threshold: 100,
            workers: 8,
            batch: 100,
            ranking,
            ..Params::default()
        },
        seed: 7,
        actions,
    }
}

/// The largest chat scenario: 500 members, 300 messages, 32 sends.
pub fn largest_chat() -> Scenario<Params, Action> {
    Scenario {
        params: Params {
            mode: Mode::Chat,
            group: GROUP_RANGE.1,
            messages: MAX_MESSAGES,
            ..Params::default()
        },
        seed: 7,
        actions: (0..MAX_ACTIONS as u32).map(Action::Send).collect(),
    }
}
