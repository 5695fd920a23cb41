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
const REDLOCK: Modes = Modes::Only(&["redlock"]);
const RENEWAL: Modes = Modes::Only(&["renewal"]);
const CLAIMS: Modes = Modes::Only(&["claims"]);
const BOOKINGS: Modes = Modes::Only(&["bookings"]);

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
    whole!(
        "masters",
        redlock.masters,
        1,
        crate::MAX_MASTERS as u32,
        "independent Redis masters",
        REDLOCK
    ),
    whole!(
        "quorum",
        redlock.quorum,
        1,
        crate::MAX_MASTERS as u32,
        "SET successes needed (at most masters)",
        REDLOCK
    ),
    whole!(
        "ttl",
        redlock.ttl,
        100,
        120_000,
        "key TTL (PX), ms",
        REDLOCK
    ),
    whole!(
        "latency",
        redlock.latency,
        0,
        2_000,
        "round trip to one master, ms",
        REDLOCK
    ),
    whole!(
        "clients",
        redlock.clients,
        1,
        crate::MAX_REDLOCK_CLIENTS as u32,
        "competing clients (A, B, …)",
        REDLOCK
    ),
    whole!(
        "stagger",
        redlock.stagger,
        0,
        60_000,
        "ms between the clients' first attempts",
        REDLOCK
    ),
    whole!(
        "work",
        redlock.work,
        0,
        120_000,
        "ms from acquiring to the write (then release)",
        REDLOCK
    ),
    whole!(
        "retries",
        redlock.retries,
        0,
        12,
        "attempts after the first, each after 200 ms × 2^attempt + 0–100 ms",
        REDLOCK
    ),
    whole!("ttl", renewal.ttl, 1, 300, "lease TTL, seconds", RENEWAL),
    whole!(
        "renew",
        renewal.renew,
        1,
        300,
        "seconds between the watchdog's renewals",
        RENEWAL
    ),
    whole!(
        "work",
        renewal.work,
        1,
        crate::MAX_RENEW_HORIZON,
        "seconds of A's job (writes, then release)",
        RENEWAL
    ),
    whole!(
        "every",
        renewal.every,
        1,
        60,
        "seconds between A's writes",
        RENEWAL
    ),
    whole!(
        "contenders",
        renewal.contenders,
        0,
        3,
        "clients B, C, … trying to take the lock",
        RENEWAL
    ),
    word!(
        "policy",
        renewal.policy,
        "fixed delay, or 200 ms × 2^attempt + 0–100 ms",
        RENEWAL
    ),
    whole!(
        "delay",
        renewal.delay,
        1,
        10_000,
        "the fixed policy's delay, ms",
        RENEWAL
    ),
    whole!(
        "retries",
        renewal.retries,
        0,
        10,
        "retries before BOOKING_IN_PROGRESS",
        RENEWAL
    ),
    whole!(
        "again",
        renewal.again,
        1,
        120,
        "seconds before a contender that gave up tries again",
        RENEWAL
    ),
    word!(
        "onlost",
        renewal.onlost,
        "on the lock-lost notice A stops writing, or ignores it",
        RENEWAL
    ),
    whole!(
        "workers",
        claims.workers,
        1,
        8,
        "racing workers (W1, W2, …)",
        CLAIMS
    ),
    whole!(
        "jobs",
        claims.jobs,
        1,
        20,
        "jobs in the table (or slots)",
        CLAIMS
    ),
    whole!("per", claims.per, 1, 20, "jobs each worker wants", CLAIMS),
    word!(
        "claim",
        claims.method,
        "conditional UPDATE, INSERT … ON CONFLICT DO NOTHING, or read-then-write",
        CLAIMS
    ),
    word!(
        "order",
        claims.order,
        "every read first then the claims (the example), or a seeded interleaving",
        CLAIMS
    ),
    word!(
        "flow",
        bookings.flow,
        "the hotel booking behind four layers, or the 10-minute seat hold",
        BOOKINGS
    ),
    whole!(
        "bookers",
        bookings.bookers,
        1,
        4,
        "bookers A, B, … (stays Dec 15–17, 16–18, 15–17, 17–19)",
        BOOKINGS
    ),
    whole!(
        "stagger",
        bookings.stagger,
        0,
        10_000,
        "hotel: ms between the bookers' starts",
        BOOKINGS
    ),
    whole!(
        "jitter",
        bookings.jitter,
        0,
        1_000,
        "hotel: up to this many ms added to each database step (seeded)",
        BOOKINGS
    ),
    whole!(
        "pay",
        bookings.pay,
        1,
        60_000,
        "hotel: payment time, ms",
        BOOKINGS
    ),
    word!(
        "lock",
        bookings.lock,
        "hotel layer 1: the Redis lock on the exact stay",
        BOOKINGS
    ),
    word!(
        "constraints",
        bookings.constraints,
        "hotel layer 2: UNIQUE(room_id, date) and CHECK(available_rooms >= 0)",
        BOOKINGS
    ),
    word!(
        "serializable",
        bookings.serializable,
        "hotel layer 3: SERIALIZABLE with SELECT … FOR UPDATE",
        BOOKINGS
    ),
    word!(
        "version",
        bookings.version,
        "hotel layer 4: UPDATE … WHERE version = ?",
        BOOKINGS
    ),
    whole!(
        "hold",
        bookings.hold,
        1,
        1_800,
        "hold: hold length (EX and held_until), seconds",
        BOOKINGS
    ),
    whole!(
        "think",
        bookings.think,
        1,
        1_800,
        "hold: A's seconds from hold to payment (the others take 60)",
        BOOKINGS
    ),
    whole!(
        "arrive",
        bookings.arrive,
        0,
        1_800,
        "hold: seconds between the bookers' arrivals",
        BOOKINGS
    ),
    word!(
        "sweeper",
        bookings.sweeper,
        "hold: a sweeper returns expired holds to available every minute",
        BOOKINGS
    ),
    word!(
        "confirm",
        bookings.confirm,
        "hold: the confirm checks the hold is still the booker's",
        BOOKINGS
    ),
];

