//! The web page's data files (`static/data/designs/*.bin`, committed; the page fetches one per
//! design) equal what the TOML files give today, and each file's content tag is the one this
//! build fetches it with. `SDP_WRITE_DOCS=1 cargo test -p sdp-designs --test data_files`
//! rewrites the folder (the convention of `cargo test -p sdp-registry` for generated docs).

use sdp_designs::codec::{content_tag, decode_design, decode_framework};
use sdp_designs::files::{REPO_DIR, data_files};
use sdp_designs::light::{self, FRAMEWORK_ID};
use sdp_designs::parse_catalog;
use std::path::PathBuf;
use std::sync::OnceLock;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(REPO_DIR)
}

fn writing() -> bool {
    std::env::var_os("SDP_WRITE_DOCS").is_some()
}

/// The names of the `.bin` files in the folder, sorted.
fn committed_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.ends_with(".bin"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// With `SDP_WRITE_DOCS`, rewrites the folder (once, before any test reads it).
fn write_if_asked() {
    static WRITTEN: OnceLock<()> = OnceLock::new();
    WRITTEN.get_or_init(|| {
        if !writing() {
            return;
        }
        let files = data_files(&parse_catalog());
        std::fs::create_dir_all(dir()).unwrap();
        for name in committed_names() {
            if !files.iter().any(|(n, _)| *n == name) {
                std::fs::remove_file(dir().join(name)).unwrap();
            }
        }
        for (name, bytes) in &files {
            std::fs::write(dir().join(name), bytes).unwrap();
        }
    });
}

#[test]
fn the_committed_data_files_are_up_to_date() {
    write_if_asked();
    let catalog = parse_catalog();
    assert!(catalog.errors.is_empty(), "{:?}", catalog.errors);
    let files = data_files(&catalog);
    let fix = "run SDP_WRITE_DOCS=1 cargo test -p sdp-designs --test data_files";
    let wanted: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(
        committed_names(),
        wanted,
        "{REPO_DIR} holds other files: {fix}"
    );
    for (name, bytes) in &files {
        let committed = std::fs::read(dir().join(name)).unwrap_or_default();
        assert!(
            committed == *bytes,
            "{REPO_DIR}/{name} is out of date: {fix}"
        );
    }
}

#[test]
fn every_file_decodes_and_has_the_tag_the_page_fetches_it_with() {
    write_if_asked();
    let catalog = parse_catalog();
    for d in &catalog.designs {
        let bytes = std::fs::read(dir().join(format!("{}.bin", d.id))).unwrap();
        assert_eq!(&decode_design(&bytes).unwrap(), d, "{}", d.id);
        let url = light::data_url(&d.id).unwrap();
        assert_eq!(
            url,
            format!("data/designs/{}.bin?v={}", d.id, content_tag(&bytes))
        );
    }
    let bytes = std::fs::read(dir().join("framework.bin")).unwrap();
    assert_eq!(Some(decode_framework(&bytes).unwrap()), catalog.framework);
    assert_eq!(
        light::data_tag(FRAMEWORK_ID),
        Some(content_tag(&bytes).as_str())
    );
    // The light index knows exactly the designs that have a file.
    let ids: Vec<&str> = light::entries().iter().map(|e| e.id).collect();
    let with_files: Vec<&str> = catalog.designs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, with_files);
}

#[test]
fn a_file_of_the_wrong_kind_or_broken_is_an_error_never_a_panic() {
    write_if_asked();
    let catalog = parse_catalog();
    let design = std::fs::read(dir().join("url-shortener.bin")).unwrap();
    let framework = std::fs::read(dir().join("framework.bin")).unwrap();
    assert!(decode_framework(&design).unwrap_err().contains("file kind"));
    assert!(decode_design(&framework).unwrap_err().contains("file kind"));
    for n in 0..design.len() {
        assert!(decode_design(&design[..n]).is_err(), "prefix {n}");
    }
    let mut longer = design.clone();
    longer.push(0);
    assert_eq!(decode_design(&longer).unwrap_err(), "trailing bytes");
    assert!(decode_design(b"<!doctype html>").is_err());
    assert!(decode_design(&[]).is_err());
    assert!(!catalog.designs.is_empty());
}
