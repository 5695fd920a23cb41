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
    pub const LAG: usize = 9;
    pub const CONSISTENCY: usize = 10;
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
    Procedure {
        title: "Single master, replication lag",
        source: "F4 §21 “1. Single Master” l.4089–4097, “Monitoring Consistency” l.4284–4293; F0 §2 l.182",
        lines: &[
            "Writes → Master; Reads → Local replica",
            "Replication lag: 100ms – 5s",
            "replication_lag = master_timestamp - replica_timestamp",
            "# Alert if > 5 seconds",
            "ack: async on the leader's commit, semi-sync once one follower has it, sync once all have   (not in source)",
            "Failover via leader election: promote the follower with the longest log; the leader's later writes are lost   (not in source: the rule)",
            "Cons: Stale reads in other regions, single point of failure",
        ],
    },
    Procedure {
        title: "Consistency models",
        source: "F0 §2 “Consistency Models” l.109–118; F4 §20 l.3886–4010",
        lines: &[
            "Strong (linearizable): Reads always see latest write — Banking, inventory, leader election",
            "Sequential: All nodes see operations in same order — Distributed locks",
            "Causal: Causally related ops seen in order — Social media comments/replies",
            "Eventual: All replicas converge eventually — DNS, social feeds, caches",
            "linearizable: one legal order, each operation at a point between its invoke and response   (not in source)",
            "sequential: one legal order keeping each client's operations in order   (not in source)",
            "eventual, safety half: every read returns 0 or a written value   (not in source)",
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
    FidelityNote {
        title: "Synchronous and semi-synchronous replication",
        document_says: "F4 §21 l.4089: “Single Master (Asynchronous Replication)”; F0 §2 l.182: \
                        single-leader, failover via leader election",
        lab_shows: "not in source: sync (ack once every follower has the write) and semi-sync \
                    (once one has) beside async, and the failover rule (promote the longest log)",
        why: "Only async is in the documents; the other two are the usual controls (PostgreSQL's \
              synchronous standbys, MySQL's semi-sync). They turn lag into write latency: no \
              acknowledged write is lost, the slowest follower sets the wait.",
    },
    FidelityNote {
        title: "Where the lag comes from",
        document_says: "F4 §21 l.4095: “Replication lag: 100ms – 5s” (no cause given)",
        lab_shows: "not in source: each follower takes in and replays the log at a fixed rate \
                    (capacity) after a one-way delay; above that rate a queue builds and the lag \
                    grows steadily",
        why: "Below capacity the lag is about the network delay plus one replay (F4's 100 ms end); \
              above it, the backlog grows by load − capacity writes a second, past 5 s. Real \
              replicas often receive faster than they replay; then a failover loses only the \
              unreceived part.",
    },
    FidelityNote {
        title: "Lag between writes",
        document_says: "F4 §21 l.4290: replication_lag = master_timestamp − replica_timestamp",
        lab_shows: "the commit time of the leader's last write minus that of the follower's last \
                    replayed write",
        why: "The formula as written; it is 0 when the follower is caught up and jumps with each \
              commit, so the alert is checked at commit times.",
    },
    FidelityNote {
        title: "Consistency models",
        document_says: "F0 §2 l.109–118: a table of four models and their use cases; no \
                        definition to check a history against",
        lab_shows: "not in source: linearizable and sequential as the standard order-based \
                    definitions, eventual as its checkable half (no value from nowhere); causal \
                    and CAP's partition are not drawn",
        why: "Convergence is a promise about the future, which no finite history can break; the \
              lab says whether the final reads agree yet. The first violating operation is the \
              earliest response after which no order works (other writes may stay pending).",
    },
];
