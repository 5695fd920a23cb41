//! What a locks scenario may hold: each action in its modes, on a client or master that
//! exists, within the mode's times.

use crate::{Action, MAX_RENEW_HORIZON, Mode, Params};
use sdp_kit::lab::ParamError;

/// Last ms a Redlock action may name.
pub const MAX_REDLOCK_MS: u64 = 600_000;

/// Problems across fields.
pub(crate) fn check_params(p: &Params) -> Vec<ParamError> {
    let r = &p.race;
    let last = u64::from(r.clients.saturating_sub(1)) * r.stagger + r.jitter;
    let mut out = Vec::new();
    if matches!(p.mode, Mode::Fencing | Mode::Redis) && last >= r.horizon {
        out.push(ParamError::new(
            "stagger",
            format!(
                "(clients − 1) × stagger + jitter must be below horizon {} (got {last})",
                r.horizon
            ),
        ));
    }
    if p.mode == Mode::Redlock && p.redlock.quorum > p.redlock.masters {
        out.push(ParamError::new(
            "quorum",
            format!(
                "quorum must be 1–{} (at most masters; got {})",
                p.redlock.masters, p.redlock.quorum
            ),
        ));
    }
    out
}

/// Checks actions in order: each kind in its modes, on a client or master that exists, within
/// the times the mode allows.
pub struct Checker {
    mode: Mode,
    clients: u32,
    masters: u32,
    horizon: u64,
}

fn range(field: &str, what: &str, v: u64, lo: u64, hi: u64) -> Result<(), ParamError> {
    if (lo..=hi).contains(&v) {
        Ok(())
    } else {
        Err(ParamError::new(
            field,
            format!("{what} must be {lo}–{hi} (got {v})"),
        ))
    }
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        let (clients, horizon) = match p.mode {
            Mode::Redlock => (p.redlock.clients, MAX_REDLOCK_MS),
            Mode::Renewal => (p.renewal.contenders + 1, MAX_RENEW_HORIZON),
            _ => (p.race.clients, p.race.horizon),
        };
        Checker {
            mode: p.mode,
            clients,
            masters: p.redlock.masters,
            horizon,
        }
    }

    fn client(&self, field: &str, verb: &str, client: u32) -> Result<(), ParamError> {
        if client >= self.clients {
            return Err(ParamError::new(
                field,
                format!(
                    "{verb}: client must be A–{} (got {})",
                    crate::sim::name(self.clients.max(1) as usize - 1),
                    crate::sim::name(client as usize)
                ),
            ));
        }
        Ok(())
    }

    /// Checks the next action.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        let (verb, modes): (&str, &[Mode]) = match action {
            Action::Pause { .. } => (
                "pause",
                &[Mode::Fencing, Mode::Redis, Mode::Redlock, Mode::Renewal],
            ),
            Action::Cut { .. } => ("cut", &[Mode::Renewal]),
            Action::Delay { .. } => ("delay", &[Mode::Redlock]),
            Action::Crash { .. } => ("crash", &[Mode::Redlock]),
            Action::Jump { .. } => ("jump", &[Mode::Redlock]),
        };
        if !modes.contains(&self.mode) {
            let names: Vec<String> = modes
                .iter()
                .map(|m| format!("mode={}", crate::mode_id(*m)))
                .collect();
            return Err(ParamError::new(
                field,
                format!("{verb}: applies in {} only", names.join(" or ")),
            ));
        }
        let h = self.horizon;
        let unit = if self.mode == Mode::Redlock {
            "ms"
        } else {
            "second"
        };
        match *action {
            Action::Pause { client, at, len } | Action::Cut { client, at, len } => {
                self.client(field, verb, client)?;
                range(field, &format!("{verb}: {unit}"), at, 0, h)?;
                let cap = if matches!(self.mode, Mode::Fencing | Mode::Redis) {
                    crate::MAX_HORIZON
                } else {
                    h
                };
                range(field, &format!("{verb}: length"), len, 1, cap)
            }
            Action::Delay {
                master,
                at,
                ms: len,
            }
            | Action::Crash { master, at, len }
            | Action::Jump {
                master,
                at,
                ms: len,
            } => {
                if master >= self.masters {
                    return Err(ParamError::new(
                        field,
                        format!(
                            "{verb}: master must be M1–M{} (got M{})",
                            self.masters,
                            master + 1
                        ),
                    ));
                }
                range(field, &format!("{verb}: ms"), at, 0, h)?;
                range(field, &format!("{verb}: length"), len, 1, h)
            }
        }
    }
}
