//! The documents' procedures shown beside the animation, and the fidelity notes.

use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`PROCEDURES`].
pub mod proc_ids {
    /// Encoding (F0 Q15).
    pub const ENCODE: usize = 0;
    /// Decoding (completion).
    pub const DECODE: usize = 1;
    /// Neighbours (F0 Q15 + completion).
    pub const NEIGHBOURS: usize = 2;
    /// Adding a business (F0 Q15).
    pub const ADD: usize = 3;
    /// F0's proximity search.
    pub const SEARCH_F0: usize = 4;
    /// F4's proximity search flow.
    pub const SEARCH_F4: usize = 5;
    /// The corrected precision rule (not in source).
    pub const SEARCH_CORRECTED: usize = 6;
    /// Haversine.
    pub const HAVERSINE: usize = 7;
    /// Geofence check (F4 §12).
    pub const GEOFENCE: usize = 8;
    /// Sharding (F0 Q15).
    pub const SHARDS: usize = 9;
    /// Geohash cache as written (F4 §6).
    pub const CACHE_DOC: usize = 10;
    /// Geohash cache fixed (not in source).
    pub const CACHE_FIXED: usize = 11;
    /// Cell sizes (F0 Q15 precision levels).
    pub const SIZES: usize = 12;
}

// A bundle built with one group of modes (Cargo.toml) keeps only its modes' procedures and
// notes: the others are blank (their indexes stay) and their text is not in the bundle. The
// whole core (the default features) keeps everything.
const MAIN: bool = cfg!(feature = "modes-main");
const CELLS: bool = cfg!(feature = "modes-cells");
const CACHE: bool = cfg!(feature = "modes-cache");
const SERVICES: bool = cfg!(feature = "modes-services");

const fn kept(on: bool, p: Procedure) -> Procedure {
    if on {
        p
    } else {
        Procedure {
            title: "",
            source: "",
            lines: &[],
        }
    }
}

const fn kept_note(on: bool, n: FidelityNote) -> FidelityNote {
    if on {
        n
    } else {
        FidelityNote {
            title: "",
            document_says: "",
            lab_shows: "",
            why: "",
        }
    }
}

