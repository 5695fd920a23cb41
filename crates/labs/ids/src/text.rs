//! The identifier lab's text: the documents' procedures, and where they are wrong or silent.

use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`PROCEDURES`].
pub(crate) mod proc_ids {
    pub const BASE62: usize = 0;
    pub const LAYOUT: usize = 1;
    pub const GENERATE: usize = 2;
    pub const ULID: usize = 3;
    pub const HASH: usize = 4;
    pub const RANGES: usize = 5;
    pub const PREGEN: usize = 6;
    pub const COMPARE: usize = 7;
    pub const NODES: usize = 8;
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
    Procedure {
        title: "Hash-prefix short code",
        source: "F0 Q1 “Short URL Generation” l.227; trade-off l.287",
        lines: &[
            "code = first 7 characters of hex(MD5 or SHA-256 of the long URL)",
            "look the code up in the table: free? store code → URL",
            "taken by another URL? append a counter (1, 2, …) and hash again",
            "the same long URL again: return its code",
            "a hash is random but needs collision handling (an ID is predictable but never collides)",
        ],
    },
    Procedure {
        title: "Range-based ID allocation",
        source: "F0 Q1 “Distributed ID Generation (Range-Based)” l.255–270",
        lines: &[
            "coordinator: Server 1 [1–10000], Server 2 [10001–20000], …",
            "next_id: if current_id is empty or current_id ≥ range_end: request a new range",
            "    current_id = range_start",
            "return current_id; current_id += 1",
            "(a crash loses the unused rest of the range)",
            "coordination only when a range is used up (~every 10K IDs)",
        ],
    },
    Procedure {
        title: "ID pre-generation cache",
        source: "F0 Q16 “ID Generator Service” l.2531–2549",
        lines: &[
            "keep ~1000 pre-generated IDs",
            "background thread: cache below 500? generate 100 more",
            "get: pop from the cache",
            "cache empty: generate on demand",
            "batch get: draw from the cache, generate the rest",
        ],
    },
    Procedure {
        title: "The schemes side by side",
        source: "F0 Q1 trade-offs l.285–289; F0 Q16 l.2501–2556",
        lines: &[
            "counter + base62: short, dense, guessable; one counter",
            "hash prefix: no coordination, collisions to handle",
            "ranges: coordination once per range; crashes leave gaps",
            "Snowflake: 64 bits, roughly time-ordered, needs unique node ids and sane clocks",
            "ULID: 128 bits, sortable strings, no coordination",
            "pre-generated: hides generation latency while the refill keeps up",
            "compare size, order, coordination, collision risk, failure cost",
        ],
    },
    Procedure {
        title: "Node-ID assignment",
        source: "F0 Q16 “Node ID Assignment Strategies” l.2458–2483",
        lines: &[
            "1. static config per node (risk of duplicates)",
            "2. ZooKeeper: create ephemeral sequential /snowflake/service/nodes/node- → node-0000000042 → id 42",
            "   deleted on disconnect, so the id can be reused",
            "3. UPDATE node_leases SET hostname = me, lease_until = now + 5 min WHERE lease_until < NOW() LIMIT 1",
            "   else INSERT … WHERE (SELECT COUNT(*) FROM node_leases) < 1024",
            "   a background thread renews the lease before it expires",
        ],
    },
];

pub(crate) const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "ZooKeeper sequence numbers only grow",
        document_says: "F0 Q16 l.2468: node-0000000042 → id 42; deleted on disconnect, so the id becomes reusable",
        lab_shows: "the sequence read as the id passing 1023 after reconnects (`zk_id=sequence`), beside the lowest free id (`zk_id=lowest`)",
        why: "The counter behind sequential znodes never reuses a number, so a deleted node-0000001023 comes back as node-0000001024, which does not fit 10 bits.",
    },
    FidelityNote {
        title: "What “the first 7 chars” of a hash are",
        document_says: "F0 Q1 l.227: hash (MD5/SHA256) the long URL, take the first 7 chars; on collision append a counter",
        lab_shows: "7 hex characters of the digest (16^7 = 268 435 456 codes), the counter appended to the URL before hashing again (not in source: the document says neither)",
        why: "md5(“https://example.com”) = c984d06aafbe… gives c984d06; sha256 gives 100680a. Base62 of the digest would give 62^7 codes; the birthday bound is the same sum either way.",
    },
    FidelityNote {
        title: "The range test's off-by-one",
        document_says: "F0 Q1 l.262: if current_id is None or current_id >= range_end: request a new range",
        lab_shows: "the document's ≥ (each range [1–10000] gives 9 999 IDs; 10000, 20000, … are never issued) beside > as `rule=fixed`",
        why: "range_end is inclusive, so ≥ asks for a new range just before issuing the last ID.",
    },
    FidelityNote {
        title: "Refilling 100 at a time",
        document_says: "F0 Q16 l.2540: when the cache drops below 500, generate 100 more",
        lab_shows: "the refill interval exposed: the cache converges only while 100 per interval outpaces the gets; otherwise it drains and gets fall back to on-demand generation",
        why: "The document gives no interval; with gets faster than a chunk per interval, the low-water mark never holds.",
    },
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
