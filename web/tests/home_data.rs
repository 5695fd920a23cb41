//! `web/home-data.json`, which the `home` module draws, is what the registry and the design
//! index say now. `SDP_WRITE_DOCS=1 cargo test -p sdp-web` rewrites it.

use std::path::Path;

#[test]
fn home_data_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("home-data.json");
    let want = sdp_web::home_data();
    if std::env::var_os("SDP_WRITE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "web/home-data.json is out of date: run SDP_WRITE_DOCS=1 cargo test -p sdp-web"
    );
}

#[test]
fn every_lab_and_design_is_in_the_data() {
    let data: serde_json::Value = serde_json::from_str(&sdp_web::home_data()).unwrap();
    let labs: Vec<&str> = data["labs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = sdp_registry::LABS.iter().map(|l| l.id).collect();
    assert_eq!(labs, want);
    let designs = data["designs"].as_array().unwrap();
    assert_eq!(designs.len(), sdp_designs::light::entries().len());
    for d in designs {
        let theme = d["theme"].as_str().unwrap();
        assert!(
            data["themes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == theme),
            "{theme}"
        );
        assert!(!d["search"].as_str().unwrap().is_empty());
    }
    assert_eq!(data["steps"].as_array().unwrap().len(), 4);
}
