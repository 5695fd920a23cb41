//! What the view draws, computed here so it is tested natively: angles on the ring, loads per
//! server, the shares of keys moved, the rows of the binary-search table, and which servers the
//! controls can remove.

use crate::ring::{Lookup, ServerId};
use crate::{Action, Assignment, Focus, Params, State, initial_server_name};
use sdp_kit::lab::Scenario;
use std::f64::consts::PI;

/// The angle of a ring position on screen, radians: 0 at the top, clockwise.
///
/// ```
/// use sdp_lab_hash_ring::layout::angle;
/// assert_eq!(angle(0), -std::f64::consts::FRAC_PI_2);
/// assert!((angle(1u128 << 127) - std::f64::consts::FRAC_PI_2).abs() < 1e-12);
/// ```
#[allow(clippy::cast_precision_loss, reason = "an angle on screen")]
pub fn angle(position: u128) -> f64 {
    position as f64 / 2f64.powi(128) * 2.0 * PI - PI / 2.0
}

/// Keys per server in `servers` order, from each key's owner (`ids` = server ids in use).
///
/// ```
/// assert_eq!(sdp_lab_hash_ring::layout::loads(&[0, 2, 2, 1], &[2, 0], 3), vec![2, 1]);
/// ```
pub fn loads(owners: &[ServerId], servers: &[ServerId], ids: usize) -> Vec<u64> {
    let mut per_id = vec![0u64; ids];
    for &o in owners {
        if let Some(c) = per_id.get_mut(usize::from(o)) {
            *c += 1;
        }
    }
    servers
        .iter()
        .map(|&s| per_id.get(usize::from(s)).copied().unwrap_or(0))
        .collect()
}

/// Keys whose ring owner changed between two assignments.
pub fn moved_keys(before: &Assignment, after: &Assignment) -> usize {
    moved(&before.ring, &after.ring)
}

fn moved(a: &[ServerId], b: &[ServerId]) -> usize {
    a.iter().zip(b).filter(|(x, y)| x != y).count()
}

/// Label of the ideal row in [`moved_shares`].
pub const IDEAL: &str = "ideal (1/N)";

/// After a change: the share of keys that moved under each strategy, with the ideal 1/N
/// second when the change was a join or a leave. Empty before any change.
#[allow(clippy::cast_precision_loss, reason = "shares of at most 100 000 keys")]
pub fn moved_shares(s: &State) -> Vec<(&'static str, f64)> {
    let (Some(now), Some(before)) = (&s.assignment, &s.previous) else {
        return Vec::new();
    };
    let n = now.ring.len().min(before.ring.len());
    if n == 0 {
        return Vec::new();
    }
    let share = |a: &[ServerId], b: &[ServerId]| moved(a, b) as f64 / n as f64;
    let mut rows = vec![
        ("consistent-hash ring", share(&before.ring, &now.ring)),
        ("hash mod N", share(&before.mod_n, &now.mod_n)),
        ("fixed arcs (F4 §17)", share(&before.fixed, &now.fixed)),
    ];
    if let Some(f) = s.ideal_moved {
        rows.insert(1, (IDEAL, f));
    }
    rows
}

/// The binary-search table of a lookup step: the lookup, and the rows to show (indexes into
/// the sorted positions: every probe, the result, the first and the last), sorted.
pub fn search_rows(s: &State) -> Option<(&Lookup, Vec<usize>)> {
    let (Focus::Searched { lookup, .. } | Focus::Found { lookup, .. }) = &s.focus else {
        return None;
    };
    let alive = s.alive_vnodes().count();
    let mut rows: Vec<usize> = lookup
        .probes
        .iter()
        .copied()
        .chain([lookup.index, 0, alive.saturating_sub(1)])
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows.retain(|&i| i < alive);
    Some((lookup, rows))
}

/// The servers on the ring once every action has run, in the order they joined.
///
/// ```
/// use sdp_lab_hash_ring::{layout::active_names, Action, HashRingLab};
/// use sdp_kit::Contract;
/// let names = active_names(&HashRingLab::default_scenario());
/// assert_eq!(names, ["cache1:6379", "cache3:6379", "cache4:6379", "cache5:6379"]);
/// ```
pub fn active_names(scenario: &Scenario<Params, Action>) -> Vec<String> {
    let mut names: Vec<String> = (0..scenario.params.servers)
        .map(initial_server_name)
        .collect();
    for a in &scenario.actions {
        match a {
            Action::AddServer(n) => names.push(n.clone()),
            Action::RemoveServer(n) => names.retain(|x| x != n),
            _ => {}
        }
    }
    names
}
