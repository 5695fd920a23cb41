//! The compact embedded form (`codec`, written by `build.rs`) holds exactly what parsing the
//! TOML files gives, and broken bytes are an error, never a panic.

use proptest::prelude::*;
use sdp_designs::codec::{Blob, Codec, Reader};
use sdp_designs::{Design, blob, catalog, from_blob, parse_catalog};

#[test]
fn the_embedded_form_equals_the_toml_files() {
    let parsed = parse_catalog();
    let decoded = catalog();
    assert!(decoded.designs.len() >= 21);
    assert_eq!(decoded.designs, parsed.designs);
    assert_eq!(decoded.framework, parsed.framework);
    assert_eq!(decoded.errors, parsed.errors);
}

#[test]
fn every_design_round_trips() {
    for d in &catalog().designs {
        let mut bytes = Vec::new();
        d.enc(&mut bytes);
        let mut r = Reader::new(&bytes);
        assert_eq!(&Design::dec(&mut r).unwrap(), d, "{}", d.id);
        assert!(r.is_done());
    }
}

#[test]
fn the_blob_round_trips_and_is_smaller_than_the_toml() {
    let b = Blob::decode(blob()).unwrap();
    assert_eq!(b.encode(), blob());
    let toml: usize = sdp_designs::sources()
        .iter()
        .map(|(_, t)| t.len())
        .sum::<usize>()
        + sdp_designs::framework_source().len();
    assert!(
        blob().len() < toml,
        "{} bytes vs {toml} of TOML",
        blob().len()
    );
}

#[test]
fn parse_errors_are_carried_through() {
    let b = Blob {
        designs: Vec::new(),
        errors: vec![("broken".into(), "expected `=`".into())],
        framework: Err("missing field `title`".into()),
    };
    let c = from_blob(&b.encode());
    assert!(c.designs.is_empty() && c.framework.is_none());
    let errs: Vec<String> = c.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        errs,
        [
            "broken: file: expected `=`",
            "framework: file: missing field `title`"
        ]
    );
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = blob();
    // Every prefix of the first design's record and a spread of prefixes of the whole blob.
    let step = (bytes.len() / 997).max(1);
    for n in (0..bytes.len())
        .step_by(step)
        .chain(0..2000.min(bytes.len()))
    {
        assert!(Blob::decode(&bytes[..n]).is_err(), "prefix {n}");
    }
    let c = from_blob(&bytes[..bytes.len() / 2]);
    assert!(c.designs.is_empty());
    assert_eq!(c.errors.len(), 1);
    assert!(Blob::decode(&[9]).unwrap_err().contains("version"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn junk_never_panics(flips in prop::collection::vec((0usize..usize::MAX, any::<u8>()), 1..8)) {
        let mut bytes = blob().to_vec();
        let n = bytes.len();
        for (at, v) in flips {
            bytes[at % n] = v;
        }
        let _ = Blob::decode(&bytes);
        let _ = from_blob(&bytes);
    }
}
