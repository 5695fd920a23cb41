//! Prints timings of the design walkthroughs' core: parsing every embedded file, evaluating
//! every estimate (a learner's edit), building every flow trace, the data checks and the URL
//! codec. Asserts nothing. Run with `cargo bench -p sdp-designs`.
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark times native code with the clock"
)]

use sdp_designs::estimate::{Inputs, Plan, evaluate};
use sdp_designs::flow::flow_trace;
use sdp_designs::url::{DesignQuery, from_query, to_query};
use sdp_designs::{check, designs, parse_design, sources};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

fn time<T>(label: &str, reps: u32, mut f: impl FnMut() -> T) {
    let _ = black_box(f());
    let start = Instant::now();
    for _ in 0..reps {
        black_box(f());
    }
    let per = start.elapsed().as_secs_f64() / f64::from(reps);
    println!("{label:<52} {:>10.1} µs", per * 1e6);
}

fn main() {
    println!(
        "sdp-designs: {} designs, {} source bytes",
        sources().len(),
        sources().iter().map(|(_, t)| t.len()).sum::<usize>()
    );
    time(
        "decode the embedded catalogue (first-load cost)",
        50,
        || sdp_designs::from_blob(sdp_designs::blob()).designs.len(),
    );
    time("parse all 21 design files from TOML (build.rs)", 20, || {
        sources()
            .iter()
            .map(|(stem, text)| {
                parse_design(stem, text)
                    .map(|d| d.figures.len())
                    .unwrap_or(0)
            })
            .sum::<usize>()
    });
    let figures: usize = designs().iter().map(|d| d.figures.len()).sum();
    let flows: usize = designs().iter().map(|d| d.flows.len()).sum();
    let steps: usize = designs()
        .iter()
        .flat_map(|d| &d.flows)
        .map(|f| f.steps.len())
        .sum();
    println!("{figures} figures, {flows} flows, {steps} flow steps");

    time(
        "plan + evaluate every design (document values)",
        200,
        || {
            designs()
                .iter()
                .map(|d| evaluate(d, &BTreeMap::new()).figures.len())
                .sum::<usize>()
        },
    );
    let plans: Vec<Plan> = designs().iter().map(Plan::new).collect();
    time("evaluate every design with a cached plan", 200, || {
        designs()
            .iter()
            .zip(&plans)
            .map(|(d, p)| p.evaluate(d, &BTreeMap::new()).figures.len())
            .sum::<usize>()
    });
    let biggest = designs()
        .iter()
        .max_by_key(|d| d.figures.len() + d.inputs.len())
        .expect("designs");
    time(
        &format!("one keystroke in {} (edit + evaluate)", biggest.id),
        1000,
        || {
            let mut inputs = Inputs::default();
            let _ = inputs.edit(biggest, &biggest.inputs[0].id, "123");
            evaluate(biggest, &inputs.values).figures.len()
        },
    );
    time("build every flow trace", 200, || {
        designs()
            .iter()
            .flat_map(|d| d.flows.iter().map(move |f| (d, f)))
            .map(|(d, f)| flow_trace(d, &f.id).map(|t| t.len()).unwrap_or(0))
            .sum::<usize>()
    });
    let longest = designs()
        .iter()
        .flat_map(|d| d.flows.iter().map(move |f| (d, f)))
        .max_by_key(|(_, f)| f.steps.len())
        .expect("flows");
    time(
        &format!(
            "longest flow trace ({}.{}, {} steps)",
            longest.0.id,
            longest.1.id,
            longest.1.steps.len()
        ),
        2000,
        || flow_trace(longest.0, &longest.1.id).map(|t| t.len()),
    );
    time("check every design (the data test's checks)", 20, || {
        designs()
            .iter()
            .map(|d| check::check_design(d, &d.id).len())
            .sum::<usize>()
    });
    time("URL round trip for every design", 500, || {
        designs()
            .iter()
            .map(|d| {
                let q = DesignQuery::default_for(d);
                from_query(d, &to_query(d, &q)).1.len()
            })
            .sum::<usize>()
    });
}
