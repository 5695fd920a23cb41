//! The quadtree lab's procedures (F0 Q15) and fidelity notes.

use sdp_kit::lab::{FidelityNote, Procedure};

/// The procedures, indexed by [`crate::proc_ids`].
pub(crate) const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "INSERT",
        source: "F0 Q15 “QuadTree Structure” l.2247–2253",
        lines: &[
            "1. If point outside this node's boundary → reject",
            "2. If room in this node and not yet split → add point here",
            "3. Otherwise:",
            "   a. If not split yet → subdivide into 4 children (re-insert existing points into appropriate children)",
            "   b. Insert into whichever child contains the point",
        ],
    },
    Procedure {
        title: "SUBDIVIDE",
        source: "F0 Q15 “QuadTree Structure” l.2255–2261",
        lines: &[
            "Split boundary into 4 equal rectangles:",
            "- NW: upper-left quarter",
            "- NE: upper-right quarter",
            "- SW: lower-left quarter",
            "- SE: lower-right quarter",
            "Move all points from parent to appropriate children",
        ],
    },
    Procedure {
        title: "RADIUS QUERY",
        source: "F0 Q15 “QuadTree Structure” l.2263–2269",
        lines: &[
            "1. If this node's boundary doesn't intersect search circle → skip entirely",
            "2. Check all points in this node, add those within radius",
            "3. Recursively query all children (if split)",
            "Circle-rectangle intersection: find closest point on rectangle to circle center, check if distance to that point ≤ radius",
        ],
    },
    Procedure {
        title: "SEARCH NEARBY (proximity service)",
        source: "F0 Q15 “QuadTree Proximity Service” l.2282–2288",
        lines: &[
            "1. Convert radius from km to degrees (~111 km per degree)",
            "2. Query tree for candidates within radius",
            "3. Apply business filters (category, rating, etc.)",
            "4. Calculate exact distance using haversine formula",
            "5. Filter to those truly within radius",
            "6. Sort by distance, return top N",
        ],
    },
];

/// Where the document is wrong or silent.
pub(crate) const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "km → degrees",
        document_says: "F0 Q15 l.2283: convert the radius with ~111 km per degree (for both axes)",
        lab_shows: "both: the document's circle of r/111°, and the corrected ellipse of r/111.195° in latitude by r/(111.195·cos φ)° in longitude",
        why: "A degree of longitude is 111.2·cos φ km (55.6 km at 60° N), so the document's circle is half as wide as it must be at 60° and misses points to the east and west (catalogue C.2 I-4). φ is taken at the circle's pole-ward edge: with the centre's latitude the ellipse would still miss a sliver.",
    },
    FidelityNote {
        title: "Points on a split line",
        document_says: "F0 Q15: “insert into whichever child contains the point” (edges are shared)",
        lab_shows: "not in source: x ≥ mid_x → east, y ≥ mid_y → north",
        why: "A point on a shared edge is inside two (or four) children; a fixed rule puts it in exactly one.",
    },
    FidelityNote {
        title: "More than `capacity` identical points",
        document_says: "F0 Q15: a full node always subdivides",
        lab_shows: "not in source: a leaf at max depth (or too small to halve) keeps every point, even beyond capacity",
        why: "Identical points always land in the same child, so subdividing never makes room and the insert would recurse forever.",
    },
    FidelityNote {
        title: "Antimeridian",
        document_says: "F0 Q15: the tree covers lng [−180, 180] × lat [−90, 90]",
        lab_shows: "not in source: the tree does not wrap; points across ±180° from the centre are counted as missed in both conversions",
        why: "The circle–rectangle test works in flat (lng, lat) space, where −179.9° and 179.9° are far apart.",
    },
    FidelityNote {
        title: "Axes",
        document_says: "F0 Q15: NW = upper-left, boundary (x, y, width, height)",
        lab_shows: "x = longitude, y = latitude, north up (not in source: the orientation)",
        why: "With north up, “upper” means larger latitude.",
    },
];
