//! An empty program. Trunk 0.21 needs one `main` rust link in index.html (without one it reads
//! the workspace's virtual manifest and stops); this is it. Nothing loads it: the post-build
//! hook (scripts/bundles.mjs) deletes its output, and the site's pages come from the bundles and
//! web/home.js.

use wasm_bindgen as _;

fn main() {}
