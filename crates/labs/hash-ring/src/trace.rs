//! The hash-ring trace builder: placements, lookups, joins and leaves, one step each.

use crate::ring::{Ring, ServerId, fixed_range, md5_position, mod_n};
use crate::text::proc_ids;
use crate::{
    Action, Assignment, Focus, Params, State, VnodeRecord, World, initial_key_name,
    initial_server_name,
};
use rand::RngExt;
use sdp_kit::fmt::{group, percent};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use sdp_kit::stats::LoadStats;
use std::sync::Arc;

/// A step before the shared [`World`] is complete.
struct Draft {
    epoch: u16,
    servers: Vec<ServerId>,
    vnodes: u32,
    key_count: u32,
    assignment: Option<Arc<Assignment>>,
    previous: Option<Arc<Assignment>>,
    ideal_moved: Option<f64>,
    focus: Focus,
    narration: String,
    lines: LinesRun,
    metrics: Vec<Metric>,
}

struct Builder {
    params: Params,
    ring: Ring,
    epoch: u16,
    servers: Vec<ServerId>,
    vnodes: u32,
    names: Vec<String>,
    records: Vec<VnodeRecord>,
    alive: Vec<Vec<usize>>,
    key_names: Vec<String>,
    key_hashes: Vec<u128>,
    assignment: Option<Arc<Assignment>>,
    ring_metrics: Vec<Metric>,
    load_metrics: Vec<Metric>,
    drafts: Vec<Draft>,
    rng: sdp_kit::rng::LabRng,
}

pub(super) fn build_trace(s: &Scenario<Params, Action>) -> Trace<State> {
    let mut b = Builder {
        params: s.params.clone(),
        ring: Ring::new(),
        epoch: 0,
        servers: Vec::new(),
        vnodes: s.params.vnodes,
        names: Vec::new(),
        records: Vec::new(),
        alive: Vec::new(),
        key_names: Vec::new(),
        key_hashes: Vec::new(),
        assignment: None,
        ring_metrics: Vec::new(),
        load_metrics: Vec::new(),
        drafts: Vec::new(),
        rng: sdp_kit::rng::seeded(s.seed),
    };
    b.start();
    for action in &s.actions {
        b.apply(action);
    }
    b.finish()
}

impl Builder {
    fn start(&mut self) {
        let p = self.params.clone();
        self.push(
            Focus::None,
            format!(
                "An empty ring of MD5 positions 0 … 2¹²⁸−1, read clockwise; {} servers will join with {} virtual nodes each.",
                p.servers, p.vnodes
            ),
            LinesRun::default(),
        );
        for i in 0..p.servers {
            let name = initial_server_name(i);
            self.add_server(&name);
        }
        let names: Vec<String> = (0..p.keys).map(initial_key_name).collect();
        let detailed = p.detailed.min(p.keys) as usize;
        for name in names.iter().take(detailed) {
            self.add_key_detailed(name);
        }
        self.add_keys_bulk(&names[detailed..]);
        let n = names.len() - detailed;
        if n > 0 {
            let narration = format!(
                "{} keys are looked up the same way. {}",
                if detailed > 0 {
                    format!("The other {}", group(n as u64))
                } else {
                    format!("All {}", group(n as u64))
                },
                self.load_sentence()
            );
            self.push(
                Focus::Reassigned,
                narration,
                LinesRun::new(proc_ids::LOOKUP, &[0, 1, 2, 3, 4]),
            );
        }
    }

    fn apply(&mut self, action: &Action) {
        match action {
            Action::AddServer(name) => {
                let before = self.assignment.clone();
                self.add_server(name);
                let ideal = 1.0 / self.servers.len() as f64;
                self.reassign(before, &format!("{name} joined"), Some(ideal));
            }
            Action::RemoveServer(name) => {
                let before = self.assignment.clone();
                let ideal = 1.0 / self.servers.len() as f64;
                self.remove_server(name);
                self.reassign(before, &format!("{name} left"), Some(ideal));
            }
            Action::AddKey(name) => self.add_key_detailed(name),
            Action::AddBatch(n) => {
                let names: Vec<String> = (0..*n)
                    .map(|_| format!("key-{:08x}", self.rng.random::<u32>()))
                    .collect();
                self.add_keys_bulk(&names);
                let narration = format!(
                    "{} seeded random keys are added and looked up. {}",
                    group(u64::from(*n)),
                    self.load_sentence()
                );
                self.push(
                    Focus::Reassigned,
                    narration,
                    LinesRun::new(proc_ids::LOOKUP, &[0, 1, 2, 3, 4]),
                );
            }
            Action::SetVnodes(v) => {
                let before = self.assignment.clone();
                self.set_vnodes(*v);
                self.reassign(before, &format!("vnodes changed to {v}"), None);
            }
        }
    }

