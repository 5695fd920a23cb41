//! Every lab link in every design opens a scenario that the lab itself accepts: its own
//! `from_query` reports nothing, and the scenario runs to a non-empty trace.

use sdp_core::lab::Lab;
use sdp_designs::designs;

fn check<L: Lab>(design: &str, query: &str) -> Result<usize, String> {
    let (scenario, errors) = L::from_query(&sdp_core::query::parse(query));
    if !errors.is_empty() {
        return Err(format!("{design}: {query}: {errors:?}"));
    }
    match L::run(&scenario) {
        Ok(trace) if !trace.is_empty() => Ok(trace.len()),
        Ok(_) => Err(format!("{design}: {query}: empty trace")),
        Err(e) => Err(format!("{design}: {query}: {e:?}")),
    }
}

#[test]
fn every_lab_link_is_accepted_and_runs() {
    let mut checked = 0;
    for d in designs() {
        for link in &d.labs {
            let result = match link.lab.as_str() {
                "hash-ring" => check::<sdp_core::labs::hash_ring::HashRingLab>(&d.id, &link.query),
                "geohash" => check::<sdp_geo::lab::GeohashLab>(&d.id, &link.query),
                "quadtree" => check::<sdp_spatial::quadtree::QuadtreeLab>(&d.id, &link.query),
                "z-order" => check::<sdp_spatial::zorder::ZOrderLab>(&d.id, &link.query),
                "watermarks" => check::<sdp_stream::WatermarksLab>(&d.id, &link.query),
                "fan-out" => check::<sdp_fanout::lab::FanOutLab>(&d.id, &link.query),
                other => Err(format!("{}: unknown lab {other}", d.id)),
            };
            if let Err(e) = result {
                panic!("{e}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} lab links");
}

#[test]
fn a_bad_link_would_be_caught() {
    assert!(check::<sdp_core::labs::hash_ring::HashRingLab>("t", "servers=0").is_err());
    assert!(check::<sdp_geo::lab::GeohashLab>("t", "precision=99").is_err());
}
