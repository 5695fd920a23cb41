//! What the `redlock` and `renewal` timelines draw, as fractions of the run's length: bars
//! (valid locks, leases, pauses, cuts) and marks (writes, renewals). Pure, tested natively.

use crate::redlock::{self, Fault};
use crate::renewal;
use crate::trace::{RedlockState, RenewState};

/// A stretch on a client's lane, `from`–`to` as fractions of the timeline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    /// Lane.
    pub client: usize,
    /// Start, 0–1.
    pub from: f64,
    /// End, 0–1.
    pub to: f64,
}

/// A point on a client's lane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    /// Lane.
    pub client: usize,
    /// Where, 0–1.
    pub at: f64,
    /// CSS class.
    pub class: &'static str,
}

/// A timeline's contents up to the step shown.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Lanes {
    /// Valid locks or leases.
    pub valid: Vec<Bar>,
    /// Pauses.
    pub pauses: Vec<Bar>,
    /// Network cuts.
    pub cuts: Vec<Bar>,
    /// Writes and renewals.
    pub marks: Vec<Mark>,
    /// The step's time, 0–1.
    pub now: f64,
    /// The timeline's last ms.
    pub end: u64,
}

fn frac(t: u64, end: u64) -> f64 {
    (t as f64 / end.max(1) as f64).clamp(0.0, 1.0)
}

/// The `redlock` timeline at a step: valid Redlocks clipped to now, pauses begun, writes made.
pub fn redlock_lanes(s: &RedlockState) -> Lanes {
    let w = &*s.world;
    let end = w.run.events.last().map_or(1, |e| e.t).max(1);
    let now = s.now();
    let f = |t: u64| frac(t, end);
    let valid = w
        .run
        .holds
        .iter()
        .filter(|h| h.from <= now)
        .map(|h| Bar {
            client: h.client,
            from: f(h.from),
            to: f(h.end().min(now)),
        })
        .collect();
    let pauses = w
        .setup
        .faults
        .iter()
        .filter_map(|x| match *x {
            Fault::Pause(c, at, len) if at <= now && c < w.setup.starts.len() => Some(Bar {
                client: c,
                from: f(at),
                to: f((at + len).min(now)),
            }),
            _ => None,
        })
        .collect();
    let marks = w.run.events[..s.done.min(w.run.events.len())]
        .iter()
        .filter_map(|e| match e.kind {
            redlock::Kind::Write(late, _) => Some(Mark {
                client: e.who,
                at: f(e.t),
                class: if late { "w rejected" } else { "w ok" },
            }),
            _ => None,
        })
        .collect();
    Lanes {
        valid,
        pauses,
        cuts: Vec::new(),
        marks,
        now: f(now),
        end,
    }
}

/// The `renewal` timeline at a step: who the service gave the lease to (lane per client),
/// pauses and cuts begun, writes (stale ones marked) and renewals.
pub fn renewal_lanes(s: &RenewState) -> Lanes {
    let w = &*s.world;
    let end = w.events.last().map_or(1, |e| e.t).max(1);
    let now = s.now();
    let f = |t: u64| frac(t, end);
    let done = &w.events[..s.done.min(w.events.len())];
    let mut valid: Vec<Bar> = Vec::new();
    let mut open: Option<(usize, u64)> = None;
    let mut last_until = 0;
    for e in done {
        let holder = e.lock.map(|(c, _, until)| (c, until));
        match (open, holder) {
            (Some((c, from)), Some((h, _))) if c != h => {
                valid.push(Bar {
                    client: c,
                    from: f(from),
                    to: f(last_until.min(e.t)),
                });
                open = Some((h, e.t));
            }
            (Some((c, from)), None) => {
                valid.push(Bar {
                    client: c,
                    from: f(from),
                    to: f(last_until.min(e.t)),
                });
                open = None;
            }
            (None, Some((h, _))) => open = Some((h, e.t)),
            _ => {}
        }
        if let Some((_, until)) = holder {
            last_until = until;
        }
    }
    if let Some((c, from)) = open {
        valid.push(Bar {
            client: c,
            from: f(from),
            to: f(now),
        });
    }
    let clip = |list: &[(usize, u64, u64)]| -> Vec<Bar> {
        list.iter()
            .filter(|&&(c, at, _)| at <= now && c < w.setup.clients)
            .map(|&(c, at, len)| Bar {
                client: c,
                from: f(at),
                to: f((at + len).min(now)),
            })
            .collect()
    };
    let marks = done
        .iter()
        .filter_map(|e| {
            let class = match e.kind {
                renewal::Kind::Write(true) => "w rejected",
                renewal::Kind::Write(false) => "w ok",
                renewal::Kind::Renew(true, _) => "renew ok",
                renewal::Kind::Renew(false, _) => "renew failed",
                _ => return None,
            };
            Some(Mark {
                client: e.client,
                at: f(e.t),
                class,
            })
        })
        .collect();
    Lanes {
        valid,
        pauses: clip(&w.setup.pauses),
        cuts: clip(&w.setup.cuts),
        marks,
        now: f(now),
        end,
    }
}