    fn server_id(&mut self, name: &str) -> ServerId {
        if let Some(i) = self.names.iter().position(|n| n == name) {
            return i as ServerId;
        }
        self.names.push(name.to_string());
        self.alive.push(Vec::new());
        (self.names.len() - 1) as ServerId
    }

    fn add_server(&mut self, name: &str) {
        let id = self.server_id(name);
        self.epoch += 1;
        let format = self.params.format;
        let positions = self.ring.add_vnodes(name, id, format, 0..self.vnodes);
        self.record_births(id, positions, 0);
        self.servers.push(id);
        self.refresh_ring_metrics();
        let narration = format!(
            "{name} joins: its {v} vnode keys {first} … {last} are hashed with MD5 and inserted in sorted order ({total} positions on the ring).",
            v = self.vnodes,
            first = format.vnode_key(name, 0),
            last = format.vnode_key(name, self.vnodes - 1),
            total = group(self.ring.points().len() as u64),
        );
        self.push(
            Focus::Placed(id),
            narration,
            LinesRun::new(proc_ids::ADD, &[0, 1, 2, 3, 4]),
        );
    }

    fn record_births(&mut self, id: ServerId, positions: Vec<u128>, first_index: u32) {
        for (k, position) in positions.into_iter().enumerate() {
            self.alive[id as usize].push(self.records.len());
            self.records.push(VnodeRecord {
                position,
                server: id,
                index: first_index + k as u32,
                born: self.epoch,
                died: u16::MAX,
            });
        }
    }

    fn remove_server(&mut self, name: &str) {
        let id = self.server_id(name);
        self.epoch += 1;
        let removed = self.ring.remove_server(id);
        for r in std::mem::take(&mut self.alive[id as usize]) {
            self.records[r].died = self.epoch;
        }
        self.servers.retain(|&s| s != id);
        self.refresh_ring_metrics();
        let narration = format!(
            "{name} leaves: its {} positions are deleted from the ring; its keys now fall through to the next position clockwise.",
            group(removed as u64)
        );
        self.push(
            Focus::Removed(id),
            narration,
            LinesRun::new(proc_ids::REMOVE, &[0, 1, 2, 3, 4]),
        );
    }

    fn set_vnodes(&mut self, v: u32) {
        let old = self.vnodes;
        self.epoch += 1;
        for &id in &self.servers.clone() {
            if v > old {
                let name = self.names[id as usize].clone();
                let positions = self.ring.add_vnodes(&name, id, self.params.format, old..v);
                self.record_births(id, positions, old);
            } else {
                let (keep, drop): (Vec<usize>, Vec<usize>) = self.alive[id as usize]
                    .iter()
                    .partition(|&&r| self.records[r].index < v);
                for r in drop {
                    self.records[r].died = self.epoch;
                }
                self.alive[id as usize] = keep;
            }
        }
        if v < old {
            let alive: Vec<(&str, ServerId)> = self
                .servers
                .iter()
                .map(|&id| (self.names[id as usize].as_str(), id))
                .collect();
            self.ring = Ring::build(&alive, v, self.params.format);
        }
        self.vnodes = v;
        self.refresh_ring_metrics();
        let (verb, lines) = if v > old {
            ("adds", proc_ids::ADD)
        } else {
            ("removes", proc_ids::REMOVE)
        };
        let narration = format!(
            "Vnodes per server go from {old} to {v}: every server {verb} {} positions ({} on the ring now).",
            old.abs_diff(v),
            group(self.ring.points().len() as u64)
        );
        self.push(
            Focus::None,
            narration,
            LinesRun::new(lines, &[0, 1, 2, 3, 4]),
        );
    }

    fn add_key_detailed(&mut self, name: &str) {
        let hash = md5_position(name);
        let key = self.key_names.len() as u32;
        self.key_names.push(name.to_string());
        self.key_hashes.push(hash);
        let angle = hash as f64 / 2f64.powi(128) * 360.0;
        self.push(
            Focus::Hashed(key),
            format!("MD5(\"{name}\") = {hash:032x}: position {angle:.1}° around the ring."),
            LinesRun::new(proc_ids::LOOKUP, &[0]),
        );
        let Some(lookup) = self.ring.lookup_traced(hash) else {
            return;
        };
        let total = group(self.ring.points().len() as u64);
        let (narration, lines) = if lookup.wrapped {
            (
                format!(
                    "Binary search over the {total} sorted positions ({} probes) runs past the end: the hash is above every vnode, so the index wraps around to 0.",
                    lookup.probes.len()
                ),
                vec![1, 2, 3],
            )
        } else {
            (
                format!(
                    "Binary search over the {total} sorted positions takes {} probes and stops at index {}, the first position ≥ the hash.",
                    lookup.probes.len(),
                    lookup.index
                ),
                vec![1],
            )
        };
        self.push(
            Focus::Searched {
                key,
                lookup: lookup.clone(),
            },
            narration,
            LinesRun::new(proc_ids::LOOKUP, &lines),
        );
        self.extend_assignment(1);
        let owner = &self.names[lookup.server as usize];
        let shard = mod_n(hash, self.servers.len());
        let narration = format!(
            "\"{name}\" belongs to {owner}. Under hash mod {n} it would go to shard {shard}, {other}.",
            n = self.servers.len(),
            other = self.names[self.servers[shard] as usize],
        );
        self.push(
            Focus::Found { key, lookup },
            narration,
            LinesRun::new(proc_ids::LOOKUP, &[4]),
        );
    }

