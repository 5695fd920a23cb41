//! Predict-then-run questions: the opening scenarios' answers, computed here with the codec
//! and a brute-force cover check (not read back from the trace), and well-formed questions on
//! random scenarios of every mode.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Lab};
use sdp_kit::quiz::problems;
use sdp_lab_geohash::codec::{Cell, LatLng, encode};
use sdp_lab_geohash::places::generate;
use sdp_lab_geohash::proximity::{Rule, brute_force, plan};
use sdp_lab_geohash::{GeohashLab, Mode, example_scenario};

#[test]
fn the_encode_questions_have_the_codec_s_answers() {
    let s = example_scenario(Mode::Encode);
    let trace = GeohashLab::build(&s);
    let qs = GeohashLab::questions(&s, &trace);
    assert!(problems(&qs, trace.len()).is_empty());
    let p = LatLng::new(s.params.lat, s.params.lng);
    // Bit 1 halves longitude [-180, 180] at 0.
    let bit = qs
        .iter()
        .find(|q| q.prompt.starts_with("Bit 1 "))
        .expect("bit");
    assert_eq!(
        bit.choices[bit.answer],
        if p.lng >= 0.0 { "1" } else { "0" }
    );
    assert_eq!(bit.choices[bit.answer], "0");
    // The first character is the hash's first character.
    let hash = encode(p, s.params.precision).expect("valid");
    let ch = qs
        .iter()
        .find(|q| q.prompt.contains("Base32"))
        .expect("char");
    assert_eq!(ch.choices[ch.answer], &hash[..1]);
    assert_eq!(ch.choices[ch.answer], "9");
    assert!(ch.explanation.contains("01001 is 9"), "{}", ch.explanation);
}

#[test]
fn the_search_questions_match_a_brute_force_cover_check() {
    let s = example_scenario(Mode::Search);
    let trace = GeohashLab::build(&s);
    let qs = GeohashLab::questions(&s, &trace);
    assert!(problems(&qs, trace.len()).is_empty());
    let p = &s.params;
    let places = generate(p.places, p.distribution, s.seed);
    let centre = LatLng::new(p.lat, p.lng);
    let truth = brute_force(&places, centre, p.radius_km);
    // The first query is the parameters' own (actions add more).
    let asked: Vec<_> = qs
        .iter()
        .filter(|q| q.prompt.contains("brute force"))
        .take(Rule::ALL.len())
        .collect();
    assert_eq!(asked.len(), Rule::ALL.len());
    for (rule, q) in Rule::ALL.iter().zip(&asked) {
        let plan = plan(*rule, centre, p.radius_km);
        let missed = truth
            .iter()
            .filter(|h| {
                let at = places[h.id as usize];
                !plan
                    .cells
                    .iter()
                    .any(|(c, _)| Cell::encode_unchecked(at, c.precision) == *c)
            })
            .count();
        assert!(q.prompt.contains(rule.label()), "{}", q.prompt);
        assert_eq!(q.choices[q.answer], if missed > 0 { "Yes" } else { "No" });
        assert!(
            q.explanation
                .contains(&format!("missed {}", sdp_kit::fmt::group(missed as u64))),
            "{}",
            q.explanation
        );
    }
    // F0 and F4 miss places on the opening scenario; the corrected rule does not.
    let answers: Vec<&str> = asked.iter().map(|q| q.choices[q.answer].as_str()).collect();
    assert_eq!(answers, ["Yes", "Yes", "No"]);
}

#[test]
fn the_opening_scenarios_ask_questions_in_several_modes() {
    let mut asked = 0;
    for mode in Mode::ALL {
        let s = example_scenario(mode);
        let trace = GeohashLab::build(&s);
        let qs = GeohashLab::questions(&s, &trace);
        assert!(problems(&qs, trace.len()).is_empty(), "{mode:?}");
        asked += usize::from(!qs.is_empty());
    }
    assert!(asked >= 3, "{asked} modes ask questions");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn questions_on_random_scenarios_are_well_formed(
        mode in 0usize..7, lat in -89.0f64..89.0, lng in -179.0f64..179.0,
        precision in 1u8..9, radius in 1u32..400, seed in 0u64..1000,
    ) {
        let m = Mode::ALL[mode];
        let mut s = example_scenario(m);
        s.params.lat = (lat * 1e4).round() / 1e4;
        s.params.lng = (lng * 1e4).round() / 1e4;
        s.params.precision = precision;
        s.params.radius_km = f64::from(radius);
        s.params.places = s.params.places.min(2_000);
        s.params.queries = s.params.queries.min(40);
        s.seed = seed;
        prop_assume!(GeohashLab::validate(&s).is_empty());
        let trace = GeohashLab::build(&s);
        let qs = GeohashLab::questions(&s, &trace);
        let found = problems(&qs, trace.len());
        prop_assert!(found.is_empty(), "{m:?} {:?}: {found:?}", s.params);
    }
}
