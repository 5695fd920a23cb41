//! Range-based ID allocation (M3.3): a coordinator hands out ranges of `size` IDs; a server
//! issues from its range and asks for the next when it runs out. The document's test
//! `current_id ≥ range_end` skips each range's last ID; a crash loses the rest of a range.

use serde::{Deserialize, Serialize};

/// When a server asks for a new range.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// The document's `current_id ≥ range_end`: 9 999 IDs per 10 000.
    #[default]
    Doc,
    /// `current_id > range_end`: the whole range.
    Fixed,
}

impl sdp_kit::field::Word for Rule {
    const WORDS: &'static [(Self, &'static str)] = &[(Rule::Doc, "doc"), (Rule::Fixed, "fixed")];
}

/// Why IDs below the coordinator's counter were never issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Loss {
    /// A range's last ID, skipped by `≥ range_end`.
    OffByOne,
    /// The rest of a range held by a server that crashed.
    Crash,
}

/// IDs `from..=to` never issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// First lost ID.
    pub from: u64,
    /// Last lost ID.
    pub to: u64,
    /// Why.
    pub why: Loss,
}

/// One server's range and position.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Server {
    /// The range held, inclusive (`None` before the first request and after a crash).
    pub range: Option<(u64, u64)>,
    /// The next ID to issue.
    pub current: u64,
    /// IDs issued so far.
    pub issued: u64,
    /// Ranges received.
    pub ranges: u64,
}

/// The coordinator: the next range's first ID.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coordinator {
    /// First ID of the next range (starts at 1).
    pub next: u64,
    /// IDs per range.
    pub size: u64,
    /// Ranges handed out.
    pub handed: u64,
}

impl Coordinator {
    /// A coordinator whose first range is `[1, size]`.
    pub fn new(size: u64) -> Self {
        Coordinator {
            next: 1,
            size,
            handed: 0,
        }
    }

    /// Hands out the next range.
    pub fn range(&mut self) -> (u64, u64) {
        let r = (self.next, self.next + self.size - 1);
        self.next += self.size;
        self.handed += 1;
        r
    }
}

impl Server {
    /// True when the document's (or the fixed) test asks for a new range.
    pub fn needs_range(&self, rule: Rule) -> bool {
        match (self.range, rule) {
            (None, _) => true,
            (Some((_, end)), Rule::Doc) => self.current >= end,
            (Some((_, end)), Rule::Fixed) => self.current > end,
        }
    }

    /// Issues `n` IDs (arithmetically, a range at a time); returns the ranges requested and the
    /// gaps the off-by-one left. Needs ranges of at least 2 IDs under the document's rule.
    pub fn issue(
        &mut self,
        n: u64,
        rule: Rule,
        coord: &mut Coordinator,
    ) -> (Vec<(u64, u64)>, Vec<Gap>) {
        let (mut requested, mut gaps) = (Vec::new(), Vec::new());
        let mut left = n;
        while left > 0 {
            if self.needs_range(rule) {
                if let (Some((_, end)), Rule::Doc) = (self.range, rule) {
                    gaps.push(Gap {
                        from: end,
                        to: end,
                        why: Loss::OffByOne,
                    });
                }
                let r = coord.range();
                self.range = Some(r);
                self.current = r.0;
                self.ranges += 1;
                requested.push(r);
            }
            let Some((_, end)) = self.range else { break };
            let last_allowed = if rule == Rule::Doc { end - 1 } else { end };
            let take = left.min(last_allowed + 1 - self.current);
            self.current += take;
            self.issued += take;
            left -= take;
        }
        (requested, gaps)
    }

    /// A crash: the rest of the range is lost.
    pub fn crash(&mut self) -> Option<Gap> {
        let (_, end) = self.range.take()?;
        (self.current <= end).then_some(Gap {
            from: self.current,
            to: end,
            why: Loss::Crash,
        })
    }
}
