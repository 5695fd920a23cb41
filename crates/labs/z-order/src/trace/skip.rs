//! `skip` mode: one seeded table laid out four ways, queried side by side, plus a random batch.

use crate::skipping::{
    COLUMN_NAMES, LAYOUTS, Layout, LayoutData, Predicate, QueryKind, Scan, Table, concrete_kind,
    generate_table, lay_out, layout_name, mean_widths, random_query, scan,
};
use crate::text::proc_ids;
use crate::{
    Action, BatchLayout, BatchResult, QueryResult, SkipFocus, SkipParams, SkipState, SkipWorld,
    State,
};
use sdp_kit::fmt::{group, percent};
use sdp_kit::lab::{LinesRun, Metric, Step, Trace};
use sdp_kit::rng::LabRng;
use std::sync::Arc;

fn run_batch(rng: &mut LabRng, p: &SkipParams, layouts: &[LayoutData]) -> BatchResult {
    let columns = usize::from(p.columns);
    let queries: Vec<Predicate> = (0..p.batch as usize)
        .map(|i| random_query(rng, i, p.kind, columns, p.value_bits, p.width_pct))
        .collect();
    let kind_index = |k: QueryKind| match k {
        QueryKind::Column(c) => 1 + c,
        _ => 0,
    };
    let kinds: Vec<u8> = (0..queries.len())
        .map(|i| kind_index(concrete_kind(p.kind, i, columns)))
        .collect();
    let mut kind_labels = vec!["box on x and y".to_string()];
    kind_labels.extend(
        COLUMN_NAMES
            .iter()
            .take(columns)
            .map(|n| format!("{n} only")),
    );
    let layouts = layouts
        .iter()
        .map(|l| {
            let scans: Vec<_> = queries.iter().map(|q| scan(&l.files, q)).collect();
            let files_scanned: Vec<u32> = scans.iter().map(Scan::files_scanned).collect();
            let rows_read: Vec<u32> = scans.iter().map(|s| s.rows_read).collect();
            let total: u64 = files_scanned.iter().map(|&f| u64::from(f)).sum();
            let considered = (queries.len() * l.files.len()).max(1) as f64;
            let mean_files_by_kind = (0..kind_labels.len())
                .map(|k| {
                    let of_kind: Vec<u32> = files_scanned
                        .iter()
                        .zip(&kinds)
                        .filter(|(_, kk)| usize::from(**kk) == k)
                        .map(|(f, _)| *f)
                        .collect();
                    if of_kind.is_empty() {
                        0.0
                    } else {
                        of_kind.iter().map(|&f| f64::from(f)).sum::<f64>() / of_kind.len() as f64
                    }
                })
                .collect();
            BatchLayout {
                layout: l.layout,
                mean_files: total as f64 / queries.len().max(1) as f64,
                mean_files_by_kind,
                skip_ratio: 1.0 - total as f64 / considered,
                rows_read_total: rows_read.iter().map(|&r| u64::from(r)).sum(),
                files_scanned,
                rows_read,
            }
        })
        .collect();
    BatchResult {
        queries,
        kinds,
        kind_labels,
        layouts,
    }
}

fn matching_rows(table: &Table, q: &Predicate) -> u32 {
    (0..table.rows())
        .filter(|&r| q.matches_row(table, r))
        .count() as u32
}

pub(super) fn build(p: &SkipParams, seed: u64, actions: &[Action]) -> Trace<State> {
    let mut rng = sdp_kit::rng::seeded(seed);
    let columns = usize::from(p.columns);
    let table = generate_table(&mut rng, p.rows as usize, columns, p.value_bits, p.data);
    let sort = usize::from(p.sort_column);
    let layouts: Vec<LayoutData> = LAYOUTS
        .iter()
        .map(|&l| lay_out(&table, l, sort, p.rows_per_file as usize))
        .collect();
    let queries: Vec<QueryResult> = actions
        .iter()
        .map(|Action::Query(q)| QueryResult {
            predicate: q.clone(),
            matching_rows: matching_rows(&table, q),
            scans: layouts.iter().map(|l| scan(&l.files, q)).collect(),
        })
        .collect();
    let batch = (p.batch > 0).then(|| run_batch(&mut rng, p, &layouts));
    let world = Arc::new(SkipWorld {
        params: p.clone(),
        table,
        layouts,
        queries,
        batch,
    });
    Steps::new(world).build()
}

struct Steps {
    world: Arc<SkipWorld>,
    out: Vec<Step<State>>,
    shown: u8,
}

