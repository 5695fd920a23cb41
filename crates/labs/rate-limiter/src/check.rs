//! What a rate-limiter scenario may hold: consistent parameters, and actions that fit the mode
//! and the request cap.

use crate::tiers::BURST_GAP_MS;
use crate::traffic::{MAX_REQUESTS, count_of};
use crate::{Action, MAX_BURST, MAX_TIME_S, Mode, Params};
use sdp_kit::lab::ParamError;

/// Problems across fields.
pub(crate) fn check_params(p: &Params) -> Vec<ParamError> {
    let mut errors = Vec::new();
    if p.mode == Mode::Compare {
        let c = &p.compare;
        if c.lanes.is_empty() {
            errors.push(ParamError::new("lanes", "must name at least one lane"));
        } else if !c.lanes.contains(&c.narrate) {
            errors.push(ParamError::new(
                "narrate",
                format!("must be one of the lanes shown (got {})", c.narrate.id()),
            ));
        }
        if count_of(c.traffic, &c.shape()) > u64::from(MAX_REQUESTS) {
            errors.push(ParamError::new(
                "limit",
                format!(
                    "the boundary burst sends 2 × limit requests; at most {MAX_REQUESTS} in all"
                ),
            ));
        }
    }
    errors
}

/// A name in a `send` action: 1–24 letters, digits, `.`, `:`, `_` or `-`.
fn check_name(field: &str, what: &str, name: &str) -> Result<(), ParamError> {
    let ok = (1..=24).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(ParamError::new(
            field,
            format!(
                "the {what} must be 1–24 letters, digits, . : _ or - (got {})",
                sdp_kit::query::shorten(name)
            ),
        ))
    }
}

/// Checks actions in order: the mode takes them, and the requests stay under the cap.
pub struct Checker {
    mode: Mode,
    requests: u64,
}

impl Checker {
    /// A checker for a scenario with parameters `p` (its generated requests already counted).
    pub fn new(p: &Params) -> Self {
        let requests = match p.mode {
            Mode::Compare => count_of(p.compare.traffic, &p.compare.shape()),
            Mode::Tiers => match p.tiers.example {
                crate::tiers::Example::Office => crate::tiers::example_sends()
                    .iter()
                    .map(|s| u64::from(s.count))
                    .sum(),
                crate::tiers::Example::None => 0,
            },
            Mode::Datacenters => u64::from(p.dcs.count),
        };
        Checker {
            mode: p.mode,
            requests,
        }
    }

    fn add(&mut self, field: &str, n: u32) -> Result<(), ParamError> {
        let total = self.requests + u64::from(n);
        if total > u64::from(MAX_REQUESTS) {
            return Err(ParamError::new(
                field,
                format!("at most {MAX_REQUESTS} requests in all (this makes {total})"),
            ));
        }
        self.requests = total;
        Ok(())
    }

    /// Checks the next action and counts its requests.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        match (action, self.mode) {
            (Action::Requests { count, .. }, Mode::Compare) => {
                if !(1..=1_000).contains(count) {
                    return Err(ParamError::range(field, 1, 1_000, &count.to_string()));
                }
                self.add(field, *count)
            }
            (Action::Send(s), Mode::Tiers) => {
                if !(1..=MAX_BURST).contains(&s.count) {
                    return Err(ParamError::range(field, 1, MAX_BURST, &s.count.to_string()));
                }
                check_name(field, "user", &s.user)?;
                check_name(field, "tier", &s.tier)?;
                check_name(field, "API key", &s.key)?;
                check_name(field, "IP", &s.ip)?;
                let last = s.at_ms + u64::from(s.count - 1) * BURST_GAP_MS;
                if last as f64 > MAX_TIME_S * 1000.0 {
                    return Err(ParamError::new(field, "the burst must end within a day"));
                }
                self.add(field, s.count)
            }
            (Action::Requests { .. }, _) => Err(ParamError::new(
                field,
                "req: adds requests in mode=compare only",
            )),
            (Action::Send(_), _) => Err(ParamError::new(
                field,
                "send: adds a client's burst in mode=tiers only",
            )),
        }
    }
}
