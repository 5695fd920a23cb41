//! The replication lab's text: the documents' procedures, and where they are wrong or silent.

use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`PROCEDURES`].
pub(crate) mod proc_ids {
    pub const QUORUM: usize = 0;
    pub const REPAIR: usize = 1;
    pub const HINT: usize = 2;
    pub const VCLOCK: usize = 3;
    pub const LWW: usize = 4;
    pub const CART: usize = 5;
    pub const GCOUNTER: usize = 6;
    pub const COMPLETIONS: usize = 7;
    pub const MERKLE: usize = 8;
}

pub(crate) const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "Quorum reads and writes",
        source: "F0 §2 “Replication” l.184; F4 §21 “3. Quorum-Based” l.4109–4125",
        lines: &[
            "Write requires W replicas to acknowledge",
            "Read requires R replicas to respond",
            "a read returns the highest version among the R replies   (not in source)",
            "Strong consistency when: R + W > N",
            "Latency: the W-th (R-th) fastest round trip   (F4: “median of RTT to 2 closest”)",
        ],
    },
    Procedure {
        title: "Read repair",
        source: "F0 §2 l.195",
        lines: &[
            "On quorum read, if replicas disagree,",
            "update stale replicas with latest value",
        ],
    },
    Procedure {
        title: "Hinted handoff",
        source: "F0 §2 l.197",
        lines: &[
            "When target node is down, store write as “hint” on another node,",
            "deliver when target recovers",
        ],
    },
    Procedure {
        title: "Vector clocks",
        source: "F4 §20 “2. Vector Clocks” l.4030–4042",
        lines: &[
            "vector_clock = {replica_1: 5, replica_2: 3, replica_3: 7}",
            "a local write increments its own entry   (not in source)",
            "A ≤ B iff every entry ≤; concurrent iff neither ≤   (not in source)",
            "merge = element-wise max   (not in source)",
            "Concurrent writes = conflict; application must resolve",
        ],
    },
    Procedure {
        title: "Last-write-wins",
        source: "F4 §20 “1. Conflict Resolution (LWW)” l.4014–4028",
        lines: &[
            "timestamp = time.time(); store(key, value, timestamp)",
            "if remote_value.timestamp > local_value.timestamp: return remote_value",
            "return local_value",
        ],
    },
    Procedure {
        title: "Shopping-cart merge",
        source: "F4 §21 “2. Application-Specific Logic” l.4248–4271",
        lines: &[
            "for item in local_cart.items + remote_cart.items:",
            "    if item.id in merged_items: keep max quantity",
            "    else: merged_items[item.id] = item",
            "return merged_items.values()",
        ],
    },
    Procedure {
        title: "G-Counter",
        source: "F4 §20 “3. CRDTs” GCounter l.4044–4066",
        lines: &[
            "increment: self.counts[self.replica_id] += 1",
            "value: sum(self.counts.values())",
            "merge: counts[replica] = max(counts[replica], count)",
        ],
    },
    Procedure {
        title: "PN-Counter, OR-Set, LWW-Register (not in source)",
        source: "F4 §21 l.4273–4282 names them; the code is the lab's",
        lines: &[
            "PN-Counter: P and N G-Counters; value = P − N; merge both",
            "OR-Set: add(x) with a unique tag; remove(x) tombstones the tags seen",
            "OR-Set: elements = tags added and not tombstoned; merge = union of both",
            "LWW-Register: keep the larger (timestamp, replica id)",
        ],
    },
    Procedure {
        title: "Anti-entropy with Merkle trees",
        source: "F0 §2 l.196",
        lines: &[
            "leaves = hashes of key ranges   (not in source)",
            "parent = hash(left child, right child)   (not in source)",
            "Background process compares Merkle trees between replicas:",
            "from the root, descend only into children whose hashes differ   (not in source)",
            "syncs differences: the keys of the differing leaves, newer version wins",
        ],
    },
];

pub(crate) const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "Quorum latency",
        document_says: "F4 §21 l.4121: “Median of RTT to 2 closest replicas”",
        lab_shows: "the W-th fastest round trip (the R-th for reads)",
        why: "The operation waits for its W-th ack, so its latency is the W-th order statistic; \
              for N = 3, W = 2 that is the median of all three RTTs, not a median of two.",
    },
    FidelityNote {
        title: "What a quorum read returns",
        document_says: "F0 §2, F4 §21: silent",
        lab_shows: "not in source: the highest version among the R replies",
        why: "Overlap guarantees one fresh replica among the R only if the reader picks the \
              newest version it sees; the others are repaired (M9.2).",
    },
    FidelityNote {
        title: "Sloppy quorum",
        document_says: "F0 §2 l.197: store the write as a hint on another node",
        lab_shows: "not in source: the hint holder's ack counts toward W",
        why: "That keeps writes available while a home replica is down, but the W acks are no \
              longer all on home replicas, so R + W > N no longer guarantees a fresh read.",
    },
    FidelityNote {
        title: "LWW on a tie",
        document_says: "F4 §20 l.4026: keep local unless remote.timestamp > local.timestamp",
        lab_shows: "on equal timestamps each side keeps its own (they diverge); the register \
                    breaks ties on replica id",
        why: "(\"A\", 100) against (\"B\", 100) leaves A on one replica and B on the other for \
              ever; a total order on (timestamp, replica) makes every replica pick the same.",
    },
    FidelityNote {
        title: "LWW under clock skew",
        document_says: "F4 §21 l.4246: “Can lose concurrent writes”",
        lab_shows: "the write lost, named: a later write on a slow clock loses to an earlier one",
        why: "time.time() is each replica's own clock; with replica 2 five seconds behind, its \
              later write carries the smaller timestamp and is dropped without a trace.",
    },
    FidelityNote {
        title: "Removed items come back",
        document_says: "F4 §21 l.4248–4271: union of items, max quantity",
        lab_shows: "the union resurrects a removed item; an observed-remove cart (not in source) \
                    keeps it removed",
        why: "A removal leaves nothing behind to merge, so the other sibling's copy wins; \
              tombstones (or OR-set tags) record it.",
    },
    FidelityNote {
        title: "PN-Counter, OR-Set, LWW-Register",
        document_says: "F4 §21 l.4273–4282: named only",
        lab_shows: "not in source: the standard constructions",
        why: "Two G-counters; unique add tags with tombstoned removes; the larger \
              (timestamp, replica id). Each merge is commutative, associative and idempotent.",
    },
    FidelityNote {
        title: "Merkle trees",
        document_says: "F0 §2 l.196: “compares Merkle trees between replicas, syncs differences”",
        lab_shows: "not in source: leaves hash key ranges, the walk descends only into differing \
                    children, the differing leaves' keys are exchanged",
        why: "The source names the process only; this is the standard construction (Dynamo, \
              Cassandra). FNV-1a stands in for the hash.",
    },
];
