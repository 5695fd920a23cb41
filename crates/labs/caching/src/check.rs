//! What a caching scenario may hold: parameters within the work caps, and actions that fit the
//! mode.

use crate::url::check_key;
use crate::{Action, Mode, Params};
use sdp_kit::lab::ParamError;

/// Most keys a TTL scenario may create.
pub const MAX_TTL_KEYS: u64 = 20_000;
/// Most reads a TTL scenario may simulate.
pub const MAX_TTL_READS: u64 = 120_000;
/// Most active cycles a TTL scenario may run.
pub const MAX_CYCLES: u64 = 1_000;
/// Most requests a stampede scenario may simulate.
pub const MAX_REQUESTS: u64 = 200_000;
/// Most steps a stampede scenario may show.
pub const MAX_STAMPEDE_STEPS: u64 = 600;
/// Most requests a multi-level scenario may simulate.
pub const MAX_MULTI_REQUESTS: u32 = 100_000;
/// Most L1 slots (servers × keys) a multi-level scenario may hold.
pub const MAX_L1_SLOTS: u64 = 200_000;
/// Latest crash time, ms.
pub const MAX_CRASH_MS: u32 = 100_000;

/// Problems across fields.
pub(crate) fn check_params(p: &Params) -> Vec<ParamError> {
    let mut errors = Vec::new();
    match p.mode {
        Mode::Ttl => {
            let t = &p.ttl;
            let d = u64::from(t.duration);
            let keys = u64::from(t.keys) + u64::from(t.sets) * d;
            if keys > MAX_TTL_KEYS {
                errors.push(ParamError::new(
                    "sets",
                    format!("keys + sets × duration must be at most {MAX_TTL_KEYS} (got {keys})"),
                ));
            }
            if u64::from(t.reads) * d > MAX_TTL_READS {
                errors.push(ParamError::new(
                    "reads",
                    format!("reads × duration must be at most {MAX_TTL_READS}"),
                ));
            }
            if u64::from(t.hz) * d > MAX_CYCLES {
                errors.push(ParamError::new(
                    "hz",
                    format!("hz × duration must be at most {MAX_CYCLES}"),
                ));
            }
            if t.ttl_min > t.ttl_max {
                errors.push(ParamError::new(
                    "ttl_min",
                    format!("must be at most ttl_max ({})", t.ttl_max),
                ));
            }
        }
        Mode::Stampede => {
            let s = &p.stampede;
            let d = u64::from(s.duration_s);
            if u64::from(s.rate) * d > MAX_REQUESTS {
                errors.push(ParamError::new(
                    "rate",
                    format!("rate × duration must be at most {MAX_REQUESTS}"),
                ));
            }
            let steps = (d * 1000).div_ceil(u64::from(s.step_ms.max(1)));
            if steps > MAX_STAMPEDE_STEPS {
                errors.push(ParamError::new(
                    "window",
                    format!(
                        "duration / window must be at most {MAX_STAMPEDE_STEPS} steps (got {steps})"
                    ),
                ));
            }
        }
        Mode::MultiLevel => {
            let m = &p.multi;
            let slots = u64::from(m.servers) * u64::from(m.keys);
            if slots > MAX_L1_SLOTS {
                errors.push(ParamError::new(
                    "keys",
                    format!("servers × keys must be at most {MAX_L1_SLOTS} (got {slots})"),
                ));
            }
        }
        Mode::Cdn => {
            let c = &p.cdn;
            if c.push >= c.edge_cap.min(c.region_cap) {
                errors.push(ParamError::new(
                    "push",
                    format!(
                        "must be below edge_cap and region_cap ({}), so the pull part keeps room",
                        c.edge_cap.min(c.region_cap)
                    ),
                ));
            }
        }
        Mode::Eviction | Mode::Strategies | Mode::HotKeys | Mode::Negative => {}
    }
    errors
}

/// Checks actions in order: the mode takes them and their text is readable.
pub struct Checker {
    mode: Mode,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker { mode: p.mode }
    }

    /// Checks the next action.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        match (action, self.mode) {
            (Action::Get(k), Mode::Eviction) => check_key(k).map_err(|m| ParamError::new(field, m)),
            (Action::Crash(ms), Mode::Strategies) => {
                if *ms > MAX_CRASH_MS {
                    Err(ParamError::range(field, 0, MAX_CRASH_MS, &ms.to_string()))
                } else {
                    Ok(())
                }
            }
            (Action::Get(_), _) => {
                Err(ParamError::new(field, "get: applies in mode=eviction only"))
            }
            (Action::Crash(_), _) => Err(ParamError::new(
                field,
                "crash: applies in mode=strategies only",
            )),
        }
    }
}