impl Steps {
    fn new(world: Arc<SkipWorld>) -> Self {
        Steps {
            world,
            out: Vec::new(),
            shown: 0,
        }
    }

    fn push(&mut self, focus: SkipFocus, narration: String, lines: LinesRun, metrics: Vec<Metric>) {
        self.out.push(Step {
            state: State::Skip(SkipState {
                world: self.world.clone(),
                layouts_shown: self.shown,
                focus,
            }),
            narration,
            lines,
            metrics,
        });
    }

    fn build(mut self) -> Trace<State> {
        let w = self.world.clone();
        let p = &w.params;
        let columns = usize::from(p.columns);
        let files = w.layouts.first().map_or(0, |l| l.files.len());
        let names: Vec<&str> = COLUMN_NAMES.iter().take(columns).copied().collect();
        self.push(
            SkipFocus::Table,
            format!(
                "{} seeded rows with columns {} (values 0 … {}, {}). Each layout cuts them into {} files of {} rows and records every column's min/max per file.",
                group(u64::from(p.rows)),
                names.join(", "),
                (1u32 << p.value_bits) - 1,
                p.data.as_str(),
                group(files as u64),
                group(u64::from(p.rows_per_file))
            ),
            LinesRun::new(proc_ids::SKIPPING, &[0, 1, 2]),
            vec![
                Metric::new("rows", f64::from(p.rows), group(u64::from(p.rows))),
                Metric::new("files", files as f64, group(files as u64)),
            ],
        );
        for l in &w.layouts {
            self.shown += 1;
            self.layout_step(l);
        }
        for (i, q) in w.queries.iter().enumerate() {
            for (l, s) in w.layouts.iter().zip(&q.scans) {
                let f = l.files.len() as u64;
                let scanned = u64::from(s.files_scanned());
                let narration = format!(
                    "{}, {}: {} of {} files have min/max ranges that overlap the predicate on every constrained column and are scanned; {} are skipped ({}). {} rows read for {} matching rows.",
                    capitalise(&layout_name(l.layout, p.sort_column)),
                    q.predicate.describe(),
                    group(scanned),
                    group(f),
                    group(f - scanned),
                    percent(f - scanned, f),
                    group(u64::from(s.rows_read)),
                    group(u64::from(q.matching_rows))
                );
                self.push(
                    SkipFocus::Query {
                        query: i as u32,
                        layout: l.layout,
                    },
                    narration,
                    LinesRun::new(proc_ids::SKIPPING, &[3, 4]),
                    vec![
                        Metric::new(
                            "files scanned",
                            scanned as f64,
                            format!("{} of {}", group(scanned), group(f)),
                        ),
                        Metric::new(
                            "skip ratio",
                            (f - scanned) as f64 / f.max(1) as f64,
                            percent(f - scanned, f),
                        ),
                        Metric::new(
                            "rows read",
                            f64::from(s.rows_read),
                            group(u64::from(s.rows_read)),
                        ),
                        Metric::new(
                            "matching rows",
                            f64::from(q.matching_rows),
                            group(u64::from(q.matching_rows)),
                        ),
                    ],
                );
            }
            self.compare_step(i, q);
        }
        if let Some(b) = &w.batch {
            self.batch_step(b);
        }
        Trace { steps: self.out }
    }

    fn layout_step(&mut self, l: &LayoutData) {
        let p = self.world.params.clone();
        let columns = usize::from(p.columns);
        let widths = mean_widths(l, columns, p.value_bits);
        let spans: Vec<String> = widths
            .iter()
            .zip(COLUMN_NAMES)
            .map(|(w, n)| format!("{n} {:.1}%", w * 100.0))
            .collect();
        let what = match l.layout {
            Layout::Unsorted => "in arrival order, so every file holds rows from everywhere",
            Layout::Linear => "by one column, so files are thin slices along it",
            Layout::ZOrder => {
                "by the Z-value of all columns, so files are compact blocks (with a few long ones where the curve jumps)"
            }
            Layout::Hilbert => "by the Hilbert index of all columns, so files are compact blocks",
        };
        let key = match l.layout {
            Layout::Unsorted => "row number",
            Layout::Linear => "column value",
            Layout::ZOrder => "Z-value",
            Layout::Hilbert => "Hilbert index",
        };
        let metrics = widths
            .iter()
            .zip(COLUMN_NAMES)
            .map(|(w, n)| {
                Metric::new(
                    &format!("mean file range: {n}"),
                    *w,
                    format!("{:.1}% of the domain", w * 100.0),
                )
            })
            .collect();
        self.push(
            SkipFocus::Layout(l.layout),
            format!(
                "{}: rows ordered {what}; each file records its min/max (and its {key} range). A file's range covers on average {} of each column's domain.",
                capitalise(&layout_name(l.layout, p.sort_column)),
                spans.join(", ")
            ),
            LinesRun::new(
                if l.layout == Layout::ZOrder {
                    proc_ids::MULTI
                } else {
                    proc_ids::SKIPPING
                },
                if l.layout == Layout::ZOrder {
                    &[0, 1, 2, 3, 4]
                } else {
                    &[0, 1, 2]
                },
            ),
            metrics,
        );
    }

