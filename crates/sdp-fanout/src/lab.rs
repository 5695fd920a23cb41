//! The `fan-out` lab: parameters, actions, caps, procedures, fidelity notes and the
//! [`Lab`] implementation.

use crate::sim::Strategy;
use crate::state::State;
use crate::{run, url};
use sdp_core::lab::{FidelityNote, Lab, LabInfo, ParamError, Procedure, Scenario, Trace};
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
/// assert_eq!(sdp_fanout::lab::scaled_threshold(500, 5000), 100);
/// assert_eq!(sdp_fanout::lab::scaled_threshold(10, 0), 1);
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

/// Index of each procedure in [`Lab::procedures`].
pub mod proc_ids {
    /// Fan-out on write.
    pub const PUSH: usize = 0;
    /// Fan-out on read.
    pub const PULL: usize = 1;
    /// Hybrid.
    pub const HYBRID: usize = 2;
    /// Ranking funnel.
    pub const RANKING: usize = 3;
    /// Group message flow.
    pub const GROUP: usize = 4;
    /// Per-member delivery.
    pub const DELIVERY: usize = 5;
}

const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "Fan-out on write (push)",
        source: "F0 Q5 l.643–647, l.656, l.665–668, l.723, l.639",
        lines: &[
            "Post Creation: User → Post Service → Posts DB → Fan-out Service → Feed Cache (per user)",
            "On new post, write to every follower's feed cache",
            "Fan-out service: Async via Kafka.",
            "On new post, fan-out workers read follower list and write to each follower's feed cache. Batch updates for efficiency.",
            "Key: feed:{user_id}  Value: sorted set of (post_id, timestamp), keep latest 500",
            "Feed Read: User → Feed Service → Feed Cache → Hydrate (post details, user info) → Return",
            "Feed size: 50 posts × 1 KB = 50 KB per feed load",
        ],
    },
    Procedure {
        title: "Fan-out on read (pull)",
        source: "F0 Q5 l.657; merge completion from the catalogue (M7.2)",
        lines: &[
            "On feed request, query all followed users' posts",
            "No wasted computation",
            "Slow reads, query N users at read time",
            "merge by timestamp, newest first, and take 50   (not in source)",
        ],
    },
    Procedure {
        title: "Hybrid",
        source: "F0 Q5 “Hybrid approach (recommended)” l.660–663",
        lines: &[
            "Users with <10K followers: fan-out on write (push to follower feeds)",
            "Celebrities (>10K followers): fan-out on read (merge at read time)",
            "Feed = precomputed feed cache + real-time merge of celebrity posts",
        ],
    },
    Procedure {
        title: "Feed ranking: two-stage funnel",
        source: "F0 Q5 “ML Ranking Model Architecture” l.687–717",
        lines: &[
            "Stage 1: Candidate Retrieval (1000s → 500)",
            "├── Recent posts from followed users (last 48h)",
            "Stage 2: Ranking (500 → 50)",
            "└── Multi-task neural network scores each candidate",
            "Final Score = w1*P(like) + w2*P(comment) + w3*P(share) + w4*P(save) - w5*P(hide)",
            "            = 0.4*0.12  + 0.3*0.03    + 0.2*0.01   + 0.2*0.05  - 1.0*0.002",
            "            = 0.068",
        ],
    },
    Procedure {
        title: "Group message flow",
        source: "F4 §13 “Group Message Flow” l.2196–2206; F0 Q3 l.438",
        lines: &[
            "1. User A sends to Group G (50 members)",
            "2. Message Router → Group Service: Get members",
            "3. Group Fanout:",
            " - For each member: Route as 1-to-1 message",
            " - Async writes to Cassandra",
            " - If 50 members, creates 50 message copies",
            "4. Optimization: Use message references",
            " - Store message once",
            " - 50 pointers to single message",
            "Small groups (<500): fan-out on write — write message once, create delivery entry per member",
        ],
    },
    Procedure {
        title: "Delivery to each member (1-to-1 flow)",
        source: "F4 §13 “Message Flow (1-to-1)” l.2187–2193",
        lines: &[
            " - If online: Forward to Gateway B → Client B",
            " - If offline: Write to Kafka → Storage",
            "7. When B comes online:",
            " - Fetch pending messages from Kafka/Cassandra",
            " - Deliver via WebSocket",
        ],
    },
];

