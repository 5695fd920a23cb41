//! The URL codec and validation every lab gets from its [`Field`](crate::field::Field)
//! declarations (see [`Contract`](crate::lab::Contract)).
//!
//! A URL reads in this order: `mode` (if the lab has modes), the mode's fields in declaration
//! order, [`Lab::repair`], `seed`, then the repeated `a` actions, each parsed and checked after
//! the ones before it. Anything else is reported as unknown.

use crate::field::or_list;
use crate::lab::{Contract, Lab, ParamError, Scenario, ScenarioOf};
use crate::query::{PLAYER_KEYS, Reader, only_player_keys, shorten};

/// The mode word of mode `mode`, or `None` for a lab without modes.
fn mode_id<L: Lab>(mode: usize) -> Option<&'static str> {
    L::MODES.get(mode).map(|m| m.id)
}

/// True when the field is read (and so written) in mode `mode`.
fn in_mode(modes: crate::field::Modes, mode: Option<&str>) -> bool {
    mode.is_none_or(|m| modes.reads(m))
}

/// The scenario as query pairs: `mode`, the mode's own fields, other fields the mode reads
/// when they differ from its defaults, `seed`, then one `a` per action.
pub fn to_query<L: Lab>(scenario: &ScenarioOf<L>) -> Vec<(String, String)> {
    let p = &scenario.params;
    let mode = L::mode(p);
    let id = mode_id::<L>(mode);
    let defaults = L::defaults(mode);
    let mut q = Vec::new();
    if let Some(id) = id {
        q.push(("mode".to_string(), id.to_string()));
    }
    for field in L::fields() {
        if !in_mode(field.modes, id) {
            continue;
        }
        let value = (field.kind.write)(p);
        let owned = id.is_none_or(|m| field.modes.owned_by(m));
        if owned || value != (field.kind.write)(&defaults) {
            q.push((field.key.to_string(), value));
        }
    }
    q.push(("seed".to_string(), scenario.seed.to_string()));
    q.extend(
        scenario
            .actions
            .iter()
            .map(|a| ("a".to_string(), L::action_text(a))),
    );
    q
}

/// Reads `mode`: its index, or 0 and an error for a word that is not a mode.
fn read_mode<L: Lab>(r: &mut Reader<'_>) -> usize {
    if L::MODES.is_empty() {
        return 0;
    }
    let Some(text) = r.raw("mode") else {
        return 0;
    };
    if let Some(i) = L::MODES.iter().position(|m| m.id == text.trim()) {
        return i;
    }
    let words: Vec<&str> = L::MODES.iter().map(|m| m.id).collect();
    r.errors.push(ParamError::new(
        "mode",
        format!("must be {} (got {})", or_list(&words), shorten(text)),
    ));
    0
}

/// A scenario from query pairs; never fails (see the module docs for the order).
pub fn from_query<L: Lab>(pairs: &[(String, String)]) -> (ScenarioOf<L>, Vec<ParamError>) {
    if only_player_keys(pairs) {
        return (L::default_scenario(), Vec::new());
    }
    let mut r = Reader::new(pairs);
    let mode = read_mode::<L>(&mut r);
    let id = mode_id::<L>(mode);
    let mut params = L::defaults(mode);
    for field in L::fields() {
        if !in_mode(field.modes, id) {
            continue;
        }
        if let Some(text) = r.raw(field.key) {
            if let Err(message) = (field.kind.read)(&mut params, text) {
                r.errors.push(ParamError::new(field.key, message));
            }
        }
    }
    let repairs = L::repair(&mut params);
    r.errors.extend(repairs);
    let seed = r.number("seed", 0u64, u64::MAX, L::SEED);
    let mut checker = L::checker(&params);
    let syntax = L::ACTIONS;
    let actions = r.actions(syntax.max, syntax.noun, |field, text| {
        let action = L::parse_action(text).map_err(|m| vec![ParamError::new(field, m)])?;
        L::check_action(&mut checker, field, &action).map_err(|e| vec![e])?;
        Ok(action)
    });
    r.report_unknown(PLAYER_KEYS);
    (
        Scenario {
            params,
            seed,
            actions,
        },
        r.errors,
    )
}

/// Every problem with a scenario: a field whose text does not read back, parameters the URL
/// cannot express, [`Lab::check`], the action cap and each action that cannot apply.
pub fn validate<L: Lab>(scenario: &ScenarioOf<L>) -> Vec<ParamError> {
    let p = &scenario.params;
    let mode = L::mode(p);
    let id = mode_id::<L>(mode);
    let mut errors = Vec::new();
    let mut reread = L::defaults(mode);
    for field in L::fields() {
        if !in_mode(field.modes, id) {
            continue;
        }
        let text = (field.kind.write)(p);
        if let Err(message) = (field.kind.read)(&mut reread, &text) {
            errors.push(ParamError::new(field.key, message));
        }
    }
    if errors.is_empty() && reread != *p {
        errors.push(ParamError::new(
            "params",
            "these parameters cannot be written in the URL",
        ));
    }
    errors.extend(L::check(p));
    let syntax = L::ACTIONS;
    if scenario.actions.len() > syntax.max {
        errors.push(ParamError::new(
            "actions",
            format!("at most {} {}", syntax.max, syntax.noun),
        ));
    }
    if errors.is_empty() {
        let mut checker = L::checker(p);
        for (i, action) in scenario.actions.iter().enumerate() {
            if let Err(e) = L::check_action(&mut checker, &format!("actions[{i}]"), action) {
                errors.push(e);
            }
        }
    }
    errors
}
