//! The identifier lab's text: the documents' procedures, and where they are wrong or silent.

use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`PROCEDURES`].
pub(crate) mod proc_ids {
    pub const BASE62: usize = 0;
    pub const LAYOUT: usize = 1;
    pub const GENERATE: usize = 2;
    pub const ULID: usize = 3;
}

pub(crate) const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "Base62 encode / decode",
        source: "F0 Q1 “Base62 Encoding Implementation” l.230–253",
        lines: &[
            "charset = 0-9 + A-Z + a-z (62 characters, in that order)",
            "encode: while n > 0:",
            "    r = n % 62; prepend charset[r]",
            "    n = n / 62   (integer division)",
            "decode: n = 0; for c in code: n = n × 62 + index(c)",
            "7 characters: 62^7 ≈ 3.5 trillion codes",
        ],
    },
    Procedure {
        title: "Snowflake ID compose / parse",
        source: "F0 Q16 structure l.2373–2388, “Core Algorithm” l.2407–2439, datacenter l.2485–2499",
        lines: &[
            "64 bits = 1 sign + 41 timestamp (ms since EPOCH) + 10 node + 12 sequence",
            "ID = (timestamp − EPOCH) << 22 | node << 12 | sequence",
            "parse: timestamp = (ID >> 22) + EPOCH",
            "       node = (ID >> 12) & 0x3FF",
            "       sequence = ID & 0xFFF",
            "datacenter: ID = (ts − EPOCH) << 22 | dc << 17 | machine << 12 | seq",
        ],
    },
    Procedure {
        title: "GENERATE, with clock-skew handling",
        source: "F0 Q16 “Core Algorithm” l.2407–2439, “Handling Clock Skew” l.2441–2456",
        lines: &[
            "lock; now = current time in ms",
            "if now < last: ERROR “clock moved backwards”",
            "robust: skew = last − now; skew ≤ max (5 s)? sleep(skew), retry : ERROR “clock skew too large”",
            "logical clock: now = max(wall, last)   (never goes backwards)",
            "same ms: sequence++; wraps to 0? spin-wait for the next ms   (logical: now += 1)",
            "new ms: sequence = 0",
            "last = now; ID = (now − EPOCH) << 22 | node << 12 | sequence",
            "IDs from many nodes: unique, roughly time-ordered",
        ],
    },
    Procedure {
        title: "ULID",
        source: "F0 Q16 “Alternative: ULID” l.2501–2529",
        lines: &[
            "26 characters of Crockford base32 = 48-bit ms timestamp (10) + 80 random bits (16)",
            "decode: value = value × 32 + digit(c); timestamp = value >> 80",
            "same ms as the last ID: random part + 1 (monotonic)",
            "the random part would overflow: wait for the next ms",
            "new ms: 80 fresh random bits",
            "sortable: string order is time order",
            "“48 bits: Timestamp (milliseconds, good for 10889 years)”",
        ],
    },
];

pub(crate) const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "Base62's character order",
        document_says: "F0 Q1 l.226: “(a-z, A-Z, 0-9)”; l.232 codes 0-9A-Za-z; example 123456789 → “8M0kX”",
        lab_shows: "both orders as the `order` control: 123456789 → “8M0kX” in the code's order, “iwaUH” in the prose's; “8M0kX” read in the prose's order is 895 837 181",
        why: "The example only holds for the implementation's order, which the lab opens on.",
    },
    FidelityNote {
        title: "encode(0) and fixed width",
        document_says: "F0 Q1: `while n > 0` … (nothing for 0); 7-character codes",
        lab_shows: "the loop's empty string beside the fix “0”; padding to `pad` characters with the zero digit (not in source)",
        why: "The loop never runs for 0, so the document's encode returns an empty code; fixed-width codes need left padding, which does not change the decoded value.",
    },
    FidelityNote {
        title: "The Snowflake diagram's timestamp",
        document_says: "F0 Q16 l.2384: “Example: 0 | 1704067200000 | 42 | 1234”, while l.2432 subtracts EPOCH",
        lab_shows: "both readings: raw Unix ms → 7147375873228973266; since the 2020 epoch (Δ 126230400000) → 529448671641773266, which parses back to 2024-01-01T00:00:00Z, node 42, sequence 1234",
        why: "The diagram puts the raw Unix time in the field the formula fills with time since EPOCH; it fits in 41 bits either way, so both are valid IDs, of different values.",
    },
    FidelityNote {
        title: "“Global ordering”",
        document_says: "F0 Q3 l.483: “Snowflake IDs ensure global ordering”; F0 Q16 l.2554: roughly time-ordered",
        lab_shows: "the merged IDs of several nodes checked: never a duplicate, each node's strictly increasing, but neighbours in real time out of order when clocks drift",
        why: "Each node orders its own IDs; across nodes the order is only as good as the clocks agree.",
    },
    FidelityNote {
        title: "ULID's lifetime",
        document_says: "F0 Q16 l.2506: “48 bits: Timestamp (milliseconds, good for 10889 years)”",
        lab_shows: "2^48 ms ≈ 8 919 years; the timestamps run out in the year 10889 AD",
        why: "2^48 ms = 281 474 976 710 656 ms ≈ 8 919.4 years of 365.25 days, counted from 1970: the document gives the last year as a duration.",
    },
    FidelityNote {
        title: "ULID's alphabet",
        document_says: "F0 Q16: Crockford base32, 26 characters (alphabet not stated)",
        lab_shows: "0123456789ABCDEFGHJKMNPQRSTVWXYZ (no I L O U), read case-insensitively with I, L as 1 and O as 0; the first character at most 7 (not in source)",
        why: "26 × 5 = 130 bits holds 128, so the first character carries only 3 bits.",
    },
];
