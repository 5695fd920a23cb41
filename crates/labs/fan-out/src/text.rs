//! The procedures the source documents state (shown beside the animation) and the fidelity
//! notes: where the documents are wrong or silent and what the lab shows instead.

use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`sdp_kit::Lab::procedures`].
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

/// The procedures, indexed by [`proc_ids`].
pub(crate) const PROCEDURES: &[Procedure] = &[
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

/// The fidelity notes.
pub(crate) const NOTES: &[FidelityNote] = &[
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
