//! Consistent-hashing lab (catalogue M1.1, M1.2, M1.6).
//!
//! Servers are placed on an MD5 ring with virtual nodes, keys are looked up (hash → binary search
//! → wrap-around), servers are added and removed, and every change is compared with
//! `hash(key) mod N` and with F4's fixed four-arc ring on the same keys.

pub mod ring;
mod run;
mod url;

use crate::lab::{FidelityNote, Lab, LabInfo, ParamError, Procedure, Scenario, Trace};
use ring::{KeyFormat, ServerId};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Most servers on the ring at once.
pub const MAX_SERVERS: u32 = 64;
/// Most distinct server names in one scenario (server ids are one byte).
pub const MAX_SERVER_NAMES: usize = 255;
/// Vnodes per server: the allowed range.
pub const VNODES_RANGE: (u32, u32) = (1, 500);
/// Most keys in one scenario (initial plus added).
pub const MAX_KEYS: u32 = 100_000;
/// Most user actions in one scenario.
pub const MAX_ACTIONS: usize = 64;
/// Most keys looked up step by step at the start.
pub const MAX_DETAILED_LOOKUPS: u32 = 10;
/// Longest server or key name.
pub const MAX_NAME_LEN: usize = 40;

/// Lab parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Servers placed at the start, named `cache1:6379`, `cache2:6379`, … (1–64).
    pub servers: u32,
    /// Virtual nodes per server (1–500; the documents' default is 150).
    pub vnodes: u32,
    /// Keys `user:0` … `user:{keys-1}` looked up at the start (0–100 000).
    pub keys: u32,
    /// How many of those keys are looked up one step at a time (0–10).
    pub detailed: u32,
    /// Vnode key format (F0 or F4).
    pub format: KeyFormat,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            servers: 4,
            vnodes: 150,
            keys: 1000,
            detailed: 2,
            format: KeyFormat::F0,
        }
    }
}

/// Something the learner does to the ring.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Add a server with this name.
    AddServer(String),
    /// Remove the server with this name.
    RemoveServer(String),
    /// Look up (and add) one named key, step by step.
    AddKey(String),
    /// Add this many seeded random keys.
    AddBatch(u32),
    /// Change the number of vnodes of every server.
    SetVnodes(u32),
}

/// Everything about the scenario that does not change from step to step, shared by all steps.
/// (`Eq` lets `Arc<World>` comparisons stop at pointer equality.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct World {
    /// Every server name that appears, indexed by [`ServerId`].
    pub server_names: Vec<String>,
    /// Every vnode ever placed, sorted by position; alive at epochs `born..died`.
    pub vnodes: Vec<VnodeRecord>,
    /// Every key, in the order added.
    pub key_names: Vec<String>,
    /// MD5 position of each key.
    pub key_hashes: Vec<u128>,
}

/// One vnode's life on the ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VnodeRecord {
    /// Ring position (MD5, big-endian).
    pub position: u128,
    /// Owner.
    pub server: ServerId,
    /// Vnode number `i` in `server + ":vnode" + i`.
    pub index: u32,
    /// First ring epoch at which it is on the ring.
    pub born: u16,
    /// First ring epoch at which it is gone (`u16::MAX` if never removed).
    pub died: u16,
}

/// Which server owns each key under each strategy, after a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Ring owner of key `i`.
    pub ring: Vec<ServerId>,
    /// Owner under `hash mod N` (N = servers on the ring, in the order they joined).
    pub mod_n: Vec<ServerId>,
    /// Owner under F4's fixed arcs of `hash % 1000`.
    pub fixed: Vec<ServerId>,
}

/// What the current step is about, for highlighting.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Focus {
    /// Nothing in particular.
    #[default]
    None,
    /// A server's vnodes were just placed.
    Placed(ServerId),
    /// A server's vnodes were just removed.
    Removed(ServerId),
    /// A key was hashed onto the ring.
    Hashed(u32),
    /// The binary search over the sorted positions ran.
    Searched {
        /// Key index.
        key: u32,
        /// The lookup result, with probes.
        lookup: ring::Lookup,
    },
    /// The owning server was returned.
    Found {
        /// Key index.
        key: u32,
        /// The lookup result.
        lookup: ring::Lookup,
    },
    /// Keys were (re)assigned; moved ones are highlighted.
    Reassigned,
}

/// The state a step's view draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Shared, step-independent data.
    pub world: Arc<World>,
    /// Ring epoch: vnodes with `born <= epoch < died` are on the ring.
    pub epoch: u16,
    /// Servers on the ring, in the order they joined (the mod-N order).
    pub servers: Vec<ServerId>,
    /// Vnodes per server now.
    pub vnodes: u32,
    /// Keys that exist at this step (a prefix of `world.key_names`).
    pub key_count: u32,
    /// Current owners (after keys were first assigned).
    pub assignment: Option<Arc<Assignment>>,
    /// Owners before the last change, to show which keys moved.
    pub previous: Option<Arc<Assignment>>,
    /// After a join or a leave: the share of keys that must move (1/N, N the larger server count).
    pub ideal_moved: Option<f64>,
    /// What this step highlights.
    pub focus: Focus,
}

impl State {
    /// The vnodes on the ring at this step, sorted by position.
    pub fn alive_vnodes(&self) -> impl Iterator<Item = &VnodeRecord> {
        let e = self.epoch;
        self.world
            .vnodes
            .iter()
            .filter(move |v| v.born <= e && e < v.died)
    }
}

/// The consistent-hashing lab.
pub struct HashRingLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "hash-ring",
    title: "Consistent hashing",
    summary: "Place servers on an MD5 ring with virtual nodes, look keys up, add and remove servers, \
              and count the keys that move, against hash mod N on the same keys.",
    catalogue: "M1.1, M1.2, M1.6",
};

const PROCEDURES: &[Procedure] = &[
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

const NOTES: &[FidelityNote] = &[
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

impl Lab for HashRingLab {
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
                Action::AddServer("cache5:6379".into()),
                Action::RemoveServer("cache2:6379".into()),
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

/// Name of initial server `i` (zero-based): `cache1:6379`, `cache2:6379`, …
pub fn initial_server_name(i: u32) -> String {
    format!("cache{}:6379", i + 1)
}

/// Name of initial key `i`: `user:0`, `user:1`, …
pub fn initial_key_name(i: u32) -> String {
    format!("user:{i}")
}
