//! The sketches lab's text: the documents' procedures, and where they are wrong or silent.

use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`PROCEDURES`].
pub(crate) mod proc_ids {
    pub const CMS: usize = 0;
    pub const HEAP: usize = 1;
    pub const LOSSY: usize = 2;
    pub const SAVING: usize = 3;
    pub const DIST: usize = 4;
    pub const BLOOM: usize = 5;
    pub const TRIE: usize = 6;
    pub const TREND: usize = 7;
}

pub(crate) const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "Count-min sketch",
        source: "F4 §23 “2. Count-Min Sketch”",
        lines: &[
            "table = zeros(depth, width)",
            "_hash(item, seed) = mmh3.hash(str(item), seed) % width",
            "add: for i in range(depth): table[i][_hash(item, i)] += count",
            "estimate: min(table[i][_hash(item, i)] for i in range(depth))",
            "error ε = e / width, with probability 1 − e^(−depth)",
        ],
    },
    Procedure {
        title: "Count-min sketch + min-heap",
        source: "F4 §23 TopKHeavyHitter",
        lines: &[
            "cms.add(item); count = cms.estimate(item)",
            "if item in heap: drop its entry, heapify, push (count, item)",
            "elif len(heap) < k: push (count, item)",
            "elif count > heap[0].count: heapreplace (evict the minimum)",
            "get_top_k = sorted(heap, reverse=True)",
        ],
    },
    Procedure {
        title: "Lossy counting",
        source: "F4 §23 “3. Lossy Counting”",
        lines: &[
            "w = int(1 / ε); n += 1",
            "if item in counts: f += 1  else: counts[item] = (1, current_bucket − 1)",
            "if n % w == 0: current_bucket += 1; prune    (standard: prune, then +1)",
            "prune: drop entries with f + Δ ≤ current_bucket",
            "report f ≥ s·n                                (standard: f ≥ (s − ε)·n)",
        ],
    },
    Procedure {
        title: "Space-saving",
        source: "F4 §23 “4. Space-Saving Algorithm”",
        lines: &[
            "if item in counters: counters[item] += 1      (the heap is not updated)",
            "elif len(counters) < k: counters[item] = 1; heappush((1, item))",
            "else: (min, old) = heappop(); del counters[old]   (standard: the true minimum)",
            "      counters[item] = min + 1; heappush((min + 1, item))",
        ],
    },
    Procedure {
        title: "Distributed top-K",
        source: "F4 §23 “Distributed Top K” (MapReduce)",
        lines: &[
            "map: each worker runs TopKHeavyHitter(k) on its chunk, returns get_top_k()",
            "reduce: for each local list, global_counts[item] += count",
            "return nlargest(k, global_counts)",
        ],
    },
    Procedure {
        title: "Bloom filter",
        source: "F0 Q10 “Deduplication”; F4 §18 “Bloom Filters (Negative Cache)”",
        lines: &[
            "insert(key): set bits h_1(key) … h_k(key)",
            "might_contain(key): all k bits set? “maybe” : “definitely not”",
            "F4: if not bloom.might_contain(user_id): return None   (skip the store)",
            "false positives ≈ (1 − e^(−kn/m))^k; no false negatives",
        ],
    },
    Procedure {
        title: "Autocomplete trie",
        source: "F0 Q6 “Trie (Prefix Tree)”",
        lines: &[
            "each node: a character, its children, and a precomputed top-K list",
            "insert(query, count): walk or create the path; update every list on it",
            "lookup(prefix): walk the prefix, return the node's list: O(prefix length)",
        ],
    },
    Procedure {
        title: "Windowed trending",
        source: "F4 §1 “Trending Calculation Flow”; F4 §23 “Real-Time Log Aggregation”",
        lines: &[
            "events → stream processor, 5-minute tumbling windows",
            "update the window's count-min sketch",
            "at the window's end: extract the top-K, publish to a Redis sorted set",
            "readers see the last published ranking (5–15 minutes stale)",
        ],
    },
];

pub(crate) const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "Lossy counting prunes one bucket too early and reports too little",
        document_says: "F4 §23: current_bucket += 1 before _prune(); reports count ≥ s·n",
        lab_shows: "both versions side by side; the standard one prunes with the current bucket, then moves on, and reports f ≥ (s − ε)·n",
        why: "With ε = 0.25, `a a b c` keeps nothing in F4's code (a: 2 + 0 ≤ 2) but {a: (2, 0)} in Manku–Motwani's; on `a a b c a a b d` with s = 0.3 F4 loses a, which is 50 % of the stream: a false negative the document says cannot happen.",
    },
    FidelityNote {
        title: "Space-saving's heap goes stale",
        document_says: "F4 §23 SpaceSaving: counters[item] += 1 without touching the heap; evicts heappop()",
        lab_shows: "F4's code beside space-saving that evicts the true minimum (oldest first among equals)",
        why: "The heap keeps the count an item had when it entered, so the pop can evict a heavy item: k = 2 on `a a a b c` ends with {b: 1, c: 2} (a, seen 3 times, evicted) instead of {a: 3, c: 2}.",
    },
    FidelityNote {
        title: "Merging local top-K lists is approximate",
        document_says: "F4 §23 Reducer: sum the local top-K lists, take nlargest",
        lab_shows: "the reducer beside the exact global top-K and merged sketches",
        why: "An item below every local cut contributes nothing: with k = 1, P1 {x: 10, y: 9} and P2 {z: 10, y: 9}, the merge reports x (10) while y has 18.",
    },
    FidelityNote {
        title: "mmh3 is signed",
        document_says: "F4 §23: mmh3.hash(str(item), seed) % self.width",
        lab_shows: "MurmurHash3 x86 32-bit read as a signed integer, reduced as Python does (never negative)",
        why: "mmh3.hash returns a signed 32-bit value; Python's % makes it non-negative, C-style remainder would not.",
    },
    FidelityNote {
        title: "Bloom filter formulas and hashes",
        document_says: "F0 Q10: 10 bits per URL, “false positives possible”, ~1 %; F4 §18: BloomFilter(size=1000000, hash_functions=3)",
        lab_shows: "(1 − e^(−kn/m))^k, optimal k = (m/n) ln 2, and k positions h1 + i·h2 from two MurmurHash3 values (not in source)",
        why: "10 bits per element with k = 7 gives 0.82 %; exactly 1 % needs 9.59 bits (12 GB for 10 billion); F4's filter is 0.27 % at 50 000 users, 1.74 % at 100 000 and 85.8 % at a million. Deleted users keep their bits: harmless false positives.",
    },
    FidelityNote {
        title: "The trie's ranking",
        document_says: "F0 Q6: node “app” stores [apple, application, app store, appointment, appetite] (no counts)",
        lab_shows: "the catalogue's counts (apple 100, application 80, app store 60, appointment 40, appetite 20, apply 10), ranked by count, ties alphabetical",
        why: "Without frequencies the order cannot be checked; with these counts K = 5 reproduces the document's list.",
    },
    FidelityNote {
        title: "Conservative update",
        document_says: "F4's count-min sketch adds to every row",
        lab_shows: "that, and conservative update as a labelled option (not in source)",
        why: "Raising only the cells at the current minimum keeps the sketch's guarantees and over-estimates less.",
    },
];
