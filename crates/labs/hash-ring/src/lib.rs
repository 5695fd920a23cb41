//! Consistent-hashing lab (route `#/lab/hash-ring`; catalogue M1.1, M1.2, M1.6).
//!
//! Servers are placed on an MD5 ring with virtual nodes, keys are looked up (hash → binary search
//! → wrap-around), servers are added and removed, and every change is compared with
//! `hash(key) mod N` and with F4's fixed four-arc ring on the same keys.

pub mod check;
pub mod layout;
mod questions;
pub mod ring;
mod text;
mod trace;
mod url;
#[cfg(feature = "view")]
pub mod view;

use ring::{KeyFormat, ServerId};
use sdp_kit::field::Field;
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ParamError, Procedure, Scenario, Trace,
};
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

impl Lab for HashRingLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = check::Checker;

    const INFO: LabInfo = INFO;
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

    fn defaults(_mode: usize) -> Params {
        Params::default()
    }

    fn default_actions(_mode: usize) -> Vec<Action> {
        vec![
            Action::AddServer("cache5:6379".into()),
            Action::RemoveServer("cache2:6379".into()),
        ]
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
        trace::build_trace(scenario)
    }

    fn questions(
        scenario: &Scenario<Params, Action>,
        trace: &Trace<State>,
    ) -> Vec<sdp_kit::quiz::Question> {
        questions::questions(scenario, trace)
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