    fn compare_step(&mut self, i: usize, q: &QueryResult) {
        let w = self.world.clone();
        let p = &w.params;
        let parts: Vec<String> = w
            .layouts
            .iter()
            .zip(&q.scans)
            .map(|(l, s)| {
                format!(
                    "{} {}",
                    layout_name(l.layout, p.sort_column),
                    group(u64::from(s.files_scanned()))
                )
            })
            .collect();
        let constrained: Vec<usize> = q
            .predicate
            .ranges
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_some())
            .map(|(c, _)| c)
            .collect();
        let note = match constrained.as_slice() {
            [c] if *c == usize::from(p.sort_column) => {
                " A single-column filter on the sort column: the plain sort wins, as the document says (“single-column filters: use regular partitioning instead”)."
            }
            [_] => {
                " A single-column filter on another column: the one-column sort cannot skip anything, while Z-order and Hilbert still can."
            }
            _ => "",
        };
        let files = w.layouts.first().map_or(0, |l| l.files.len()) as u64;
        let metrics = w
            .layouts
            .iter()
            .zip(&q.scans)
            .map(|(l, s)| {
                let scanned = u64::from(s.files_scanned());
                Metric::new(
                    &format!("files scanned: {}", layout_name(l.layout, p.sort_column)),
                    scanned as f64,
                    format!(
                        "{} of {} (skip {}), {} rows read",
                        group(scanned),
                        group(files),
                        percent(files - scanned, files),
                        group(u64::from(s.rows_read))
                    ),
                )
            })
            .collect();
        self.push(
            SkipFocus::Compare { query: i as u32 },
            format!(
                "Side by side, files scanned out of {} for {}: {}.{note}",
                group(files),
                q.predicate.describe(),
                parts.join(", ")
            ),
            LinesRun::new(
                if note.is_empty() {
                    proc_ids::SKIPPING
                } else {
                    proc_ids::WHEN_NOT
                },
                if note.is_empty() { &[4] } else { &[0] },
            ),
            metrics,
        );
    }

    fn batch_step(&mut self, b: &BatchResult) {
        let w = self.world.clone();
        let p = &w.params;
        let files = w.layouts.first().map_or(0, |l| l.files.len());
        let parts: Vec<String> = b
            .layouts
            .iter()
            .map(|l| {
                format!(
                    "{} {:.1} (skip {:.1}%)",
                    layout_name(l.layout, p.sort_column),
                    l.mean_files,
                    l.skip_ratio * 100.0
                )
            })
            .collect();
        let kind = match p.kind {
            QueryKind::Mixed => "boxes on x and y and single-column ranges in turn".to_string(),
            QueryKind::Box => "boxes on x and y".to_string(),
            QueryKind::Column(c) => format!(
                "ranges on {} only",
                COLUMN_NAMES.get(usize::from(c)).unwrap_or(&"?")
            ),
        };
        let mut metrics = Vec::new();
        for l in &b.layouts {
            let name = layout_name(l.layout, p.sort_column);
            metrics.push(Metric::new(
                &format!("mean files scanned: {name}"),
                l.mean_files,
                format!("{:.1} of {}", l.mean_files, group(files as u64)),
            ));
            metrics.push(Metric::new(
                &format!("skip ratio: {name}"),
                l.skip_ratio,
                format!("{:.1}%", l.skip_ratio * 100.0),
            ));
            metrics.push(Metric::new(
                &format!("rows read: {name}"),
                l.rows_read_total as f64,
                group(l.rows_read_total),
            ));
        }
        self.push(
            SkipFocus::Batch,
            format!(
                "{} seeded random queries ({kind}, each range {}% of the domain), mean files scanned out of {}: {}.",
                group(b.queries.len() as u64),
                p.width_pct,
                group(files as u64),
                parts.join(", ")
            ),
            LinesRun::new(proc_ids::SKIPPING, &[4]),
            metrics,
        );
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