/// The repeated `a=` actions.
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (pause:CLIENT@T:S, delay:M@T:MS, crash:M@T:MS, jump:M@T:MS, cut:CLIENT@T:S)",
    forms: &[
        (
            "pause:CLIENT@T:S",
            "fencing, redis, renewal: client CLIENT (A–F) stops for S seconds from second T (a GC pause); redlock: T and S in ms",
        ),
        (
            "delay:M@T:MS",
            "redlock: requests to master M (M1–M9) sent from T ms on take MS ms more",
        ),
        (
            "crash:M@T:MS",
            "redlock: master M is down from T ms for MS ms, then restarts with no keys",
        ),
        (
            "jump:M@T:MS",
            "redlock: master M's clock jumps MS ms forward at T ms",
        ),
        (
            "cut:CLIENT@T:S",
            "renewal: client CLIENT cannot reach the lock service for S seconds from second T",
        ),
    ],
};

/// A master's name: M1, M2, …
pub fn master(i: usize) -> String {
    format!("M{}", i + 1)
}

/// An action's text.
pub(crate) fn action_text(a: &Action) -> String {
    match a {
        Action::Pause { client, at, len } => {
            format!("pause:{}@{at}:{len}", crate::sim::name(*client as usize))
        }
        Action::Cut { client, at, len } => {
            format!("cut:{}@{at}:{len}", crate::sim::name(*client as usize))
        }
        Action::Delay { master: m, at, ms } => format!("delay:{}@{at}:{ms}", master(*m as usize)),
        Action::Crash { master: m, at, len } => {
            format!("crash:{}@{at}:{len}", master(*m as usize))
        }
        Action::Jump { master: m, at, ms } => format!("jump:{}@{at}:{ms}", master(*m as usize)),
    }
}

fn client_of(c: &str) -> Option<u32> {
    let c = c.trim();
    let b = *c.as_bytes().first().filter(|_| c.len() == 1)?;
    b.is_ascii_uppercase().then(|| u32::from(b - b'A'))
}

fn master_of(m: &str) -> Option<u32> {
    let n: u32 = m.trim().strip_prefix('M')?.parse().ok()?;
    n.checked_sub(1).filter(|&i| i < 99)
}

/// Reads an action (see [`ACTIONS`]).
pub(crate) fn parse_action(text: &str) -> Result<Action, String> {
    let read = || {
        let (verb, rest) = text.split_once(':')?;
        let (who, rest) = rest.split_once('@')?;
        let (at, v) = rest.split_once(':')?;
        let at: u64 = at.trim().parse().ok()?;
        let v: u64 = v.trim().parse().ok()?;
        Some(match verb {
            "pause" => Action::Pause {
                client: client_of(who)?,
                at,
                len: v,
            },
            "cut" => Action::Cut {
                client: client_of(who)?,
                at,
                len: v,
            },
            "delay" => Action::Delay {
                master: master_of(who)?,
                at,
                ms: v,
            },
            "crash" => Action::Crash {
                master: master_of(who)?,
                at,
                len: v,
            },
            "jump" => Action::Jump {
                master: master_of(who)?,
                at,
                ms: v,
            },
            _ => return None,
        })
    };
    read().ok_or_else(|| not_an(text, ACTIONS.expected))
}
