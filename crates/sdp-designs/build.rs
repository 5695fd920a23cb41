//! Embeds every `designs/*.toml` file: lists the directory at build time and writes
//! `$OUT_DIR/designs.rs` with one `(file stem, include_str!(…))` pair per file, sorted by name.
//! Adding a design is adding a file.
//!
//! It also parses every file (and `framework.toml`) into the data model and writes
//! `$OUT_DIR/catalog.bin`, the compact binary form of `src/codec.rs` that [`catalog`] reads at
//! run time: the web build then needs neither the TOML parser nor serde's deserializers. A file
//! that does not parse is recorded with its error (the data test reports it), never a build
//! failure.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;

#[allow(dead_code)]
#[path = "src/codec.rs"]
mod codec;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("designs");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=framework.toml");
    println!("cargo:rerun-if-changed=src/model.rs");
    println!("cargo:rerun-if-changed=src/codec.rs");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("crates/sdp-designs/designs/ exists")
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
}
