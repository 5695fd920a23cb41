//! The tables under the `skip` panels: the first rows of the table, a layout's files with their
//! min/max statistics, and which files a query scans or skips (and why).

use crate::layout::skip::{FIRST_FILE_ROWS, MAX_FILE_ROWS, key_name, layout_name, skip_reason};
use crate::skipping::{COLUMN_NAMES, Layout, Predicate};
use crate::{QueryResult, SkipState, SkipWorld};
use sdp_kit::fmt::group;
use yew::prelude::*;

pub(super) fn table_detail(w: &SkipWorld) -> Html {
    let t = &w.table;
    let columns = t.columns.len();
    html! {
        <section class="zorder-detail" aria-label="The table">
            <h3>{ format!("{} rows, {} columns, values 0 … {}", group(t.rows() as u64), columns, (1u32 << t.value_bits.clamp(1, 16)) - 1) }</h3>
            <div class="table-scroll">
            <table class="zorder-table">
                <thead><tr><th>{"row"}</th>{ for COLUMN_NAMES.iter().take(columns).map(|n| html! { <th>{ *n }</th> }) }</tr></thead>
                <tbody>
                    { for (0..t.rows().min(8)).map(|r| html! {
                        <tr><td>{ r }</td>{ for t.row(r).into_iter().map(|v| html! { <td>{ v }</td> }) }</tr>
                    }) }
                </tbody>
            </table>
            </div>
            <p class="hint">{ format!("The next steps order these rows four ways and cut them into files of {} rows.", group(u64::from(w.params.rows_per_file))) }</p>
        </section>
    }
}

/// Whether the files tables list every file they can ([`MAX_FILE_ROWS`]) or the first
/// [`FIRST_FILE_ROWS`], and the button that switches.
#[derive(Clone, PartialEq)]
pub(super) struct FileRows {
    /// All of them (up to the cap).
    pub all: bool,
    /// Switches between the two.
    pub toggle: Callback<MouseEvent>,
}

fn files_table(s: &SkipState, l: Layout, q: Option<&Predicate>, rows: &FileRows) -> Html {
    let Some(data) = s.layout(l) else {
        return html! {};
    };
    let columns = usize::from(s.world.params.columns);
    let n = data.files.len();
    let shown = n.min(if rows.all {
        MAX_FILE_ROWS
    } else {
        FIRST_FILE_ROWS
    });
    html! {
        <>
        <div class="table-scroll zorder-files">
            <table class="zorder-table">
                <thead><tr>
                    <th>{"file"}</th><th>{"rows"}</th>
                    { for COLUMN_NAMES.iter().take(columns).map(|n| html! { <th>{ format!("{n} min–max") }</th> }) }
                    <th>{ key_name(l) }</th>
                    if q.is_some() { <th>{"verdict"}</th> }
                </tr></thead>
                <tbody>
                    { for data.files.iter().take(shown).enumerate().map(|(f, file)| {
                        let reason = q.and_then(|q| skip_reason(q, file));
                        html! {
                            <tr class={classes!(q.map(|_| if reason.is_none() { "zorder-scan" } else { "zorder-skip" }))}>
                                <td>{ f + 1 }</td><td>{ file.rows }</td>
                                { for (0..columns).map(|c| html! { <td>{ format!("{}–{}", file.min.get(c).copied().unwrap_or(0), file.max.get(c).copied().unwrap_or(0)) }</td> }) }
                                <td>{ format!("{}–{}", file.key_min, file.key_max) }</td>
                                if q.is_some() { <td>{ match &reason { None => "▶ scan".to_string(), Some(r) => format!("skip: {r}") } }</td> }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
        if n > FIRST_FILE_ROWS {
            <p class="hint">
                if n > shown { { format!("First {shown} of {n} files. ") } }
                <button type="button" class="zorder-more" onclick={rows.toggle.clone()}>
                    { if rows.all { format!("Show the first {FIRST_FILE_ROWS}") } else { format!("Show {} files", n.min(MAX_FILE_ROWS)) } }
                </button>
            </p>
        }
        </>
    }
}

pub(super) fn layout_detail(s: &SkipState, l: Layout, rows: &FileRows) -> Html {
    let p = &s.world.params;
    html! {
        <section class="zorder-detail" aria-label="Files of this layout">
            <h3>{ format!("Layout: {} — each file's min/max statistics", layout_name(l, p.sort_column)) }</h3>
            <p class="hint">{ format!("The last column is each file's range of {} (the document annotates files with “Z-values: 0-1000”; skipping only uses the per-column min/max).", key_name(l)) }</p>
            { files_table(s, l, None, rows) }
        </section>
    }
}

pub(super) fn query_detail(s: &SkipState, q: &QueryResult, l: Layout, rows: &FileRows) -> Html {
    let p = &s.world.params;
    html! {
        <section class="zorder-detail" aria-label="Files scanned and skipped">
            <h3>{ format!("{}: a file is skipped when, for some constrained column, its [min, max] misses the range", layout_name(l, p.sort_column)) }</h3>
            { files_table(s, l, Some(&q.predicate), rows) }
        </section>
    }
}