    fn add_keys_bulk(&mut self, names: &[String]) {
        for name in names {
            self.key_hashes.push(md5_position(name));
            self.key_names.push(name.clone());
        }
        self.extend_assignment(names.len());
    }

    /// Looks up the last `added` keys under every strategy and appends their owners.
    fn extend_assignment(&mut self, added: usize) {
        let mut next = self.assignment.as_deref().cloned().unwrap_or(Assignment {
            ring: Vec::new(),
            mod_n: Vec::new(),
            fixed: Vec::new(),
        });
        let from = self.key_hashes.len() - added;
        for i in from..self.key_hashes.len() {
            let (r, m, f) = self.owners(self.key_hashes[i]);
            next.ring.push(r);
            next.mod_n.push(m);
            next.fixed.push(f);
        }
        self.assignment = Some(Arc::new(next));
        self.refresh_load_metrics(None, None);
    }

    fn owners(&self, hash: u128) -> (ServerId, ServerId, ServerId) {
        let n = self.servers.len();
        let ring = self.ring.lookup(hash).map_or(0, |(_, s)| s);
        (
            ring,
            self.servers[mod_n(hash, n)],
            self.servers[fixed_range(hash, n)],
        )
    }

    /// Looks every key up again after a ring change; `ideal` is the share of keys that must move
    /// (1/N for a join or a leave; `None` when there is no such bound).
    fn reassign(&mut self, before: Option<Arc<Assignment>>, what: &str, ideal: Option<f64>) {
        let Some(before) = before else { return };
        let mut next = Assignment {
            ring: Vec::new(),
            mod_n: Vec::new(),
            fixed: Vec::new(),
        };
        for &h in &self.key_hashes {
            let (r, m, f) = self.owners(h);
            next.ring.push(r);
            next.mod_n.push(m);
            next.fixed.push(f);
        }
        let n = next.ring.len() as u64;
        let moved =
            |a: &[ServerId], b: &[ServerId]| a.iter().zip(b).filter(|(x, y)| x != y).count() as u64;
        let (ring_moved, mod_moved, fixed_moved) = (
            moved(&before.ring, &next.ring),
            moved(&before.mod_n, &next.mod_n),
            moved(&before.fixed, &next.fixed),
        );
        self.assignment = Some(Arc::new(next));
        self.refresh_load_metrics(Some((ring_moved, mod_moved, fixed_moved)), ideal);
        let ideal_text = match ideal {
            Some(f) => format!("; the ideal is 1/{:.0} = {:.1}%", 1.0 / f, f * 100.0),
            None => String::new(),
        };
        let narration = format!(
            "{what}: every key is looked up again. On the ring {} of {} keys moved ({}{ideal_text}); hash mod {} moves {} ({}).",
            group(ring_moved),
            group(n),
            percent(ring_moved, n),
            self.servers.len(),
            group(mod_moved),
            percent(mod_moved, n),
        );
        self.push_with_previous(
            Focus::Reassigned,
            narration,
            LinesRun::new(proc_ids::LOOKUP, &[0, 1, 2, 3, 4]),
            Some((before, ideal)),
        );
    }

    fn loads(&self, owners: &[ServerId]) -> Vec<u64> {
        let mut per_id = vec![0u64; self.names.len()];
        for &o in owners {
            per_id[o as usize] += 1;
        }
        self.servers.iter().map(|&s| per_id[s as usize]).collect()
    }

    fn load_sentence(&self) -> String {
        let Some(a) = &self.assignment else {
            return String::new();
        };
        let ring = LoadStats::of(&self.loads(&a.ring));
        let modn = LoadStats::of(&self.loads(&a.mod_n));
        format!(
            "On the ring the busiest server holds {} keys (mean {:.1}, std dev {:.1}); under hash mod {} the busiest holds {}.",
            group(ring.max),
            ring.mean,
            ring.std_dev,
            self.servers.len(),
            group(modn.max)
        )
    }

