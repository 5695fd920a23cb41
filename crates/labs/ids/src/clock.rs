//! A node's simulated wall clock and the Snowflake generator's clock-skew policies (M3.4 GENERATE,
//! M3.5): error on a backward clock, sleep up to a maximum skew, or a logical clock.

use crate::snowflake::{Fields, Layout, compose};
use serde::{Deserialize, Serialize};

/// What the generator does when the clock reads earlier than the last ID's timestamp.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Policy {
    /// M3.4: ERROR "clock moved backwards".
    Error,
    /// M3.5 robust mode: sleep the skew if it is at most the maximum, else error.
    #[default]
    Sleep,
    /// M3.5 logical-clock mode: `logical = max(wall, last)`.
    Logical,
}

impl sdp_kit::field::Word for Policy {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Policy::Error, "error"),
        (Policy::Sleep, "sleep"),
        (Policy::Logical, "logical"),
    ];
}

/// A backward jump of one node's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jump {
    /// Real time (ms since the start) at which the clock is set back.
    pub at: u64,
    /// Milliseconds it goes back.
    pub back: u64,
}

/// A node's wall clock: real time plus a fixed offset, minus the jumps that have happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Unix ms at real time 0, offset included.
    pub base: i64,
    /// Backward jumps, in any order.
    pub jumps: Vec<Jump>,
}

impl Clock {
    /// What the clock reads at real time `r`.
    pub fn read(&self, r: u64) -> i64 {
        let back: u64 = self
            .jumps
            .iter()
            .filter(|j| j.at <= r)
            .map(|j| j.back)
            .sum();
        self.base + r as i64 - back as i64
    }
}

/// How an ID came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// A new millisecond: sequence 0.
    NewMs,
    /// The same millisecond: sequence + 1.
    SameMs,
    /// The sequence wrapped: spin-waited this many ms for the next millisecond.
    Overflow(u64),
    /// The clock was behind by this many ms: slept it, then retried.
    Slept(u64),
    /// The clock was behind by this many ms: the logical clock kept the last timestamp.
    Logical(u64),
    /// The logical clock's sequence wrapped: it moved one ms ahead of itself.
    LogicalOverflow,
}

/// Why no ID was issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// `now < last` under the error policy: "clock moved backwards" (skew in ms).
    Backwards(u64),
    /// The skew passed the maximum under the sleep policy (skew in ms).
    SkewTooLarge(u64),
    /// The timestamp is before the epoch or does not fit its field.
    OutOfRange,
}

/// One call of GENERATE.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Real time when the call returned (after any sleep or spin).
    pub done: u64,
    /// The clock at the first read.
    pub clock: i64,
    /// `last_ts` before the call (`None` before the first ID).
    pub last: Option<i64>,
    /// The ID's fields and value, or why there is none.
    pub result: Result<(Fields, u64, Event), Refusal>,
}

/// One node's generator state: `last_ts` and the sequence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generator {
    /// The node field.
    pub node: u64,
    /// The custom epoch, Unix ms.
    pub epoch: u64,
    /// The bit split.
    pub layout: Layout,
    /// The policy.
    pub policy: Policy,
    /// The sleep policy's largest skew, ms.
    pub max_skew: u64,
    /// Timestamp of the last ID (Unix ms; logical under the logical policy).
    pub last: Option<i64>,
    /// Sequence of the last ID.
    pub seq: u64,
}

impl Generator {
    /// A generator that has issued nothing.
    pub fn new(node: u64, epoch: u64, layout: Layout, policy: Policy, max_skew: u64) -> Self {
        Generator {
            node,
            epoch,
            layout,
            policy,
            max_skew,
            last: None,
            seq: 0,
        }
    }

    /// GENERATE at real time `r` on `clock`.
    pub fn next(&mut self, r: u64, clock: &Clock) -> Outcome {
        let first = clock.read(r);
        let last_before = self.last;
        let (done, result) = self.issue(r, clock);
        Outcome {
            done,
            clock: first,
            last: last_before,
            result,
        }
    }

    fn issue(&mut self, mut r: u64, clock: &Clock) -> (u64, Result<(Fields, u64, Event), Refusal>) {
        let mut now = clock.read(r);
        let mut slept = 0;
        let mut event = Event::NewMs;
        if let Some(last) = self.last {
            while now < last {
                let skew = (last - now) as u64;
                match self.policy {
                    Policy::Error => return (r, Err(Refusal::Backwards(skew))),
                    Policy::Sleep if skew > self.max_skew => {
                        return (r, Err(Refusal::SkewTooLarge(skew)));
                    }
                    Policy::Sleep => {
                        r += skew;
                        slept += skew;
                        now = clock.read(r);
                    }
                    Policy::Logical => {
                        event = Event::Logical(skew);
                        now = last;
                    }
                }
            }
            if now == last {
                if self.seq < self.layout.max_seq() {
                    self.seq += 1;
                    if event == Event::NewMs {
                        event = Event::SameMs;
                    }
                } else if self.policy == Policy::Logical {
                    now = last + 1;
                    self.seq = 0;
                    event = Event::LogicalOverflow;
                } else {
                    let start = r;
                    while now <= last {
                        r += (last - now) as u64 + 1;
                        now = clock.read(r);
                    }
                    self.seq = 0;
                    event = Event::Overflow(r - start);
                }
            } else {
                self.seq = 0;
            }
        } else {
            self.seq = 0;
        }
        if slept > 0 && matches!(event, Event::NewMs | Event::SameMs) {
            event = Event::Slept(slept);
        }
        let Some(ts) = now.checked_sub(self.epoch as i64).filter(|d| *d >= 0) else {
            return (r, Err(Refusal::OutOfRange));
        };
        let fields = Fields {
            ts: ts as u64,
            node: self.node,
            seq: self.seq,
        };
        match compose(fields, self.layout) {
            Ok(id) => {
                self.last = Some(now);
                (r, Ok((fields, id, event)))
            }
            Err(_) => (r, Err(Refusal::OutOfRange)),
        }
    }
}
