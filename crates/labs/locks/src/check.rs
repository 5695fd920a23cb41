//! What a locks scenario may hold: pauses in the race modes, on a client that exists, within
//! the horizon.

use crate::{Action, MAX_HORIZON, Mode, Params};
use sdp_kit::lab::ParamError;

/// Problems across fields.
pub(crate) fn check_params(p: &Params) -> Vec<ParamError> {
    let r = &p.race;
    let last = u64::from(r.clients.saturating_sub(1)) * r.stagger + r.jitter;
    if matches!(p.mode, Mode::Fencing | Mode::Redis) && last >= r.horizon {
        vec![ParamError::new(
            "stagger",
            format!(
                "(clients − 1) × stagger + jitter must be below horizon {} (got {last})",
                r.horizon
            ),
        )]
    } else {
        Vec::new()
    }
}

/// Checks actions in order: pauses only in `fencing` and `redis`, on a client and second that
/// exist.
pub struct Checker {
    mode: Mode,
    clients: u32,
    horizon: u64,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker {
            mode: p.mode,
            clients: p.race.clients,
            horizon: p.race.horizon,
        }
    }

    /// Checks the next action.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        let Action::Pause { client, at, len } = *action;
        if !matches!(self.mode, Mode::Fencing | Mode::Redis) {
            return Err(ParamError::new(
                field,
                "pause: applies in mode=fencing or mode=redis only",
            ));
        }
        if client >= self.clients {
            return Err(ParamError::new(
                field,
                format!(
                    "pause: client must be A–{} (got {})",
                    crate::sim::name(self.clients as usize - 1),
                    crate::sim::name(client as usize)
                ),
            ));
        }
        if at > self.horizon {
            return Err(ParamError::new(
                field,
                format!(
                    "pause: second must be 0–{} (the horizon; got {at})",
                    self.horizon
                ),
            ));
        }
        if !(1..=MAX_HORIZON).contains(&len) {
            return Err(ParamError::new(
                field,
                format!("pause: seconds must be 1–{MAX_HORIZON} (got {len})"),
            ));
        }
        Ok(())
    }
}
