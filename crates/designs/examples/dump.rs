//! Prints every design's figures at the document's values, with the document's statement and
//! the verdict, plus any check problems: `cargo run -p sdp-designs --example dump [design-id]`.

use sdp_designs::check::{check_design, verdict};
use sdp_designs::estimate::evaluate;
use std::collections::BTreeMap;

fn main() {
    let only = std::env::args().nth(1);
    for e in &sdp_designs::catalog().errors {
        println!("LOAD ERROR {e}");
    }
    for d in sdp_designs::designs() {
        if only.as_deref().is_some_and(|o| o != d.id) {
            continue;
        }
        println!(
            "== {} ({}) — {} flows, {} components",
            d.id,
            d.source.catalogue,
            d.flows.len(),
            d.components.len()
        );
        let eval = evaluate(d, &BTreeMap::new());
        for (f, v) in d.figures.iter().zip(&eval.figures) {
            let stated = f
                .stated
                .as_ref()
                .map_or(String::new(), |s| format!("  [doc: {}]", s.text));
            let verdict = v
                .value
                .map(|x| format!("{:?}", verdict(f, x)))
                .unwrap_or_default();
            println!(
                "  {:<28} {:>16}  = {}{}  {}",
                f.id, v.text, v.substituted, stated, verdict
            );
        }
        for p in check_design(d, &d.id) {
            println!("  PROBLEM {p}");
        }
    }
}
