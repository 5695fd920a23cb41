//! What a hash-ring scenario may hold: names, caps, and actions that can apply in order.

use crate::{
    Action, MAX_KEYS, MAX_NAME_LEN, MAX_SERVER_NAMES, MAX_SERVERS, Params, VNODES_RANGE,
    initial_server_name,
};
use sdp_kit::fmt::group;
use sdp_kit::lab::ParamError;

/// Checks a server or key name: non-empty, at most [`MAX_NAME_LEN`] characters, no control
/// characters.
pub(crate) fn check_name(field: &str, name: &str) -> Option<ParamError> {
    if name.trim().is_empty() {
        Some(ParamError::new(field, "the name is empty"))
    } else if name.chars().count() > MAX_NAME_LEN {
        Some(ParamError::new(
            field,
            format!("the name is longer than {MAX_NAME_LEN} characters"),
        ))
    } else if name.chars().any(char::is_control) {
        Some(ParamError::new(
            field,
            "the name contains control characters",
        ))
    } else {
        None
    }
}

/// Tracks what the actions can see (servers on the ring, key count) without hashing anything.
pub struct Checker {
    active: Vec<String>,
    names: Vec<String>,
    keys: u32,
}

impl Checker {
    /// A checker for a scenario with parameters `p`: its initial servers and keys.
    pub fn new(p: &Params) -> Self {
        let active: Vec<String> = (0..p.servers.min(MAX_SERVERS))
            .map(initial_server_name)
            .collect();
        Checker {
            names: active.clone(),
            active,
            keys: p.keys.min(MAX_KEYS),
        }
    }

    /// Applies `action` if it can apply; otherwise says why.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        match action {
            Action::AddServer(name) => {
                if let Some(e) = check_name(field, name) {
                    return Err(e);
                }
                if self.active.contains(name) {
                    return Err(ParamError::new(
                        field,
                        format!("{name} is already on the ring"),
                    ));
                }
                if self.active.len() >= MAX_SERVERS as usize {
                    return Err(ParamError::new(
                        field,
                        format!("at most {MAX_SERVERS} servers"),
                    ));
                }
                if !self.names.contains(name) {
                    if self.names.len() >= MAX_SERVER_NAMES {
                        return Err(ParamError::new(
                            field,
                            format!("at most {MAX_SERVER_NAMES} distinct server names"),
                        ));
                    }
                    self.names.push(name.clone());
                }
                self.active.push(name.clone());
            }
            Action::RemoveServer(name) => {
                let Some(at) = self.active.iter().position(|n| n == name) else {
                    return Err(ParamError::new(field, format!("{name} is not on the ring")));
                };
                if self.active.len() == 1 {
                    return Err(ParamError::new(field, "the last server cannot be removed"));
                }
                self.active.remove(at);
            }
            Action::AddKey(name) => {
                if let Some(e) = check_name(field, name) {
                    return Err(e);
                }
                self.add_keys(field, 1)?;
            }
            Action::AddBatch(n) => {
                if *n == 0 {
                    return Err(ParamError::range(field, 1, MAX_KEYS, "0"));
                }
                self.add_keys(field, *n)?;
            }
            Action::SetVnodes(v) => {
                let (lo, hi) = VNODES_RANGE;
                if !(lo..=hi).contains(v) {
                    return Err(ParamError::range(field, lo, hi, &v.to_string()));
                }
            }
        }
        Ok(())
    }

    fn add_keys(&mut self, field: &str, n: u32) -> Result<(), ParamError> {
        match self.keys.checked_add(n) {
            Some(total) if total <= MAX_KEYS => {
                self.keys = total;
                Ok(())
            }
            _ => Err(ParamError::new(
                field,
                format!("at most {} keys in all", group(u64::from(MAX_KEYS))),
            )),
        }
    }
}
