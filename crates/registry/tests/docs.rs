//! The places outside Rust that list labs agree with the registry: `docs/url-parameters.md`
//! (written from the field declarations), the README's lab list, and `index.html`'s bundle
//! links (one per lab and per mode bundle of a split lab, plus the designs). `SDP_WRITE_DOCS=1` rewrites the two documents.

use sdp_kit::Lab;
use sdp_registry::{LABS, Visitor, readme_list, url_docs, visit};
use std::path::PathBuf;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn write_docs() -> bool {
    std::env::var_os("SDP_WRITE_DOCS").is_some()
}

#[test]
fn url_docs_are_written_from_the_field_tables() {
    let want = url_docs();
    if write_docs() {
        std::fs::write(repo("docs/url-parameters.md"), &want).unwrap();
    }
    assert!(
        read("docs/url-parameters.md") == want,
        "docs/url-parameters.md is out of date: run SDP_WRITE_DOCS=1 cargo test -p sdp-registry"
    );
}

#[test]
fn the_readme_lists_every_lab() {
    let readme = read("README.md");
    let (begin, end) = ("<!-- labs:begin -->\n", "<!-- labs:end -->");
    let (Some(a), Some(b)) = (readme.find(begin), readme.find(end)) else {
        panic!("README.md has no {begin} … {end} block");
    };
    let got = &readme[a + begin.len()..b];
    let want = readme_list();
    if write_docs() && got != want {
        let updated = format!("{}{want}{}", &readme[..a + begin.len()], &readme[b..]);
        std::fs::write(repo("README.md"), updated).unwrap();
        return;
    }
    assert!(
        got == want,
        "README.md's lab list is out of date: run SDP_WRITE_DOCS=1 cargo test -p sdp-registry"
    );
}

#[test]
fn index_html_has_one_bundle_per_lab() {
    let html = read("index.html");
    let mut bins: Vec<String> = html
        .match_indices("data-bin=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect();
    bins.sort();
    let mut want: Vec<String> = LABS.iter().map(|l| format!("lab-{}", l.id)).collect();
    want.extend(mode_bundles().into_iter().map(|(_, bin)| bin));
    want.extend(["designs".to_string(), "trunk-main".to_string()]);
    want.sort();
    assert_eq!(bins, want, "index.html bundle links");
    for lab in LABS {
        let line = format!(
            "href=\"crates/labs/{}/Cargo.toml\" data-bin=\"lab-{}\"",
            lab.id, lab.id
        );
        assert!(html.contains(&line), "index.html: {line}");
        assert!(
            repo(&format!("crates/labs/{}/style.css", lab.id)).exists(),
            "{} has no style.css",
            lab.id
        );
    }
    for (id, bin) in mode_bundles() {
        let line = format!("href=\"crates/labs/{id}/Cargo.toml\" data-bin=\"{bin}\"");
        assert!(html.contains(&line), "index.html: {line}");
    }
}

/// Every lab's mode bundles: (lab id, bin name).
fn mode_bundles() -> Vec<(String, String)> {
    struct Bins(Vec<(String, String)>);
    impl Visitor for Bins {
        fn visit<L: Lab>(&mut self) {
            for b in L::MODE_BUNDLES {
                self.0.push((L::INFO.id.to_string(), b.bin(L::INFO.id)));
            }
        }
    }
    let mut bins = Bins(Vec::new());
    visit(&mut bins);
    bins.0
}
