//! `node-ids`: nodes getting their ids by static config, `ZooKeeper` sequential znodes or a lease
//! table, one tick per step; each node with an id issues one ID per tick in the same ms.

use crate::nodeids::{LeaseRow, MAX_ID, Node, Strategy, ZkId, claim, duplicates, lowest_free};
use crate::text::proc_ids;
use crate::{Action, NodeParams, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A step of `node-ids`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeState {
    /// The parameters (shared).
    pub params: Arc<NodeParams>,
    /// The tick (0: the first assignment).
    pub tick: u32,
    /// Every node, crashed ones too.
    pub nodes: Vec<Node>,
    /// The lease table (lease).
    pub rows: Vec<LeaseRow>,
    /// `ZooKeeper`'s next sequence number.
    pub counter: u64,
    /// IDs issued so far.
    pub issued: u64,
    /// Duplicate IDs so far.
    pub duplicates: u64,
    /// Node-ticks refused because the id passes 1023.
    pub refused: u64,
    /// What happened this tick.
    pub events: Vec<String>,
}

struct Sim {
    st: NodeState,
}

impl Sim {
    fn p(&self) -> &NodeParams {
        &self.st.params
    }

    fn zk_register(&mut self, i: usize) {
        let seq = self.st.counter;
        self.st.counter += 1;
        let taken: Vec<u64> = self.live_ids(Some(i));
        let id = match self.p().zk_id {
            ZkId::Sequence => Some(seq),
            ZkId::Lowest => lowest_free(&taken),
        };
        let n = &mut self.st.nodes[i];
        n.seq = Some(seq);
        n.id = id;
        let text = format!(
            "{} creates /snowflake/service/nodes/node-{seq:010} → id {}",
            n.name,
            id.map_or_else(|| "none".into(), |v| v.to_string())
        );
        self.st.events.push(text);
    }

    fn live_ids(&self, except: Option<usize>) -> Vec<u64> {
        self.st
            .nodes
            .iter()
            .enumerate()
            .filter(|(j, n)| n.alive && Some(*j) != except)
            .filter_map(|(_, n)| n.id)
            .collect()
    }

    fn lease_claim(&mut self, i: usize, now: u64) {
        let (lease, slots) = (self.p().lease, self.p().slots);
        let name = self.st.nodes[i].name.clone();
        match claim(&mut self.st.rows, &name, now, lease, slots) {
            Some((id, reclaimed)) => {
                self.st.nodes[i].id = Some(id);
                self.st.nodes[i].renewed = now;
                self.st.events.push(if reclaimed {
                    format!(
                        "{name} reclaims expired lease {id} (UPDATE … WHERE lease_until < NOW())"
                    )
                } else {
                    format!("{name} inserts lease {id}")
                });
            }
            None => self
                .st
                .events
                .push(format!("{name} finds no free lease and waits")),
        }
    }

    fn assign(&mut self, now: u64) {
        for i in 0..self.st.nodes.len() {
            let n = &self.st.nodes[i];
            if !n.alive {
                continue;
            }
            match self.p().strategy {
                Strategy::Zookeeper if n.seq.is_none() => self.zk_register(i),
                Strategy::Lease if n.id.is_none() => self.lease_claim(i, now),
                _ => {}
            }
        }
    }

    fn crash(&mut self, k: usize) {
        let strategy = self.p().strategy;
        let Some(n) = self.st.nodes.get_mut(k) else {
            return;
        };
        if !n.alive {
            return;
        }
        n.alive = false;
        let name = format!("{}′", n.name);
        let id = if strategy == Strategy::Static {
            n.id
        } else {
            None
        };
        let text = format!(
            "{} crashes{}; {name} starts in its place",
            n.name,
            if strategy == Strategy::Zookeeper {
                ", its session ends and its znode is deleted"
            } else {
                ""
            }
        );
        self.st.events.push(text);
        self.st.nodes.push(Node {
            name,
            id,
            alive: true,
            seq: None,
            renewed: 0,
        });
    }

    fn renew(&mut self, now: u64) {
        let (lease, every) = (self.p().lease, self.p().renew);
        for n in self.st.nodes.iter_mut().filter(|n| n.alive) {
            let Some(id) = n.id else { continue };
            if now - n.renewed >= every {
                n.renewed = now;
                if let Some(r) = self
                    .st
                    .rows
                    .iter_mut()
                    .find(|r| r.id == id && r.holder == n.name)
                {
                    r.until = now + lease;
                }
            }
        }
    }

    fn churn(&mut self, t: u32) {
        let c = self.p().churn;
        if c == 0 || t % c != 0 {
            return;
        }
        let live: Vec<usize> = (0..self.st.nodes.len())
            .filter(|&i| self.st.nodes[i].alive)
            .collect();
        if live.is_empty() {
            return;
        }
        let i = live[(t / c - 1) as usize % live.len()];
        self.st.events.push(format!(
            "{} loses its session and reconnects",
            self.st.nodes[i].name
        ));
        self.zk_register(i);
    }

    fn issue(&mut self) {
        let ids: Vec<u64> = self.live_ids(None);
        let ok: Vec<u64> = ids.iter().copied().filter(|&i| i <= MAX_ID).collect();
        self.st.refused += (ids.len() - ok.len()) as u64;
        self.st.issued += ok.len() as u64;
        let d = duplicates(&ok);
        if d > 0 {
            self.st.events.push(format!(
                "{d} duplicate ID{} this ms",
                if d == 1 { "" } else { "s" }
            ));
        }
        if ids.len() > ok.len() {
            self.st.events.push(format!(
                "{} node(s) hold an id past 1023, which does not fit 10 bits",
                ids.len() - ok.len()
            ));
        }
        self.st.duplicates += d;
    }
}

fn metrics(s: &NodeState) -> Vec<Metric> {
    let waiting = s.nodes.iter().filter(|n| n.alive && n.id.is_none()).count() as u64;
    vec![
        Metric::new("IDs issued", s.issued as f64, group(s.issued)),
        Metric::new("duplicate IDs", s.duplicates as f64, group(s.duplicates)),
        Metric::new("refused: id past 1023", s.refused as f64, group(s.refused)),
        Metric::new("nodes waiting for an id", waiting as f64, group(waiting)),
    ]
}

fn lines(p: &NodeParams) -> &'static [usize] {
    match p.strategy {
        Strategy::Static => &[0],
        Strategy::Zookeeper => &[1, 2],
        Strategy::Lease => &[3, 4, 5],
    }
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let p = Arc::new(sc.params.nodes.clone());
    let count = if p.strategy == Strategy::Static {
        p.config.len()
    } else {
        p.nodes as usize
    };
    let nodes = (0..count)
        .map(|i| Node {
            name: format!("node-{}", i + 1),
            id: (p.strategy == Strategy::Static).then(|| p.config[i]),
            alive: true,
            seq: None,
            renewed: 0,
        })
        .collect();
    let mut sim = Sim {
        st: NodeState {
            params: Arc::clone(&p),
            tick: 0,
            nodes,
            rows: Vec::new(),
            counter: p.zk_start,
            issued: 0,
            duplicates: 0,
            refused: 0,
            events: Vec::new(),
        },
    };
    sim.assign(0);
    let intro = match p.strategy {
        Strategy::Static => format!(
            "Static config: the nodes read ids {} from their files.",
            p.config
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Strategy::Zookeeper => format!(
            "ZooKeeper: each node creates an ephemeral sequential znode; the counter starts at {}.",
            group(p.zk_start)
        ),
        Strategy::Lease => format!(
            "Lease table: {} rows at most, leases of {} ticks renewed every {}.",
            p.slots, p.lease, p.renew
        ),
    };
    let mut steps = vec![Step {
        narration: format!("{intro} {}.", sim.st.events.join("; ")),
        lines: LinesRun::new(proc_ids::NODES, lines(&p)),
        metrics: metrics(&sim.st),
        state: State::NodeIds(sim.st.clone()),
    }];
    for t in 1..=p.ticks {
        sim.st.tick = t;
        sim.st.events.clear();
        for a in &sc.actions {
            if let Action::Crash { server, at } = *a {
                if at == t {
                    sim.crash(server as usize - 1);
                }
            }
        }
        if p.strategy == Strategy::Zookeeper {
            sim.churn(t);
        }
        // Claims run before the renewals: a lease renewed late can already be taken.
        sim.assign(u64::from(t));
        if p.strategy == Strategy::Lease {
            sim.renew(u64::from(t));
        }
        sim.issue();
        let text = if sim.st.events.is_empty() {
            "every node issues one ID".to_string()
        } else {
            sim.st.events.join("; ")
        };
        steps.push(Step {
            narration: format!("Tick {t}: {text}."),
            lines: LinesRun::new(proc_ids::NODES, lines(&p)),
            metrics: metrics(&sim.st),
            state: State::NodeIds(sim.st.clone()),
        });
    }
    let s = &sim.st;
    steps.push(Step {
        narration: format!(
            "After {} ticks: {} IDs, {} duplicates, {} node-ticks refused for an id past 1023.{}",
            p.ticks,
            group(s.issued),
            group(s.duplicates),
            group(s.refused),
            match p.strategy {
                Strategy::Static if s.duplicates > 0 => " Two nodes configured with the same id issue the same IDs.",
                Strategy::Zookeeper if p.zk_id == ZkId::Sequence && s.refused > 0 => " Sequence numbers only grow, so reconnects push ids past 1023; zk_id=lowest takes the lowest free id.",
                Strategy::Lease => " A crashed node's lease is reclaimed only once it expires.",
                _ => "",
            }
        ),
        lines: LinesRun::new(proc_ids::NODES, lines(&p)),
        metrics: metrics(s),
        state: State::NodeIds(sim.st.clone()),
    });
    Trace { steps }
}
