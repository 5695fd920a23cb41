//! The hash-ring scenario in the URL:
//! `servers=4&vnodes=150&keys=1000&detailed=2&format=f0&seed=42&a=add:cache5:6379&a=rm:cache2:6379`.
//!
//! Actions are repeated `a` values: `add:NAME`, `rm:NAME`, `key:NAME`, `batch:N`, `vnodes:N`.

use super::ring::KeyFormat;
use super::run::{Checker, validate_params};
use super::{
    Action, HashRingLab, MAX_ACTIONS, MAX_DETAILED_LOOKUPS, MAX_KEYS, MAX_SERVERS, Params,
    VNODES_RANGE,
};
use crate::lab::{Lab, ParamError, Scenario};
use crate::query::{PLAYER_KEYS, Reader, only_player_keys, parsed_or, shorten};

fn action_text(a: &Action) -> String {
    match a {
        Action::AddServer(n) => format!("add:{n}"),
        Action::RemoveServer(n) => format!("rm:{n}"),
        Action::AddKey(n) => format!("key:{n}"),
        Action::AddBatch(n) => format!("batch:{n}"),
        Action::SetVnodes(v) => format!("vnodes:{v}"),
    }
}

fn parse_action(text: &str) -> Option<Action> {
    let (verb, arg) = text.split_once(':')?;
    Some(match verb {
        "add" => Action::AddServer(arg.to_string()),
        "rm" => Action::RemoveServer(arg.to_string()),
        "key" => Action::AddKey(arg.to_string()),
        "batch" => Action::AddBatch(arg.trim().parse().ok()?),
        "vnodes" => Action::SetVnodes(arg.trim().parse().ok()?),
        _ => return None,
    })
}

pub(super) fn to_query(s: &Scenario<Params, Action>) -> Vec<(String, String)> {
    let p = &s.params;
    let mut q = vec![
        ("servers".to_string(), p.servers.to_string()),
        ("vnodes".to_string(), p.vnodes.to_string()),
        ("keys".to_string(), p.keys.to_string()),
        ("detailed".to_string(), p.detailed.to_string()),
        ("format".to_string(), p.format.as_str().to_string()),
        ("seed".to_string(), s.seed.to_string()),
    ];
    q.extend(s.actions.iter().map(|a| ("a".to_string(), action_text(a))));
    q
}

pub(super) fn from_query(
    pairs: &[(String, String)],
) -> (Scenario<Params, Action>, Vec<ParamError>) {
    if only_player_keys(pairs) {
        return (HashRingLab::default_scenario(), Vec::new());
    }
    let d = Params::default();
    let mut r = Reader::new(pairs);
    let mut params = Params {
        servers: r.number("servers", 1, MAX_SERVERS, d.servers),
        vnodes: r.number("vnodes", VNODES_RANGE.0, VNODES_RANGE.1, d.vnodes),
        keys: r.number("keys", 0, MAX_KEYS, d.keys),
        detailed: r.number("detailed", 0, MAX_DETAILED_LOOKUPS, d.detailed),
        format: d.format,
    };
    match r.raw("format") {
        None => {}
        Some("f0") => params.format = KeyFormat::F0,
        Some("f4") => params.format = KeyFormat::F4,
        Some(other) => r.errors.push(ParamError::new(
            "format",
            format!("must be f0 or f4 (got {})", shorten(other)),
        )),
    }
    let seed = r.number("seed", 0u64, u64::MAX, 42);
    debug_assert!(validate_params(&params).is_empty());
    let mut checker = Checker::new(&params);
    let actions = r.actions(MAX_ACTIONS, "actions", |field, text| {
        let action = parsed_or(
            field,
            text,
            parse_action(text),
            "an action (add:NAME, rm:NAME, key:NAME, batch:N, vnodes:N)",
        )?;
        checker.apply(field, &action).map_err(|e| vec![e])?;
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
