//! The table-of-contents entries with no body: all 22 of §24–§45 in order, each pointer naming
//! a design that exists (of either document) or a lab scenario the lab's own reader accepts.

use sdp_designs::{designs, toc::toc_only};

#[test]
fn every_entry_is_listed_and_every_pointer_resolves() {
    let toc = toc_only().unwrap();
    let sections: Vec<u32> = toc.iter().map(|e| e.section).collect();
    assert_eq!(sections, (24..=45).collect::<Vec<u32>>());
    let mut pointers = 0;
    for e in &toc {
        assert!(!e.title.trim().is_empty());
        for see in &e.see {
            match (&see.design, &see.lab, &see.query) {
                (Some(id), None, None) => {
                    assert!(
                        designs().iter().any(|d| d.id == *id),
                        "§{}: no design {id}",
                        e.section
                    );
                }
                (None, Some(lab), Some(query)) => {
                    sdp_registry::check_link(lab, query)
                        .unwrap_or_else(|err| panic!("§{}: {lab}?{query}: {err}", e.section));
                }
                other => panic!(
                    "§{}: a pointer is a design or a lab with a query: {other:?}",
                    e.section
                ),
            }
            pointers += 1;
        }
    }
    // Catalogue A.3 maps these to material present in the documents.
    for (section, design) in [
        (24, "payment-system"),
        (33, "whatsapp"),
        (35, "file-storage-service"),
        (37, "proximity-service"),
        (44, "flight-search-system"),
    ] {
        let e = toc.iter().find(|e| e.section == section).unwrap();
        assert!(
            e.see.iter().any(|s| s.design.as_deref() == Some(design)),
            "§{section}"
        );
    }
    assert!(pointers >= 15, "{pointers} pointers");
}
