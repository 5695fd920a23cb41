//! A lab's URL reference, written from its declarations: the tables of `docs/url-parameters.md`.

use crate::lab::Lab;
use std::fmt::Write as _;

/// The Markdown section of lab `L`: a table per mode (key, meaning, allowed values and the
/// mode's default), the seed, and the actions. `folder` is where the lab lives, for the heading.
pub fn lab_section<L: Lab>(folder: &str) -> String {
    let info = L::INFO;
    let mut out = format!("## `{}`: {} ({folder})\n\n", info.id, info.title);
    let modes: Vec<Option<usize>> = if L::MODES.is_empty() {
        vec![None]
    } else {
        let words: Vec<String> = L::MODES.iter().map(|m| format!("`{}`", m.id)).collect();
        let _ = writeln!(
            out,
            "`mode` = {} (default `{}`).\n",
            words.join(", "),
            L::MODES[0].id
        );
        (0..L::MODES.len()).map(Some).collect()
    };
    for mode in modes {
        mode_table::<L>(&mut out, mode);
    }
    let a = L::ACTIONS;
    if a.max == 0 {
        out.push_str("No actions.\n\n");
    } else {
        let _ = writeln!(out, "Actions (repeated `a=`, at most {}):", a.max);
        for (form, what) in a.forms {
            let _ = writeln!(out, "- `{form}`: {what}");
        }
        out.push('\n');
    }
    out
}

/// One mode's table (or the lab's only table when `mode` is `None`).
fn mode_table<L: Lab>(out: &mut String, mode: Option<usize>) {
    let index = mode.unwrap_or(0);
    let defaults = L::defaults(index);
    let id = mode.and_then(|m| L::MODES.get(m)).map(|m| m.id);
    if let Some(m) = mode.and_then(|m| L::MODES.get(m)) {
        let _ = writeln!(out, "### `mode={}`: {}\n", m.id, m.title);
    }
    out.push_str("| key | meaning | allowed (default) |\n|---|---|---|\n");
    let mut carried = Vec::new();
    for field in L::fields() {
        let reads = id.is_none_or(|m| field.modes.reads(m));
        let owned = id.is_none_or(|m| field.modes.owned_by(m));
        if !reads {
            continue;
        }
        if !owned {
            carried.push(format!("`{}`", field.key));
            continue;
        }
        let _ = writeln!(
            out,
            "| `{}` | {} | {} (`{}`) |",
            field.key,
            field.doc,
            (field.kind.allowed)(&defaults),
            (field.kind.write)(&defaults)
        );
    }
    let _ = writeln!(
        out,
        "| `seed` | seed of the scenario's random generator | any u64 (`{}`) |\n",
        L::SEED
    );
    if !carried.is_empty() {
        let _ = writeln!(
            out,
            "Also read, and written when they differ from this mode's defaults: {}.\n",
            carried.join(", ")
        );
    }
}
