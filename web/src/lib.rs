//! The site around the labs, without WebAssembly: the home page, the lab index, the design index
//! and the not-found page are drawn by `home.js` from the data this crate writes, and
//! `loader.js` picks each route's bundle. Every list comes from `sdp_registry` (labs) and the
//! light index of `sdp_designs` (designs), so nothing here is typed twice.
//!
//! [`home_data`] is that data as JSON. It is committed as `web/home-data.json` (the
//! `home_data` test checks it is current; `SDP_WRITE_DOCS=1` rewrites it), and
//! `scripts/bundles.mjs` puts it into the `home` module at build time.
//!
//! ```
//! let data: serde_json::Value = serde_json::from_str(&sdp_web::home_data()).unwrap();
//! assert_eq!(data["labs"][0]["id"], "hash-ring");
//! assert!(data["designs"].as_array().unwrap().len() >= 21);
//! ```

use sdp_designs::Theme;
use sdp_designs::light::{entries, framework_steps};
use sdp_designs::model::DOCUMENTS;
use sdp_kit::Lab;
use sdp_registry::{LABS, Visitor, visit};
use serde_json::{Value, json};

/// Everything the `home` module draws, as pretty-printed JSON: the labs (id, title, summary,
/// catalogue), the themes in display order, the source documents (tag, title), every design as
/// its card shows it (title, subtitle text, summary, theme, document tag, badges, the text the
/// filter searches), the framework's steps, the second document's table-of-contents entries
/// with no body, and the design index's styles.
pub fn home_data() -> String {
    let data = json!({
        "labs": LABS.iter().map(|l| json!({
            "id": l.id, "title": l.title, "summary": l.summary, "catalogue": l.catalogue,
        })).collect::<Vec<Value>>(),
        "modeBundles": mode_bundles(),
        "themes": Theme::ALL.iter().map(|t| t.label()).collect::<Vec<&str>>(),
        "documents": DOCUMENTS.iter().map(|(tag, title, _)| json!({ "tag": tag, "title": title })).collect::<Vec<Value>>(),
        "designs": entries().iter().map(|d| json!({
            "id": d.id,
            "title": d.title,
            "subtitle": d.subtitle_text(),
            "summary": d.summary,
            "theme": d.theme.label(),
            "document": d.document,
            "badges": d.badges().into_iter().map(|b| json!({ "text": b.text, "warn": b.warn })).collect::<Vec<Value>>(),
            "search": d.search,
        })).collect::<Vec<Value>>(),
        "steps": framework_steps().iter().map(|s| json!({
            "name": s.name, "minutes45": s.minutes_45, "minutes60": s.minutes_60, "focus": s.focus,
        })).collect::<Vec<Value>>(),
        "tocOnly": toc_only(),
        "indexStyle": sdp_designs::INDEX_STYLE,
    });
    let mut text = serde_json::to_string_pretty(&data).unwrap_or_default();
    text.push('\n');
    text
}

/// The second document's table-of-contents entries with no body, each with links to what
/// covers its topic: `[{"section": 24, "title": …, "see": [{"href": "#/design/…", "text": …}]}]`.
fn toc_only() -> Value {
    let designs = entries();
    let entries = sdp_designs::toc::toc_only().unwrap_or_default();
    Value::Array(
        entries
            .iter()
            .map(|e| {
                let see: Vec<Value> = e
                    .see
                    .iter()
                    .filter_map(|s| match (&s.design, &s.lab, &s.query) {
                        (Some(id), _, _) => designs.iter().find(|d| d.id == id).map(|d| {
                            json!({ "href": format!("#/design/{id}"), "text": format!("{} ({})", d.title, d.document) })
                        }),
                        (None, Some(lab), query) => sdp_registry::info(lab).map(|l| {
                            let q = query.as_deref().map(|q| format!("?{q}")).unwrap_or_default();
                            json!({ "href": format!("#/lab/{lab}{q}"), "text": format!("{} lab", l.title) })
                        }),
                        _ => None,
                    })
                    .collect();
                json!({ "section": e.section, "title": e.title, "see": see })
            })
            .collect(),
    )
}

/// The labs' mode bundles (`scripts/bundles.mjs` copies them into the loader's manifest):
/// `{"lab-geohash--maps": {"lab": "geohash", "modes": ["search", …]}}`.
fn mode_bundles() -> Value {
    struct Bundles(serde_json::Map<String, Value>);
    impl Visitor for Bundles {
        fn visit<L: Lab>(&mut self) {
            for b in L::MODE_BUNDLES {
                let entry = json!({ "lab": L::INFO.id, "modes": b.modes });
                self.0.insert(b.bin(L::INFO.id), entry);
            }
        }
    }
    let mut bundles = Bundles(serde_json::Map::new());
    visit(&mut bundles);
    Value::Object(bundles.0)
}
