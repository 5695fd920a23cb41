//! The radius queries: the stepped walk, both conversions against brute force, and their steps.

use super::{Builder, label_of, ll, plural};
use crate::geo::{DOC_KM_PER_DEGREE, KM_PER_DEGREE_LAT, destination, haversine_km};
use crate::tree::{Shape, Visit};
use crate::{
    Conversion, Focus, Hit, MAX_QUERY_STEPS, OUTLINE_VERTICES, Outcome, PointCheck, QueryCursor,
    QueryEvent, QueryPhase, QueryRecord, Totals, proc_ids,
};
use sdp_kit::fmt::{group, percent};
use sdp_kit::lab::{LinesRun, Metric};

impl Builder {
    pub(super) fn query(&mut self, lng: f64, lat: f64, radius_km: f64) {
        let index = self.queries.len() as u32;
        let truth = self.brute_force(lng, lat, radius_km);
        let doc = self.outcome(Conversion::Doc, lng, lat, radius_km, &truth);
        let corrected = self.outcome(Conversion::Corrected, lng, lat, radius_km, &truth);
        let stepped = self.params.conv;
        let shape = stepped.shape(lng, lat, radius_km);
        let events = self.walk_events(&shape);
        let outline = (0..OUTLINE_VERTICES)
            .map(|i| {
                destination(
                    lng,
                    lat,
                    i as f64 * 360.0 / OUTLINE_VERTICES as f64,
                    radius_km,
                )
            })
            .collect();
        let record = QueryRecord {
            lng,
            lat,
            radius_km,
            epoch: self.epoch,
            stepped,
            shape,
            events,
            doc,
            corrected,
            truth,
            scanned: self.points.len() as u32,
            outline,
        };
        self.query_steps(index, &record);
        self.queries.push(record);
    }