    fn refresh_ring_metrics(&mut self) {
        let shares = arc_shares(self.ring.points(), self.names.len());
        let largest = self
            .servers
            .iter()
            .map(|&s| shares[s as usize])
            .fold(0.0, f64::max);
        let ideal = 1.0 / self.servers.len().max(1) as f64;
        self.ring_metrics = vec![
            Metric::new(
                "servers",
                self.servers.len() as f64,
                self.servers.len().to_string(),
            ),
            Metric::new(
                "vnodes",
                self.ring.points().len() as f64,
                format!(
                    "{} per server, {} on the ring",
                    self.vnodes,
                    group(self.ring.points().len() as u64)
                ),
            ),
            Metric::new(
                "largest arc share",
                largest,
                format!("{:.1}% (ideal {:.1}%)", largest * 100.0, ideal * 100.0),
            ),
        ];
        if self.assignment.is_some() {
            self.refresh_load_metrics(None, None);
        }
    }

    fn refresh_load_metrics(&mut self, moved: Option<(u64, u64, u64)>, ideal: Option<f64>) {
        let Some(a) = self.assignment.clone() else {
            return;
        };
        let n = a.ring.len() as u64;
        let mut m = vec![Metric::new("keys", n as f64, group(n))];
        for (label, owners) in [
            ("ring", &a.ring),
            ("mod N", &a.mod_n),
            ("fixed arcs (F4 §17)", &a.fixed),
        ] {
            let s = LoadStats::of(&self.loads(owners));
            m.push(Metric::new(
                &format!("{label}: max / mean"),
                s.peak_to_mean(),
                format!(
                    "{} / {:.1} (×{:.2}), std dev {:.1}",
                    group(s.max),
                    s.mean,
                    s.peak_to_mean(),
                    s.std_dev
                ),
            ));
        }
        if let Some((ring, modn, fixed)) = moved {
            let ideal = ideal.map_or(String::new(), |f| {
                format!(", ideal ≈ {}", group((f * n as f64).round() as u64))
            });
            m.push(Metric::new(
                "moved: ring",
                ring as f64,
                format!("{} ({}){ideal}", group(ring), percent(ring, n)),
            ));
            m.push(Metric::new(
                "moved: mod N",
                modn as f64,
                format!("{} ({})", group(modn), percent(modn, n)),
            ));
            m.push(Metric::new(
                "moved: fixed arcs",
                fixed as f64,
                format!("{} ({})", group(fixed), percent(fixed, n)),
            ));
        }
        self.load_metrics = m;
    }

    fn push(&mut self, focus: Focus, narration: String, lines: LinesRun) {
        self.push_with_previous(focus, narration, lines, None);
    }

    fn push_with_previous(
        &mut self,
        focus: Focus,
        narration: String,
        lines: LinesRun,
        previous: Option<(Arc<Assignment>, Option<f64>)>,
    ) {
        let (previous, ideal_moved) = match previous {
            Some((p, ideal)) => (Some(p), ideal),
            None => (None, None),
        };
        let metrics = self
            .ring_metrics
            .iter()
            .chain(&self.load_metrics)
            .cloned()
            .collect();
        self.drafts.push(Draft {
            epoch: self.epoch,
            servers: self.servers.clone(),
            vnodes: self.vnodes,
            key_count: self.key_names.len() as u32,
            assignment: self.assignment.clone(),
            previous,
            ideal_moved,
            focus,
            narration,
            lines,
            metrics,
        });
    }

    fn finish(mut self) -> Trace<State> {
        self.records.sort_by_key(|r| (r.position, r.born));
        let world = Arc::new(World {
            server_names: self.names,
            vnodes: self.records,
            key_names: self.key_names,
            key_hashes: self.key_hashes,
        });
        let steps = self
            .drafts
            .into_iter()
            .map(|d| Step {
                state: State {
                    world: world.clone(),
                    epoch: d.epoch,
                    servers: d.servers,
                    vnodes: d.vnodes,
                    key_count: d.key_count,
                    assignment: d.assignment,
                    previous: d.previous,
                    ideal_moved: d.ideal_moved,
                    focus: d.focus,
                },
                narration: d.narration,
                lines: d.lines,
                metrics: d.metrics,
            })
            .collect();
        Trace { steps }
    }
}

/// Fraction of the ring each server id owns: a vnode owns the arc from the previous position
/// (exclusive) to its own (inclusive), wrapping around.
pub fn arc_shares(points: &[(u128, ServerId)], ids: usize) -> Vec<f64> {
    let mut sums = vec![0u128; ids];
    match points {
        [] => {}
        [(_, only)] => sums[*only as usize] = u128::MAX,
        _ => {
            let mut prev = points[points.len() - 1].0;
            for &(pos, s) in points {
                // A server owning the whole ring would sum to 2¹²⁸; saturate at u128::MAX.
                sums[s as usize] = sums[s as usize].saturating_add(pos.wrapping_sub(prev));
                prev = pos;
            }
        }
    }
    sums.into_iter()
        .map(|x| x as f64 / 2f64.powi(128))
        .collect()
}