/// The procedures, indexed by [`proc_ids`].
pub const PROCEDURES: &[Procedure] = &[
    kept(
        MAIN,
        Procedure {
            title: "Encoding a point",
            source: "F0 Q15 “Encoding Algorithm” l.2189–2197",
            lines: &[
                "To encode (latitude, longitude) to geohash string:",
                "  1. Start with full lat range [-90, 90] and lng range [-180, 180]",
                "  2. Alternate between longitude and latitude bits",
                "  3. For each bit:",
                "     - Calculate midpoint of current range",
                "     - If coordinate >= midpoint: set bit to 1, use upper half",
                "     - Otherwise: set bit to 0, use lower half",
                "  4. Every 5 bits, convert to Base32 character",
                "  5. Repeat until reaching desired precision",
            ],
        },
    ),
    kept(
        MAIN,
        Procedure {
            title: "Decoding a geohash",
            source: "not in source (catalogue M2.1 completion)",
            lines: &[
                "Start with lat range [-90, 90] and lng range [-180, 180]",
                "For each character: its 5-bit value in 0123456789bcdefghjkmnpqrstuvwxyz",
                "For each bit, longitude first, alternating:",
                "    bit 1 → keep the upper half; bit 0 → keep the lower half",
                "The final ranges are the cell's box; its centre is the decoded point",
            ],
        },
    ),
    kept(
        CELLS,
        Procedure {
            title: "Neighbours",
            source: "F0 Q15 l.2199–2200; steps 3–5 not in source (catalogue M2.2 completion)",
            lines: &[
                "Get neighbors: Return 8 adjacent cells (N, NE, E, SE, S, SW, W, NW)",
                "              Handle wraparound at date line and poles",
                "Decode the cell's box; step its centre by ±Δlat and/or ±Δlon",
                "Wrap longitude into [-180, 180); beyond a pole there is no cell",
                "Re-encode at the same precision",
            ],
        },
    ),
    kept(
        SERVICES,
        Procedure {
            title: "Adding a business",
            source: "F0 Q15 “Geohash Proximity Search” l.2205–2210",
            lines: &[
                "ADD BUSINESS:",
                "  1. Encode lat/lng to geohash (precision 6 = ~600m cells)",
                "  2. Store in Redis:",
                "     - GEOADD for Redis native geo queries",
                "     - SADD to \"businesses:geohash:{hash}\" for fast cell lookup",
                "     - HSET business data (lat, lng, details)",
            ],
        },
    ),
    kept(
        SERVICES,
        Procedure {
            title: "Search nearby (F0)",
            source: "F0 Q15 “Geohash Proximity Search” l.2212–2222",
            lines: &[
                "SEARCH NEARBY:",
                "  1. Choose precision based on radius:",
                "     - >100 km → precision 3 (~78 km cells)",
                "     - >10 km  → precision 4 (~20 km cells)",
                "     - >1 km   → precision 5 (~2.4 km cells)",
                "     - else    → precision 6 (~0.6 km cells)",
                "  2. Encode search center to geohash",
                "  3. Get center cell + 8 neighbors (9 cells total)",
                "  4. Collect all businesses from these cells (candidates)",
                "  5. Filter candidates by exact haversine distance",
                "  6. Sort by distance, return top N",
            ],
        },
    ),
    kept(
        SERVICES,
        Procedure {
            title: "Proximity search flow (F4)",
            source: "F4 §6 “Proximity Search Flow” l.740–748",
            lines: &[
                "1. User: \"Hotels near (lat, lon) within 10km\"",
                "2. Generate geohash (precision 6)",
                "3. Check Redis for geohash + neighbors",
                "4. If cache miss:",
                " - PostGIS query with ST_DWithin",
                " - Cache results by geohash",
                "5. Filter by distance in-memory",
                "6. Apply additional filters (price, rating)",
                "7. Return sorted results",
            ],
        },
    ),
    kept(
        SERVICES,
        Procedure {
            title: "Corrected precision rule",
            source: "not in source (catalogue M2.3: “choose the largest precision whose smaller cell dimension ≥ radius”)",
            lines: &[
                "δ = radius / R   (the circle's angular radius)",
                "For precision p = 12 down to 1:",
                "    reach(p) = min(Δlat(p), asin(sin Δlon(p) · cos φ))   (what a 3×3 block covers)",
                "    if reach(p) ≥ δ: use p; stop",
                "If no precision reaches: use every precision-1 cell meeting the circle's bounding box",
                "Then as F0: centre + 8 neighbours → candidates → haversine filter → sort → top N",
            ],
        },
    ),
    kept(
        MAIN,
        Procedure {
            title: "Haversine",
            source: "F4 §6 “Haversine Formula” l.763–765; F0 Q15 l.2224–2228",
            lines: &[
                "a = sin²(Δlat/2) + cos(lat1) × cos(lat2) × sin²(Δlon/2)",
                "c = 2 × atan2(√a, √(1−a))",
                "distance = R × c   (R = Earth radius = 6371 km)",
                "F0: distance = 2 * R * arcsin(sqrt(a))",
            ],
        },
    ),
    kept(
        MAIN,
        Procedure {
            title: "Geo-fence validation",
            source: "F4 §12 l.1960–1969",
            lines: &[
                "def is_within_geofence(user_location, sharing_config):",
                "    if not sharing_config.geo_fence_enabled:",
                "        return True",
                "    distance = haversine(user_location.lat, user_location.lon,",
                "        sharing_config.center.lat, sharing_config.center.lon)",
                "    return distance <= sharing_config.radius_meters",
            ],
        },
    ),
    kept(
        SERVICES,
        Procedure {
            title: "Sharding strategy",
            source: "F0 Q15 “Sharding Strategy” l.2321–2338",
            lines: &[
                "  - Shards map to geohash prefixes (precision 2 = ~600 km regions)",
                "  1. Encode search center to low-precision geohash (precision 2)",
                "  2. Identify which shards cover this region",
                "  3. If radius is large (>50 km), include neighboring regions too",
                "  4. Query all relevant shards in PARALLEL",
                "  5. Merge results from all shards",
                "  6. Sort merged results by distance, return top N",
            ],
        },
    ),
    kept(
        CACHE,
        Procedure {
            title: "Geohash caching (as written)",
            source: "F4 §6 “Geohash Caching” l.712–729",
            lines: &[
                "def cache_hotels_by_geohash(lat, lon, radius_km):",
                "    geohash = encode(lat, lon, precision=6) # ~1.2km cell",
                "    neighbors = geohash_neighbors(geohash)",
                "    cache_key = f\"hotels:geo:{geohash}\"",
                "    cached = redis.get(cache_key)",
                "    if cached:",
                "        return filter_by_distance(cached, lat, lon, radius_km)",
                "    hotels = db.query_by_geohash(geohash)",
                "    redis.setex(cache_key, 3600, hotels) # 1 hour TTL",
                "    return hotels",
            ],
        },
    ),
    kept(
        CACHE,
        Procedure {
            title: "Geohash caching (fixed)",
            source: "not in source (catalogue M2.10 “fixed mode”)",
            lines: &[
                "p = corrected precision for radius_km at lat",
                "for cell in [centre] + neighbours(centre) at precision p:",
                "    hotels += redis.get(\"hotels:geo:\" + cell) or db.query_by_geohash(cell), then setex(…, ttl)",
                "return sorted(filter_by_distance(hotels, lat, lon, radius_km))",
            ],
        },
    ),
    kept(
        CELLS,
        Procedure {
            title: "Precision levels",
            source: "F0 Q15 l.2185; catalogue M2.1 cell-size table",
            lines: &[
                "Precision levels: 1 char = ±2500 km, 4 chars = ±20 km, 6 chars = ±0.6 km, 8 chars = ±19 m",
                "bits: lon = ⌈5p/2⌉, lat = ⌊5p/2⌋; Δlat = 180°/2^lat, Δlon = 360°/2^lon",
                "N–S = Δlat × 111.195 km; E–W = Δlon × 111.195 km × cos φ",
            ],
        },
    ),
];

