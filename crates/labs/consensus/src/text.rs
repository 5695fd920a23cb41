//! The consensus lab's text: the documents' procedures, and where they are wrong or silent.

use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`PROCEDURES`].
pub(crate) mod proc_ids {
    pub const ELECTION: usize = 0;
    pub const REPLICATION: usize = 1;
    pub const LOCK: usize = 2;
    pub const HEARTBEAT: usize = 3;
    pub const PHI: usize = 4;
    pub const TWO_PC: usize = 5;
}

pub(crate) const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "Leader election (Raft)",
        source: "F0 §2 “Leader Failover Protocol” l.189–194; F4 §21 “Paxos / Raft” l.4168–4174",
        lines: &[
            "followers detect a leader timeout (no heartbeat within the election timeout)",
            "the follower starts an election: term + 1, votes for itself (not in source: randomised timeout)",
            "it requests votes from its peers; a server gives one vote per term, only to a log at least as up to date",
            "a majority of votes: the winner becomes leader and broadcasts the new term (heartbeats)",
            "a server seeing a higher term steps down to follower",
            "clients redirect to the new leader",
        ],
    },
    Procedure {
        title: "Log replication (Raft)",
        source: "F4 §21 “Replication” l.4176–4182; F0 Q14 l.2063–2075",
        lines: &[
            "the leader receives a write and appends it to its log with its term",
            "it replicates it to the followers (AppendEntries with prevLogIndex, prevLogTerm)",
            "a follower whose log does not match at prevLogIndex refuses; the leader backs nextIndex off by one and retries (not in source)",
            "a follower deletes a conflicting suffix and appends the new entries",
            "the leader waits for a majority acknowledgment, and commits an entry of its current term only (not in source)",
            "followers learn the commit index with the next AppendEntries and commit",
        ],
    },
    Procedure {
        title: "Raft-based lock service: acquire",
        source: "F0 Q14 “Acquire via Raft” l.2063–2075",
        lines: &[
            "IF not leader: redirect client to leader",
            "CREATE log entry: {type: ACQUIRE, session_id, lock_name, ttl_ms}",
            "REPLICATE through Raft consensus (waits for majority)",
            "APPLY: lock held by another session → failure",
            "APPLY: lock held by the same session → extend TTL",
            "APPLY: lock available → create lock, assign token",
        ],
    },
    Procedure {
        title: "Heartbeat failure detector",
        source: "F0 §2 l.187 (1 s, 3 missed, 10 s); F4 §7 “Worker Failure Detection” l.938–944 (5 s, 10 s, 30 s)",
        lines: &[
            "the node sends a heartbeat every interval",
            "ALIVE → SUSPECT after `missed` heartbeats missed",
            "SUSPECT → DEAD after the dead timeout without a heartbeat",
            "F4: the master checks every check period; no heartbeat for 30 s → dead (≥, not in source)",
            "a heartbeat arriving → ALIVE again",
        ],
    },
    Procedure {
        title: "Phi-accrual failure detector",
        source: "F0 §2 l.188 (“phi = -log10(P(heartbeat_late))”, threshold 8–12)",
        lines: &[
            "track heartbeat inter-arrival times (a sliding window)",
            "fit μ, σ over the window (not in source: normal, Hayashibara; or exponential, Cassandra)",
            "t = time since the last heartbeat; P_later(t) = 1 − CDF(t)",
            "phi = −log10(P_later(t))",
            "suspect when phi ≥ threshold (typically 8–12)",
        ],
    },
    Procedure {
        title: "Two-phase commit (and 3PC)",
        source: "F4 §21 “1. Two-Phase Commit (2PC)” l.4127–4161, “2. Three-Phase Commit” l.4163–4166",
        lines: &[
            "phase 1: prepare on all participants",
            "each returns 'PREPARED' (or cannot, and aborts)",
            "all PREPARED → phase 2: commit on all → 'COMMITTED'",
            "else abort on all → 'ABORTED'",
            "problem: blocking protocol, the coordinator is a single point of failure",
            "3PC adds a pre-commit phase to reduce blocking (not in source: its timeouts)",
            "3PC is still susceptible to partitions (not in source: the termination)",
        ],
    },
];

pub(crate) const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "Who starts the election",
        document_says: "F0 §2 l.191: the follower with the highest priority/log position initiates the election",
        lab_shows: "the follower whose randomised election timer fires first (not in source: Raft), and a vote only for a log at least as up to date",
        why: "Raft has no priorities; the up-to-date check is what keeps the most complete log winning.",
    },
    FidelityNote {
        title: "Commit only entries of the current term",
        document_says: "F4 §21 l.4176–4182: the leader waits for a majority acknowledgment, then commits",
        lab_shows: "a leader counts replicas only for entries of its own term; older entries commit with them (not in source)",
        why: "An old-term entry on a majority can still be overwritten by a later leader (the Raft paper's figure 8).",
    },
    FidelityNote {
        title: "“Survives up to N/2 failures”",
        document_says: "F0 Q14 l.2077: survives up to N/2 failures",
        lab_shows: "a cluster of N survives ⌊(N−1)/2⌋ failures: 2 of 5, 3 of 7 (the deep dive l.2115 says so)",
        why: "A majority of N must stay up; with N/2 of an even N down, no majority is left.",
    },
    FidelityNote {
        title: "The lock's TTL",
        document_says: "F0 Q14 l.2063–2075: the entry carries ttl_ms; held by the same session → extend TTL",
        lab_shows: "the lock table after applying the committed entries: holder and token; the TTL is not timed (not in source)",
        why: "The lab is about what commits; lease expiry is in the locks lab.",
    },
    FidelityNote {
        title: "commitIndex after a restart",
        document_says: "not in source",
        lab_shows: "a restarted server keeps its term, vote and log (on disk) but starts with commitIndex 0 and learns it from the leader",
        why: "In Raft the commit index is volatile; only what is on disk survives a crash.",
    },
    FidelityNote {
        title: "Dead at exactly 30 s",
        document_says: "F4 §7 l.940–942: no heartbeat for 30 seconds → dead, checked every 10 s",
        lab_shows: "dead when the silence is ≥ 30 s at a check: last heartbeat at 0 → dead at the 30 s check; worst case ≈ 40 s",
        why: "The document does not say ≥ or >; with > the worker would be declared dead only at the 40 s check.",
    },
    FidelityNote {
        title: "Which distribution phi uses",
        document_says: "F0 §2 l.188: phi = −log10(P(heartbeat_late)), threshold 8–12",
        lab_shows: "P_later from a normal fit over the window (μ = 1000, σ = 100: φ(1200) = 1.643, φ(1500) = 6.543), or the exponential model; σ floored at min_sd",
        why: "The document names no distribution; a window of identical intervals has σ = 0, so a floor (as in Akka) keeps φ finite.",
    },
    FidelityNote {
        title: "What a recovering coordinator does",
        document_says: "F4 §21 l.4127–4166: the coordinator is a single point of failure (no recovery described)",
        lab_shows: "not in source: it reads its log; no decision logged → abort (presumed abort), a logged decision → send it again",
        why: "Participants that voted PREPARED may not decide alone, so only the coordinator's log can unblock them.",
    },
    FidelityNote {
        title: "3PC's timeouts and termination",
        document_says: "F4 §21 l.4163–4166: 3PC adds a pre-commit phase, still susceptible to partitions",
        lab_shows: "not in source: PREPARED + timeout → abort; after a crash the lowest reachable participant commits if anyone is PRE-COMMITTED; with P1 cut off the two sides decide differently",
        why: "That is the textbook termination protocol; the partition case shows the document's warning happening.",
    },
];
