//! The locks scenario in the URL, e.g.
//! `mode=fencing&clients=2&stagger=1&…&seed=42&a=pause:A@2:33`.

use crate::{Action, MAX_ACTIONS, MAX_CLIENTS, MAX_HORIZON, Params};
use sdp_kit::field::{Field, Modes};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::not_an;
use sdp_kit::{whole, word};

const RACE: Modes = Modes::Only(&["fencing", "redis"]);
const REDIS: Modes = Modes::Only(&["redis"]);
const FENCING: Modes = Modes::Only(&["fencing"]);
const OPT: Modes = Modes::Only(&["optimistic"]);

/// The URL fields, in URL order.
pub(crate) const FIELDS: &[Field<Params>] = &[
    whole!(
        "clients",
        race.clients,
        1,
        MAX_CLIENTS as u32,
        "racing clients (A, B, …)",
        RACE
    ),
    whole!(
        "stagger",
        race.stagger,
        0,
        60,
        "seconds between the clients' first attempts",
        RACE
    ),
    whole!(
        "jitter",
        race.jitter,
        0,
        60,
        "up to this many seconds added to each start (seeded)",
        RACE
    ),
    whole!(
        "writes",
        race.writes,
        1,
        20,
        "writes per client while it holds the lock",
        RACE
    ),
    whole!("ttl", race.ttl, 1, 300, "lock TTL, seconds", RACE),
    whole!(
        "retry",
        race.retry,
        1,
        60,
        "seconds between attempts while the lock is busy",
        RACE
    ),
    whole!(
        "counter",
        race.counter,
        0,
        1_000_000_000,
        "the global token counter at the start",
        FENCING
    ),
    whole!(
        "horizon",
        race.horizon,
        10,
        MAX_HORIZON,
        "last second simulated",
        RACE
    ),
    word!(
        "release",
        race.release,
        "release by the owner-checked Lua script, or by a bare DEL",
        REDIS
    ),
    whole!(
        "clients",
        opt.clients,
        1,
        8,
        "clients, each booking one seat",
        OPT
    ),
    whole!("seats", opt.seats, 0, 1_000, "seats at the start", OPT),
    whole!(
        "version",
        opt.version,
        0,
        1_000_000,
        "the row's version at the start",
        OPT
    ),
    whole!(
        "retries",
        opt.retries,
        0,
        10,
        "retries after a conflict",
        OPT
    ),
    word!(
        "check",
        opt.check,
        "the write checks the version, or writes blind",
        OPT
    ),
    word!(
        "order",
        opt.order,
        "reads first then writes (the example), or a seeded interleaving",
        OPT
    ),
];

/// The repeated `a=` actions.
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (pause:CLIENT@T:S)",
    forms: &[(
        "pause:CLIENT@T:S",
        "fencing, redis: client CLIENT (A–F) stops for S seconds from second T (a GC pause)",
    )],
};

/// An action's text.
pub(crate) fn action_text(a: &Action) -> String {
    match a {
        Action::Pause { client, at, len } => {
            format!("pause:{}@{at}:{len}", crate::sim::name(*client as usize))
        }
    }
}

/// Reads an action (see [`ACTIONS`]).
pub(crate) fn parse_action(text: &str) -> Result<Action, String> {
    let pause = || {
        let (client, rest) = text.strip_prefix("pause:")?.split_once('@')?;
        let (at, len) = rest.split_once(':')?;
        let c = client.trim();
        let b = *c.as_bytes().first().filter(|_| c.len() == 1)?;
        if !b.is_ascii_uppercase() {
            return None;
        }
        Some(Action::Pause {
            client: u32::from(b - b'A'),
            at: at.trim().parse().ok()?,
            len: len.trim().parse().ok()?,
        })
    };
    pause().ok_or_else(|| not_an(text, ACTIONS.expected))
}