const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "Ranking score of the worked example",
        document_says: "F0 Q5 l.715–717: 0.4·0.12 + 0.3·0.03 + 0.2·0.01 + 0.2·0.05 − 1.0·0.002 = 0.068",
        lab_shows: "0.067 (0.048 + 0.009 + 0.002 + 0.010 − 0.002)",
        why: "The five terms sum to 0.067; 0.068 is an arithmetic slip. Post 0 carries these \
              probabilities, so a ranked read containing it shows the 0.067 bar.",
    },
    FidelityNote {
        title: "Celebrity threshold",
        document_says: "F0 Q5 l.661–662: <10K followers pushed, >10K pulled (for 500M DAU)",
        lab_shows: "a threshold parameter, default ten times the mean follower count (100 for 500 \
                    users and 5 000 follows); at or above it counts as a celebrity (not in source)",
        why: "A browser-sized graph has no account with 10K followers, so the threshold is scaled \
              to the graph; exactly 10K is assigned to neither side in the document, so ≥ is \
              chosen.",
    },
    FidelityNote {
        title: "Fan-out workers and batches",
        document_says: "F0 Q5 l.723: async via Kafka, workers batch updates; no sizes, no throughput",
        lab_shows: "a FIFO queue; each of `workers` takes one batch of up to `batch` followers per \
                    tick; a batch never spans two posts; latency in ticks (not in source)",
        why: "Throughput is what turns a celebrity post into a backlog, so it is a parameter.",
    },
    FidelityNote {
        title: "Feed order and trimming",
        document_says: "F0 Q5 l.668: sorted set of (post_id, timestamp), keep latest 500",
        lab_shows: "newest first: time descending, then post id descending; ids are given in time \
                    order, so it is id descending; trimmed after every insert (not in source)",
        why: "The document does not say how ties or the trim are handled; with these rules every \
              strategy shows the same feed once the queues are empty.",
    },
    FidelityNote {
        title: "Whose posts a feed shows",
        document_says: "F0 Q5 l.632: “timeline of followed users' posts”",
        lab_shows: "only followees' posts; an author's own posts are not in their feed",
        why: "The document is silent on own posts; leaving them out keeps push, pull and hybrid \
              comparable write for write.",
    },
    FidelityNote {
        title: "Pull merge",
        document_says: "F0 Q5 l.657: query all followed users' posts",
        lab_shows: "every followee is one source (even with no posts); their posts are merged \
                    newest first and the first 50 returned",
        why: "“Work per read” counts the sources merged; the merge rule is the catalogue's \
              completion (M7.2).",
    },
    FidelityNote {
        title: "Ranking candidates and probabilities",
        document_says: "F0 Q5 l.687–693: retrieval of recent posts (last 48h), trending and \
                        collaborative filtering; a multi-task network predicts the heads",
        lab_shows: "stage 1 = the newest posts from followees up to the cache cap (500); the five \
                    probabilities are seeded per post (post 0 = the document's example)",
        why: "There is no model, trending pipeline or 48 h clock in a tick simulation; the \
              weights and the formula are the document's.",
    },
    FidelityNote {
        title: "Group size limit",
        document_says: "F0 Q3 l.393: groups up to 500 members; F4 §13 l.2297: 256",
        lab_shows: "group size 2–500, default 50 (F4's example)",
        why: "The two documents disagree (catalogue C-10); the larger limit is allowed.",
    },
    FidelityNote {
        title: "Copies and references",
        document_says: "F4 §13 l.2203–2206: 50 members → 50 copies; or one message and 50 pointers",
        lab_shows: "N copies for N members (the sender's own copy included), or one message plus \
                    N references; 1 KB per message (F4's average, l.2078), 16 B per reference \
                    (not in source)",
        why: "The document gives no pointer size; the sender keeps a copy in its history too.",
    },
    FidelityNote {
        title: "Authors and inactive users",
        document_says: "F0 Q5 l.656: push does “wasted work for inactive users”; no activity model",
        lab_shows: "a share of users never reads; authors are drawn uniformly from all users, \
                    readers from the active ones",
        why: "Wasted writes are the writes into caches that are never read.",
    },
];

impl Lab for FanOutLab {
    type Params = Params;
    type Action = Action;
    type State = State;

    const INFO: LabInfo = INFO;

    fn procedures() -> &'static [Procedure] {
        PROCEDURES
    }

    fn notes() -> &'static [FidelityNote] {
        NOTES
    }

    fn default_scenario() -> Scenario<Params, Action> {
        Scenario {
            params: Params::default(),
            seed: 42,
            actions: vec![
                Action::Post(0),
                Action::Read(DEFAULT_READER),
                Action::Wait(10),
                Action::Read(DEFAULT_READER),
            ],
        }
    }

    fn validate(scenario: &Scenario<Params, Action>) -> Vec<ParamError> {
        run::validate(scenario)
    }

    fn run(scenario: &Scenario<Params, Action>) -> Result<Trace<State>, Vec<ParamError>> {
        let errors = run::validate(scenario);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(run::build_trace(scenario))
    }

    fn to_query(scenario: &Scenario<Params, Action>) -> Vec<(String, String)> {
        url::to_query(scenario)
    }

    fn from_query(pairs: &[(String, String)]) -> (Scenario<Params, Action>, Vec<ParamError>) {
        url::from_query(pairs)
    }
}

/// The reader in the default scenario: an active follower of user 0 in the default graph,
/// late in user 0's follower list (so push reaches it last).
pub const DEFAULT_READER: u32 = 497;

/// The most follow edges a graph of `users` can have here: `min(users·(users−1),
/// MAX_MEAN_FOLLOWING·users, MAX_FOLLOWS)`.
///
/// ```
/// assert_eq!(sdp_fanout::lab::max_follows(3), 6);
/// assert_eq!(sdp_fanout::lab::max_follows(500), 50_000);
/// assert_eq!(sdp_fanout::lab::max_follows(100_000), 1_000_000);
/// ```
pub fn max_follows(users: u32) -> u32 {
    let n = u64::from(users);
    (n * n.saturating_sub(1))
        .min(u64::from(MAX_MEAN_FOLLOWING) * n)
        .min(u64::from(MAX_FOLLOWS)) as u32
}
