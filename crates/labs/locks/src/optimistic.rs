//! Optimistic concurrency with a version column (M10.9): clients read the row, then write
//! `… SET available = available − 1, version = version + 1 WHERE id = ? AND version = ? AND
//! available > 0`; 0 rows → re-read and retry. Without the check, each client writes the value
//! it computed from its own read, and concurrent updates are lost.

use rand::RngExt;
use sdp_kit::rng::LabRng;
use serde::{Deserialize, Serialize};

/// The row: seats left and its version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// `available_seats`.
    pub available: u64,
    /// `version`.
    pub version: u64,
}

/// What a client did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// Read the row: it saw this.
    Read(Row),
    /// Wrote: the version it sent, and the outcome.
    Write(u64, Outcome),
}

/// A write's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// 1 row updated.
    Updated,
    /// 0 rows: the version moved on; the client will retry.
    Conflict,
    /// 0 rows: the version moved on and the client is out of retries.
    GaveUp,
    /// 0 rows: no seat left.
    SoldOut,
    /// Written without a check over a newer value: someone's update is lost.
    Overwrote,
}

/// One operation of the schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Client index.
    pub client: usize,
    /// What it did.
    pub op: Op,
    /// The row after it.
    pub row: Row,
}

/// How the schedule interleaves the clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Order {
    /// Every pending read first, in client order, then the writes (the worked example).
    Phased,
    /// A seeded random client with work left goes next.
    Shuffled,
}

/// What the run is set up with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// Clients, each booking one seat.
    pub clients: usize,
    /// Seats at the start.
    pub seats: u64,
    /// Version at the start.
    pub version: u64,
    /// Retries after a conflict.
    pub retries: u32,
    /// Check the version (true) or write blind.
    pub check: bool,
    /// The interleaving.
    pub order: Order,
}

#[derive(Clone, Copy)]
struct Client {
    seen: Option<Row>,
    tries: u32,
    done: bool,
}

fn write(s: &Setup, row: &mut Row, c: &mut Client) -> Op {
    let seen = c.seen.unwrap_or(*row);
    c.seen = None;
    if !s.check {
        if seen.available == 0 {
            c.done = true;
            return Op::Write(seen.version, Outcome::SoldOut);
        }
        let lost = *row != seen;
        row.available = seen.available - 1;
        row.version = seen.version + 1;
        c.done = true;
        return Op::Write(
            seen.version,
            if lost {
                Outcome::Overwrote
            } else {
                Outcome::Updated
            },
        );
    }
    if row.version == seen.version && row.available > 0 {
        row.available -= 1;
        row.version += 1;
        c.done = true;
        Op::Write(seen.version, Outcome::Updated)
    } else if row.version == seen.version || row.available == 0 {
        c.done = true;
        Op::Write(seen.version, Outcome::SoldOut)
    } else if c.tries < s.retries {
        c.tries += 1;
        Op::Write(seen.version, Outcome::Conflict)
    } else {
        c.done = true;
        Op::Write(seen.version, Outcome::GaveUp)
    }
}

fn pick(s: &Setup, cs: &[Client], rng: &mut LabRng) -> Option<usize> {
    let open: Vec<usize> = (0..cs.len()).filter(|&i| !cs[i].done).collect();
    match s.order {
        Order::Phased => open
            .iter()
            .copied()
            .find(|&i| cs[i].seen.is_none())
            .or_else(|| open.first().copied()),
        Order::Shuffled if open.is_empty() => None,
        Order::Shuffled => Some(open[rng.random_range(0..open.len())]),
    }
}

/// The whole schedule.
pub fn run(s: &Setup, rng: &mut LabRng) -> Vec<Entry> {
    let mut row = Row {
        available: s.seats,
        version: s.version,
    };
    let mut cs = vec![
        Client {
            seen: None,
            tries: 0,
            done: false
        };
        s.clients
    ];
    let mut out = Vec::new();
    while let Some(i) = pick(s, &cs, rng) {
        let op = if cs[i].seen.is_none() {
            cs[i].seen = Some(row);
            Op::Read(row)
        } else {
            write(s, &mut row, &mut cs[i])
        };
        out.push(Entry { client: i, op, row });
    }
    out
}

/// Seats sold (writes that reported success) and seats actually taken off the row.
pub fn sold(s: &Setup, entries: &[Entry]) -> (u64, u64) {
    let told = entries
        .iter()
        .filter(|e| matches!(e.op, Op::Write(_, Outcome::Updated | Outcome::Overwrote)))
        .count() as u64;
    let left = entries.last().map_or(s.seats, |e| e.row.available);
    (told, s.seats - left)
}