    fn brute_force(&self, lng: f64, lat: f64, radius_km: f64) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| Hit {
                point: i as u32,
                km: haversine_km(lng, lat, p.lng, p.lat),
            })
            .filter(|h| h.km <= radius_km)
            .collect();
        sort_hits(&mut hits);
        hits
    }

    fn outcome(
        &self,
        conv: Conversion,
        lng: f64,
        lat: f64,
        radius_km: f64,
        truth: &[Hit],
    ) -> Outcome {
        let shape = conv.shape(lng, lat, radius_km);
        let candidates = self.tree.query(&shape);
        let stats = self.tree.query_stats(&shape);
        let mut results: Vec<Hit> = candidates
            .iter()
            .map(|&p| {
                let pt = &self.points[p as usize];
                Hit {
                    point: p,
                    km: haversine_km(lng, lat, pt.lng, pt.lat),
                }
            })
            .filter(|h| h.km <= radius_km)
            .collect();
        sort_hits(&mut results);
        let mut found = vec![false; self.points.len()];
        for h in &results {
            found[h.point as usize] = true;
        }
        let missed = truth
            .iter()
            .filter(|h| !found[h.point as usize])
            .map(|h| h.point)
            .collect();
        Outcome {
            conv,
            shape,
            stats,
            candidates,
            results,
            missed,
        }
    }

    fn walk_events(&self, shape: &Shape) -> Vec<QueryEvent> {
        let mut events: Vec<QueryEvent> = Vec::new();
        let mut t = Totals::default();
        self.tree.walk(shape, |v| match v {
            Visit::Test {
                node,
                clamp,
                dist2,
                hit,
            } => {
                if hit {
                    t.visited += 1;
                } else {
                    t.pruned += 1;
                }
                events.push(QueryEvent::Test {
                    node,
                    clamp,
                    distance: dist2.sqrt(),
                    hit,
                    totals: t,
                });
            }
            Visit::Check {
                node,
                point,
                dist2,
                inside,
            } => {
                t.checked += 1;
                t.candidates += u32::from(inside);
                let check = PointCheck {
                    point,
                    distance: dist2.sqrt(),
                    candidate: inside,
                };
                match events.last_mut() {
                    Some(QueryEvent::Check {
                        node: n,
                        points,
                        totals,
                    }) if *n == node => {
                        points.push(check);
                        *totals = t;
                    }
                    _ => events.push(QueryEvent::Check {
                        node,
                        points: vec![check],
                        totals: t,
                    }),
                }
            }
        });
        events
    }

    fn query_steps(&mut self, index: u32, q: &QueryRecord) {
        let cursor = |count: usize, phase| {
            Focus::Query(QueryCursor {
                query: index,
                count: count as u32,
                phase,
            })
        };
        let out = q.stepped_outcome();
        let shape_text = match q.stepped {
            Conversion::Doc => format!(
                "The document converts it at ~{DOC_KM_PER_DEGREE} km per degree into a circle of {:.3}° on both axes.",
                q.shape.r
            ),
            Conversion::Corrected => format!(
                "The corrected conversion gives {:.3}° of latitude and {:.3}° of longitude (÷ cos {:.1}°): an ellipse in degrees.",
                q.shape.r,
                q.shape.r / q.shape.x_scale.max(1e-12),
                (q.lat.abs() + q.shape.r).min(90.0)
            ),
        };
        self.push(
            cursor(0, QueryPhase::Start),
            format!(
                "Query: every point within {} km of {}. {shape_text}",
                q.radius_km,
                ll(q.lng, q.lat)
            ),
            LinesRun::new(proc_ids::SEARCH, &[0, 1]),
            query_metrics(q, Totals::default(), None),
        );
        let shown = q.events.len().min(MAX_QUERY_STEPS);
        for (k, event) in q.events.iter().take(shown).enumerate() {
            let (narration, lines) = self.event_sentence(q, event);
            self.push(
                cursor(k + 1, QueryPhase::Walk),
                narration,
                LinesRun::new(proc_ids::QUERY, &lines),
                query_metrics(q, event.totals(), None),
            );
        }
        if q.events.len() > shown {
            let t = out.stats;
            self.push(
                cursor(q.events.len(), QueryPhase::Walk),
                format!(
                    "The remaining {} tests and leaf checks run the same way: in all {} nodes visited, {} pruned, {} points checked, {} candidates.",
                    q.events.len() - shown,
                    t.visited,
                    t.pruned,
                    t.checked,
                    t.found
                ),
                LinesRun::new(proc_ids::QUERY, &[0, 1, 2]),
                query_metrics(q, last_totals(q), None),
            );
        }
        let n = q.events.len();
        self.push(
            cursor(n, QueryPhase::Filter),
            format!(
                "The service measures the {} candidates with the haversine formula: {} are within {} km, nearest first ({} distance computations in all, against {} for a brute-force scan).",
                group(out.candidates.len() as u64),
                group(out.results.len() as u64),
                q.radius_km,
                group(u64::from(out.stats.checked) + out.candidates.len() as u64),
                group(u64::from(q.scanned))
            ),
            LinesRun::new(proc_ids::SEARCH, &[3, 4, 5]),
            query_metrics(q, last_totals(q), Some(QueryPhase::Filter)),
        );
        self.push(
            cursor(n, QueryPhase::Compare),
            compare_sentence(q),
            LinesRun::new(proc_ids::SEARCH, &[0]),
            query_metrics(q, last_totals(q), Some(QueryPhase::Compare)),
        );
    }

    fn event_sentence(&self, q: &QueryRecord, event: &QueryEvent) -> (String, Vec<usize>) {
        let unit = match q.stepped {
            Conversion::Doc => "°",
            Conversion::Corrected => "° (longitude × cos φ)",
        };
        match event {
            QueryEvent::Test {
                node,
                clamp,
                distance,
                hit,
                ..
            } => {
                let n = &self.nodes[*node as usize];
                let name = label_of(&self.nodes, *node);
                let closest = if *distance == 0.0 {
                    "contains the centre, so the distance is 0".to_string()
                } else {
                    format!(
                        "has its closest point to the centre at {} (the centre clamped to the rectangle), {:.3}{unit} away",
                        ll(clamp.0, clamp.1),
                        distance
                    )
                };
                if *hit {
                    let next = if self.is_split_at(*node, q.epoch) {
                        "; recurse into its four children"
                    } else if self.leaf_size_at(*node, q.epoch) > 0 {
                        "; check its points"
                    } else {
                        "; it is an empty leaf"
                    };
                    (
                        format!(
                            "Node {name} (depth {}) {closest} ≤ {:.3}°: it intersects the search shape, so visit it{next}.",
                            n.depth, q.shape.r
                        ),
                        vec![3, 2],
                    )
                } else {
                    (
                        format!(
                            "Node {name} (depth {}) {closest} > {:.3}°: no intersection, so skip it{}.",
                            n.depth,
                            q.shape.r,
                            match self.subtree_points_at(*node, q.epoch) {
                                0 => String::new(),
                                1 => " and its 1 point without measuring it".to_string(),
                                k => format!(" and its {k} points without measuring them"),
                            }
                        ),
                        vec![0, 3],
                    )
                }
            }
            QueryEvent::Check { node, points, .. } => {
                let inside = points.iter().filter(|p| p.candidate).count();
                (
                    format!(
                        "Leaf {} holds {}: {} within {:.3}{unit} of the centre become candidates, {} are outside.",
                        label_of(&self.nodes, *node),
                        plural(points.len(), "point"),
                        inside,
                        q.shape.r,
                        points.len() - inside
                    ),
                    vec![1],
                )
            }
        }
    }

    fn is_split_at(&self, node: u32, epoch: u32) -> bool {
        self.nodes[node as usize].split <= epoch
    }

    fn leaf_size_at(&self, node: u32, epoch: u32) -> usize {
        self.tree.nodes()[node as usize]
            .points
            .iter()
            .filter(|&&p| self.points[p as usize].born <= epoch)
            .count()
    }

    /// Points under `node` at `epoch` (the tree at query time is the live tree).
    fn subtree_points_at(&self, node: u32, epoch: u32) -> usize {
        let mut stack = vec![node];
        let mut total = 0;
        while let Some(at) = stack.pop() {
            if self.is_split_at(at, epoch) {
                if let Some(c) = self.nodes[at as usize].children {
                    stack.extend(c);
                }
            } else {
                total += self.leaf_size_at(at, epoch);
            }
        }
        total
    }
}

