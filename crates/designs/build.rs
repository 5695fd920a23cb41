//! Embeds every `designs/*.toml` file: lists the directory at build time and writes
//! `$OUT_DIR/designs.rs` with one `(file stem, include_str!(…))` pair per file, sorted by name.
//! Adding a design is adding a file.
//!
//! It also parses every file (and `framework.toml`) into the data model and writes
//! `$OUT_DIR/catalog.bin`, the compact binary form of `src/codec.rs` that `catalog` reads at
//! run time: the web build then needs neither the TOML parser nor serde's deserializers. A file
//! that does not parse is recorded with its error (the data test reports it), never a build
//! failure.
//!
//! It writes the walkthroughs' stylesheet without its comments (`$OUT_DIR/style.css`), which the
//! `designs` bundle embeds.
//!
//! Last, it writes `$OUT_DIR/light.rs`, the light index of `src/light/mod.rs` (what the design
//! index shows, as Rust constants), so the index (and `web/home-data.json`) needs none of the catalogue, with the
//! content tag of each design's data file (`static/data/designs/<id>.bin`, which the web page
//! fetches; the `data_files` test keeps those files equal to this build's encoding).

use std::fmt::Write as _;
use std::path::Path;

#[allow(
    dead_code,
    reason = "the build uses only the types and `label` of the model"
)]
#[path = "src/model.rs"]
mod model;

#[allow(dead_code, reason = "the build only encodes")]
#[path = "src/codec.rs"]
mod codec;

#[allow(dead_code, reason = "the build only names mechanisms")]
#[path = "src/catalogue/mechanisms.rs"]
mod catalogue;

#[allow(dead_code, reason = "the build only builds the haystack")]
#[path = "src/light/haystack.rs"]
mod haystack;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("designs");
    println!("cargo:rerun-if-changed={}", dir.display());
    for file in [
        "framework.toml",
        "src/model.rs",
        "src/codec.rs",
        "src/catalogue/mechanisms.rs",
        "src/light/haystack.rs",
        "style.css",
    ] {
        println!("cargo:rerun-if-changed={file}");
    }
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("crates/designs/designs/ exists")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            if path.extension()? != "toml" {
                return None;
            }
            let stem = path.file_stem()?.to_str()?.to_string();
            Some((stem, path.to_str()?.to_string()))
        })
        .collect();
    files.sort();
    let mut out = String::from(
        "/// Every embedded design file: (file stem, TOML text), sorted by file name.\n\
         pub(crate) static SOURCES: &[(&str, &str)] = &[\n",
    );
    let mut blob = codec::Blob {
        designs: Vec::new(),
        errors: Vec::new(),
        framework: Err("not read".to_string()),
    };
    for (stem, path) in &files {
        println!("cargo:rerun-if-changed={path}");
        writeln!(out, "    ({stem:?}, include_str!({path:?})),").expect("writing to a String");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        match toml::from_str::<model::Design>(&text) {
            Ok(d) => blob.designs.push((stem.clone(), d)),
            Err(e) => blob.errors.push((stem.clone(), e.to_string())),
        }
    }
    out.push_str("];\n");
    let fw =
        std::fs::read_to_string(Path::new(&manifest).join("framework.toml")).unwrap_or_default();
    blob.framework = toml::from_str::<model::Framework>(&fw).map_err(|e| e.to_string());
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("designs.rs"), out).expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out_dir).join("catalog.bin"), blob.encode())
        .expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out_dir).join("light.rs"), light(&blob))
        .expect("OUT_DIR is writable");
    let css = std::fs::read_to_string(Path::new(&manifest).join("style.css")).unwrap_or_default();
    std::fs::write(Path::new(&out_dir).join("style.css"), compact_css(&css))
        .expect("OUT_DIR is writable");
}

