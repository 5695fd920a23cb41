//! Embeds every `designs/*.toml` file: lists the directory at build time and writes
//! `$OUT_DIR/designs.rs` with one `(file stem, include_str!(…))` pair per file, sorted by name.
//! Adding a design is adding a file.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("designs");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=framework.toml");
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
    for (stem, path) in &files {
        println!("cargo:rerun-if-changed={path}");
        writeln!(out, "    ({stem:?}, include_str!({path:?})),").expect("writing to a String");
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("designs.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
