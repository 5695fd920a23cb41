//! The hash-ring lab's text: the source procedures shown beside the ring, and where the
//! documents are wrong or silent.

use sdp_kit::lab::{FidelityNote, Procedure};

pub(crate) const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "Adding a server",
        source: "F0 §2 “Consistent Hashing Ring Implementation”",
        lines: &[
            "FOR i = 0 to num_virtual_nodes:   (half-open, like F4's range())",
            "    virtual_key = server_name + \":vnode\" + i",
            "    hash_position = MD5(virtual_key) as integer",
            "    ring[hash_position] = server_name",
            "    INSERT hash_position into sorted_keys (maintaining sorted order)",
        ],
    },
    Procedure {
        title: "Removing a server",
        source: "F0 §2 “Consistent Hashing Ring Implementation”",
        lines: &[
            "FOR i = 0 to num_virtual_nodes:",
            "    virtual_key = server_name + \":vnode\" + i",
            "    hash_position = MD5(virtual_key) as integer",
            "    DELETE ring[hash_position]",
            "    REMOVE hash_position from sorted_keys",
        ],
    },
    Procedure {
        title: "Finding server for a key",
        source: "F0 §2 “Consistent Hashing Ring Implementation”",
        lines: &[
            "hash_position = MD5(key) as integer",
            "index = binary_search(sorted_keys, hash_position)  // first position >= hash",
            "IF index reaches end of list:",
            "    index = 0  // wrap around to first server",
            "RETURN ring[sorted_keys[index]]",
        ],
    },
    Procedure {
        title: "Hash-mod-N sharding (compared)",
        source: "F0 §2 l.99; F4 §17 “Hash-Based Sharding”",
        lines: &["shard = hash(key) % N   // N = servers, in the order they joined"],
    },
];

pub(crate) const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "Loop bounds",
        document_says: "F0: “FOR i = 0 to num_virtual_nodes” (could be read as vnodes + 1 points)",
        lab_shows: "half-open 0 … vnodes−1, like F4's range()",
        why: "Both documents mean vnodes points per server; F4's Python code makes the bound explicit.",
    },
    FidelityNote {
        title: "MD5 “as integer”",
        document_says: "F0 does not say how the 16 digest bytes become an integer",
        lab_shows: "big-endian unsigned 128-bit integer (not in source)",
        why: "F4 compares raw digests, which orders them exactly as big-endian integers.",
    },
    FidelityNote {
        title: "“~150 different neighbours”",
        document_says: "F0 l.162: with 150 vnodes keys redistribute across ~150 different neighbours",
        lab_shows: "at most N−1 distinct servers receive keys",
        why: "The 150 counts vnode arcs; they belong to the other N−1 physical servers.",
    },
    FidelityNote {
        title: "F4 §17 “consistent hashing”",
        document_says: "hash(user_id) % 1000 cut into four fixed arcs is called consistent hashing",
        lab_shows: "a fixed range partition, compared side by side (“fixed arcs”)",
        why: "With fixed arcs and no vnodes, adding a shard re-cuts every arc and moves far more than 1/N of the keys.",
    },
];

/// Index of each procedure in [`Lab::procedures`].
pub(crate) mod proc_ids {
    pub const ADD: usize = 0;
    pub const REMOVE: usize = 1;
    pub const LOOKUP: usize = 2;
}