fn sort_hits(hits: &mut [Hit]) {
    hits.sort_by(|a, b| a.km.total_cmp(&b.km).then(a.point.cmp(&b.point)));
}

fn last_totals(q: &QueryRecord) -> Totals {
    q.events.last().map(QueryEvent::totals).unwrap_or_default()
}

fn query_metrics(q: &QueryRecord, t: Totals, phase: Option<QueryPhase>) -> Vec<Metric> {
    let out = q.stepped_outcome();
    let mut m = vec![
        Metric::new("visited nodes", f64::from(t.visited), t.visited.to_string()),
        Metric::new("pruned nodes", f64::from(t.pruned), t.pruned.to_string()),
        Metric::new(
            "distance computations",
            f64::from(t.checked),
            format!(
                "{} in the tree vs {} brute force",
                group(u64::from(t.checked)),
                group(u64::from(q.scanned))
            ),
        ),
        Metric::new(
            "candidates",
            f64::from(t.candidates),
            group(u64::from(t.candidates)),
        ),
    ];
    if phase.is_some() {
        m.push(Metric::new(
            "results",
            out.results.len() as f64,
            format!(
                "{} of {} candidates within {} km",
                group(out.results.len() as u64),
                group(out.candidates.len() as u64),
                q.radius_km
            ),
        ));
    }
    if phase == Some(QueryPhase::Compare) {
        let truth = q.truth.len() as u64;
        for o in [&q.doc, &q.corrected] {
            let missed = o.missed.len() as u64;
            m.push(Metric::new(
                match o.conv {
                    Conversion::Doc => "missed: document (111 km/°)",
                    Conversion::Corrected => "missed: corrected (cos φ)",
                },
                missed as f64,
                format!(
                    "{} of {} ({})",
                    group(missed),
                    group(truth),
                    percent(missed, truth)
                ),
            ));
        }
    }
    m
}

fn compare_sentence(q: &QueryRecord) -> String {
    let (d, c) = (&q.doc, &q.corrected);
    let truth = q.truth.len();
    let doc_part = if d.missed.is_empty() {
        format!("the document's {:.3}° circle finds all of them", d.shape.r)
    } else {
        format!(
            "the document's {:.3}° circle finds {} and misses {} (they lie east or west, where a degree of longitude is only {:.1} km here)",
            d.shape.r,
            d.results.len(),
            d.missed.len(),
            KM_PER_DEGREE_LAT * q.lat.to_radians().cos()
        )
    };
    let fixed_part = if c.missed.is_empty() {
        format!(
            "the corrected {:.3}° × {:.3}° ellipse finds all {} with {} candidates",
            c.shape.r / c.shape.x_scale.max(1e-12),
            c.shape.r,
            c.results.len(),
            c.candidates.len()
        )
    } else {
        format!(
            "the corrected ellipse finds {} and misses {} across the ±180° meridian, which the tree does not wrap",
            c.results.len(),
            c.missed.len()
        )
    };
    format!(
        "Brute force: {} haversines find {} points within {} km; {doc_part}; {fixed_part}.",
        group(u64::from(q.scanned)),
        group(truth as u64),
        q.radius_km
    )
}