/// The stylesheet without comments, indentation and blank lines (what the bundles embed; the
/// folder's files stay commented). The stylesheets have no `/*` inside a string.
fn compact_css(text: &str) -> String {
    let mut bare = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        bare.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    bare.push_str(rest);
    let lines: Vec<&str> = bare
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// The light index as Rust source: `DESIGNS` in the catalogue's order (by first source line,
/// then id) and the framework's `STEPS`.
fn light(blob: &codec::Blob) -> String {
    let mut designs: Vec<&model::Design> = blob.designs.iter().map(|(_, d)| d).collect();
    designs.sort_by_key(|d| d.order_key());
    let mut out = String::from(
        "/// Every design that parsed, in the document's order.\n\
         pub(super) static DESIGNS: &[IndexEntry] = &[\n",
    );
    for d in designs {
        let mut labs: Vec<&str> = d.labs.iter().map(|l| l.lab.as_str()).collect();
        labs.dedup();
        let wrong = d
            .figures
            .iter()
            .filter(|f| {
                f.stated
                    .as_ref()
                    .is_some_and(|s| s.status == model::Status::Wrong)
            })
            .count();
        writeln!(
            out,
            "    IndexEntry {{ id: {:?}, title: {:?}, subtitle: {:?}, summary: {:?}, \
             theme: Theme::{:?}, document: {:?}, catalogue: {:?}, flows: {}, wrong: {wrong}, \
             labs: &{labs:?}, search: {:?} }},",
            d.id,
            d.title,
            d.subtitle,
            d.summary,
            d.theme,
            d.source.document,
            d.source.catalogue,
            d.flows.len(),
            haystack::haystack(d),
        )
        .expect("writing to a String");
    }
    out.push_str(
        "];\n\n/// The framework's four steps.\npub(super) static STEPS: &[StepRow] = &[\n",
    );
    if let Ok(fw) = &blob.framework {
        for s in &fw.steps {
            writeln!(
                out,
                "    StepRow {{ name: {:?}, minutes_45: {:?}, minutes_60: {:?}, focus: {:?} }},",
                s.name, s.minutes_45, s.minutes_60, s.focus
            )
            .expect("writing to a String");
        }
    }
    out.push_str("];\n");
    out.push_str(&counterparts(blob));
    out.push_str(&data_tags(blob));
    out
}

/// `COUNTERPARTS`: every design's `[counterpart]` as (design, other design, rows of (topic,
/// here, there, catalogue)), so both designs' pages can show it without the other's file.
fn counterparts(blob: &codec::Blob) -> String {
    let mut out = String::from(
        "\n/// (design, its counterpart, differences as (topic, here, there, catalogue)).\n\
         pub(super) static COUNTERPARTS: &[Pair] = &[\n",
    );
    let mut designs: Vec<&model::Design> = blob.designs.iter().map(|(_, d)| d).collect();
    designs.sort_by_key(|d| d.order_key());
    for d in designs {
        if let Some(c) = &d.counterpart {
            let rows: Vec<(&str, &str, &str, &str)> = c
                .differences
                .iter()
                .map(|r| {
                    (
                        r.topic.as_str(),
                        r.here.as_str(),
                        r.there.as_str(),
                        r.catalogue.as_str(),
                    )
                })
                .collect();
            writeln!(
                out,
                "    Pair {{ design: {:?}, other: {:?}, rows: &{rows:?} }},",
                d.id, c.design
            )
            .expect("writing to a String");
        }
    }
    out.push_str("];\n");
    out
}

/// `DATA_TAGS`: the content tag (`codec::content_tag`) of each design's file and the
/// framework's, for the web page's fetch URLs.
fn data_tags(blob: &codec::Blob) -> String {
    let mut out = String::from(
        "\n/// (design id or `framework`, content tag of its data file).\n\
         pub(super) static DATA_TAGS: &[(&str, &str)] = &[\n",
    );
    for (_, d) in &blob.designs {
        let tag = codec::content_tag(&codec::encode_design(d));
        writeln!(out, "    ({:?}, {tag:?}),", d.id).expect("writing to a String");
    }
    if let Ok(fw) = &blob.framework {
        let tag = codec::content_tag(&codec::encode_framework(fw));
        writeln!(out, "    (\"framework\", {tag:?}),").expect("writing to a String");
    }
    out.push_str("];\n");
    out
}