/// F4 §6 l.752–756's grid around `u0b`, north row first, as printed.
pub const F4_U0B_GRID: [[&str; 3]; 3] = [
    ["u09", "u0d", "u0e"],
    ["u03", "u0b", "u0c"],
    ["u02", "u08", "u09"],
];

/// Where the documents are wrong or silent.
pub const NOTES: &[FidelityNote] = &[
    kept_note(
        CELLS,
        FidelityNote {
            title: "F4 §6 neighbour grid of u0b",
            document_says: "F4 l.752–756: u09 u0d u0e / u03 u0b u0c / u02 u08 u09",
            lab_shows: "gcp u10 u11 / gbz u0b u0c / gbx u08 u09",
            why: "u0b touches the prime meridian and the top of its parent u0, so its west column starts with g and its north row with u1. Only E, SE and S are right, and the printed grid repeats u09.",
        },
    ),
    kept_note(
        CELLS,
        FidelityNote {
            title: "F0 cell sizes are half-cell errors",
            document_says: "F0 l.2214–2217: p3 ~78 km, p4 ~20 km, p5 ~2.4 km, p6 ~0.6 km cells (and l.2206 “~600m cells”)",
            lab_shows: "cells of 156 km, 39.1 × 19.5 km, 4.89 km and 1.22 × 0.61 km at the equator",
            why: "The stated values are the ± errors (half a cell) that l.2185 lists correctly, not cell sizes.",
        },
    ),
    kept_note(
        SERVICES,
        FidelityNote {
            title: "F0 precision rule misses results",
            document_says: "F0 l.2213–2217: >100 km → p3, >10 km → p4, >1 km → p5, else p6, then 9 cells",
            lab_shows: "the missed points, and a corrected rule whose 9 cells always cover the radius",
            why: "A 3×3 block only reaches one cell's smaller dimension from the centre: 156, 19.5, 4.89, 0.61 km at the equator (less east–west at higher latitudes). Radii of 19.5–100 km with p4, 4.9–10 km with p5, 0.61–1 km with p6 and over 156 km with p3 miss points.",
        },
    ),
    kept_note(
        SERVICES,
        FidelityNote {
            title: "F4 always uses precision 6",
            document_says: "F4 §6 l.713, l.740–741: precision 6 for “Hotels … within 10km”",
            lab_shows: "precision 6 reaches only ≈ 0.6 km, so a 10 km search misses almost everything",
            why: "Nine cells of 1.22 × 0.61 km cover about 3.7 × 1.8 km; the precision must follow the radius.",
        },
    ),
    kept_note(
        SERVICES,
        FidelityNote {
            title: "Corrected precision rule",
            document_says: "not in source",
            lab_shows: "the finest precision whose 3×3 block reaches the radius at the centre's latitude: min(Δlat, asin(sin Δlon · cos φ)) ≥ radius / R",
            why: "A circle of angular radius δ spans δ of latitude and asin(sin δ / cos φ) of longitude. If no precision reaches (very large radius, or a pole inside the circle), every precision-1 cell meeting the circle's bounding box is searched.",
        },
    ),
    kept_note(
        CELLS,
        FidelityNote {
            title: "Neighbours beyond a pole",
            document_says: "F0 l.2200: “Handle wraparound at date line and poles” (no method given)",
            lab_shows: "not in source: longitude wraps across the date line; beyond a pole there is no neighbour (shown as “beyond the pole”)",
            why: "Rows north of 90° do not exist. The georust geohash crate instead wraps latitude to the opposite pole's row; the lab's differential test states that difference.",
        },
    ),
    kept_note(
        MAIN,
        FidelityNote {
            title: "Base32 alphabet and decoding",
            document_says: "F0 l.2195: “convert to Base32 character” (alphabet and decoding not given)",
            lab_shows: "not in source: 0123456789bcdefghjkmnpqrstuvwxyz (no a, i, l, o); decoding replays the bits",
            why: "The documents' example hashes (u0b, u09) use the standard geohash alphabet.",
        },
    ),
    kept_note(
        SERVICES,
        FidelityNote {
            title: "Precision 2 regions",
            document_says: "F0 l.2324: “precision 2 = ~600 km regions”",
            lab_shows: "1251 km E–W × 625 km N–S at the equator",
            why: "600 km is only the north–south size of a precision-2 cell.",
        },
    ),
    kept_note(
        SERVICES,
        FidelityNote {
            title: "“Radius is large (>50 km)” for shards",
            document_says: "F0 l.2329: include neighbouring regions only if the radius is > 50 km",
            lab_shows: "the shards the circle really touches (a 10 km search near a shard edge needs two)",
            why: "Whether a search crosses a region boundary depends on the distance to the nearest edge, not on the radius alone; with radius > 625 km even 9 shards are not enough.",
        },
    ),
    kept_note(
        CACHE,
        FidelityNote {
            title: "F4 cache code",
            document_says: "F4 l.717–729: neighbours computed but never used; the miss path returns hotels unfiltered",
            lab_shows: "the document's flow beside a fixed one: corrected precision, one key per cell of the block, always filtered",
            why: "The hit path filters by distance but the miss path does not, so the same query answers differently hit or miss; and one precision-6 cell cannot hold a 10 km answer.",
        },
    ),
    kept_note(
        MAIN,
        FidelityNote {
            title: "Geofence units",
            document_says: "F4 §12 l.1964–1969: distance = haversine(…); return distance <= radius_meters",
            lab_shows: "the distance converted to metres before comparing",
            why: "F4's haversine (§6) returns km with R = 6371 km; comparing km with metres would make every fence 1000 times too large.",
        },
    ),
    kept_note(
        SERVICES,
        FidelityNote {
            title: "Index precision",
            document_says: "F0 l.2206: store each business under its precision-6 hash",
            lab_shows: "not in source: one index sorted by the 12-character hash; a cell of any precision is a prefix range scan",
            why: "A search at precision 3–5 needs the businesses of coarser cells; a sorted index (like Redis GEO's sorted-set scores) serves every precision.",
        },
    ),
    kept_note(
        MAIN,
        FidelityNote {
            title: "Earth radius",
            document_says: "F0 l.2225, F4 l.765: R = 6371 km",
            lab_shows: "R = 6371 km everywhere, also for cell sizes (the catalogue's table uses 6371.0088 km; the figures agree to the digits shown)",
            why: "Redis GEO uses 6372.7976 km and PostGIS the spheroid, so real tools differ by up to ~0.3%.",
        },
    ),
];
