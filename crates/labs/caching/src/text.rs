//! The caching lab's text: the documents' procedures, and where they are wrong or silent.

use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`PROCEDURES`].
pub(crate) mod proc_ids {
    pub const LRU: usize = 0;
    pub const LFU: usize = 1;
    pub const FIFO: usize = 2;
    pub const RANDOM: usize = 3;
    pub const BELADY: usize = 4;
    pub const ASIDE: usize = 5;
    pub const READ_THROUGH: usize = 6;
    pub const WRITE_THROUGH: usize = 7;
    pub const WRITE_BACK: usize = 8;
    pub const TTL: usize = 9;
    pub const STAMPEDE: usize = 10;
    pub const MULTI: usize = 11;
    pub const HOT: usize = 12;
    pub const CDN: usize = 13;
    pub const NEG: usize = 14;
}

pub(crate) const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "LRU eviction",
        source: "F4 §18 “1. LRU”; F4 §16 LRUCache(capacity=1000)",
        lines: &[
            "get(key): if key in cache: move_to_end(key); return value",
            "put(key): if key in cache: move_to_end(key)",
            "cache[key] = value",
            "if len(cache) > capacity: popitem(last=False)   (the least recently used)",
        ],
    },
    Procedure {
        title: "LFU eviction (corrected)",
        source: "F4 §18 “2. LFU”",
        lines: &[
            "get(key): freq + 1; move key from freq_map[f] to the end of freq_map[f + 1]",
            "           (corrected: advance min_freq when freq_map[f] empties)",
            "put(new key): if full: evict freq_map[min_freq][0]   (the oldest at the least freq)",
            "cache[key] = (value, 1); freq_map[1].append(key); min_freq = 1",
            "aging (not in source): every N accesses halve every frequency",
        ],
    },
    Procedure {
        title: "FIFO eviction",
        source: "F4 §18 “3. FIFO”",
        lines: &[
            "hit: nothing moves",
            "miss, full: evict the oldest inserted entry, regardless of access",
        ],
    },
    Procedure {
        title: "Random eviction",
        source: "F0 Q8 l.884 (named only)",
        lines: &[
            "hit: nothing moves",
            "miss, full: evict a resident key chosen at random (seeded)",
        ],
    },
    Procedure {
        title: "Belady's MIN (not in source)",
        source: "not in source: the offline optimum, for comparison",
        lines: &[
            "knows the whole trace in advance",
            "miss, full: evict the key whose next use is farthest away (never = farthest)",
            "no online policy gets more hits on the same trace",
        ],
    },
    Procedure {
        title: "Cache-aside",
        source: "F4 §18 “1. Cache-Aside”; F0 §2 l.87",
        lines: &[
            "read: v = cache.get(key)",
            "miss: v = db.query(key); cache.set(key, v, ttl=3600)",
            "write: db.update(key, v)",
            "then: cache.delete(key)   (invalidate)",
        ],
    },
    Procedure {
        title: "Read-through",
        source: "F4 §18 “4. Read-Through Cache”; F0 §2 l.90",
        lines: &[
            "read: cache.get_with_loader(key, loader, ttl=3600)",
            "miss: the cache calls loader(key) on the database and stores the result",
            "write (not in source): db.update(key, v); cache.delete(key)",
        ],
    },
    Procedure {
        title: "Write-through",
        source: "F4 §18 “2. Write-Through Cache”; F0 §2 l.88",
        lines: &[
            "write: cache.set(key, v, ttl=3600)   (F4 writes the cache first)",
            "then: db.update(key, v) synchronously; answer when both are done",
            "read: as read-through; a load fills only an absent key",
        ],
    },
    Procedure {
        title: "Write-back (write-behind)",
        source: "F4 §18 “3. Write-Behind”; F0 §2 l.89",
        lines: &[
            "write: cache.set(key, v); queue.enqueue({table, id, data}); return",
            "worker: every flush interval, dequeue and db.update",
            "read: as read-through",
            "a cache or queue failure before the flush loses the queued writes",
        ],
    },
    Procedure {
        title: "TTL expiry, lazy and active",
        source: "F0 Q8 “TTL & Expiration” l.886–889; F0 Q1 l.284; F4 §18 “4. TTL”",
        lines: &[
            "lazy: on access, if the key's TTL has passed, delete it and answer a miss",
            "active: hz times a second, sample `sample` random keys with a TTL   (Redis: 10, 20)",
            "delete the expired keys of the sample",
            "repeat while more than `repeat` % of the sample was expired   (Redis: 25 %)",
        ],
    },
    Procedure {
        title: "Cache stampede prevention",
        source: "F0 §2 l.94; F4 §18 “2. Probabilistic Early Expiration”",
        lines: &[
            "none: every request that misses recomputes from the database",
            "lock: the first miss recomputes; the others wait for its result",
            "F4: remaining = expiry − now; p = 1 − remaining/ttl; if random() < p: async refresh",
            "XFetch (not in source): if now − Δ·β·ln(random()) ≥ expiry: recompute",
            "stale-while-revalidate: after expiry serve the old value while one refresh runs",
        ],
    },
    Procedure {
        title: "Multi-level cache and invalidation",
        source: "F4 §16 “Hybrid Approach (Multi-Level Caching)” and “Cache Invalidation Strategies”",
        lines: &[
            "read: L1 = LRUCache(capacity=1000) hit → return   (0.1 ms)",
            "L2 (Redis) hit → copy into L1, return   (2 ms)",
            "miss → DB (50 ms); redis.setex(key, 3600, value); L1.set(key, value)",
            "write: db.update; redis.delete(key); local L1.delete(key)",
            "TTL only: the other servers' L1 copies live until their TTL",
            "pub/sub: publish the key; every server deletes it from its L1",
            "versioned: write bumps version(key); read gets the version from L2, then key:v<n>",
        ],
    },
    Procedure {
        title: "Hot-key mitigation",
        source: "F0 Q8 deep dive l.904",
        lines: &[
            "detect hot keys by access counting",
            "no mitigation: every request goes to hash(key) mod shards",
            "key splitting: append a suffix (hot#0 … hot#n−1); a read picks one copy, a write updates all n",
            "client-side caching: each client keeps the hot key for a TTL; only refreshes reach the shard",
        ],
    },
    Procedure {
        title: "CDN tiers",
        source: "F0 Q4 “CDN Strategy” l.604–608; F4 §1 l.172; F4 §5 l.612",
        lines: &[
            "serve popular content from edge caches (80/20)",
            "edge miss → regional cache → origin (multi-tier)",
            "the long tail comes from the origin and is cached on first access (pull)",
            "pre-populate trending content (push popular)",
        ],
    },
    Procedure {
        title: "Negative caching with a Bloom filter",
        source: "F4 §18 “1. Bloom Filters (Negative Cache)” l.3390–3409",
        lines: &[
            "bloom = BloomFilter(size=1000000, hash_functions=3)",
            "get_user: if not bloom.might_contain(user_id): return None   (definitely doesn't exist)",
            "might exist → cache_aside_get(user_id): cache hit → return",
            "negative cache (not in source): a cached “not found” → return None",
            "miss → db lookup; found → cache.set(key, value, ttl=3600); not found → cache “not found” for a short TTL",
            "create_user: db.insert(...); bloom.add(user_id)",
            "false positives ≈ (1 − e^(−kn/m))^k (not in source)",
        ],
    },
];

pub(crate) const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "The negative cache and the Bloom filter's sizing",
        document_says: "F4 §18 l.3390–3409: BloomFilter(size=1000000, hash_functions=3); if not might_contain → None; create_user adds the id. No formula, no negative cache entries, no hash family",
        lab_shows: "F4's filter and code; the false-positive rate (1 − e^(−kn/m))^k beside the measured one (catalogue: n = 50 000 → 0.27 %, 100 000 → 1.74 %, 1 000 000 → 85.8 %); not in source: the positions h1 + i·h2 mod m from two MurmurHash3 values, a cached “not found” with its own TTL (`neg_ttl`), deleted when the id is created, and a cache without eviction",
        why: "A filter that never forgets fills up: at F4's size a million users leave it useless. A negative cache holds one entry per missing id asked for, so a flood of distinct missing ids defeats it while the filter's memory stays m bits. Deleted users keep their bits (harmless false positives).",
    },
    FidelityNote {
        title: "The CDN's 95 % hit rate",
        document_says: "F4 §1 l.172: 95 % CDN hit; F4 §5 l.612: 80 % of views on 10 % of videos",
        lab_shows: "the hit rate the tiers actually reach on a Zipf workload, beside the 95 %; edge and regional caches as LRUs (not in source: the documents give no sizes or policy)",
        why: "Whether 95 % is reached depends on the cache sizes against the popularity curve; the lab lets you find where it is.",
    },
    FidelityNote {
        title: "Hot-key splitting in detail",
        document_says: "F0 Q8 l.904: “key splitting (append random suffix, fan-out reads)”, client-side caching, replicas",
        lab_shows: "not in source: n copies hot#0 … hot#n−1 (a read picks one at random, a write updates all n), shards by FNV-1a mod N, local copies kept for a TTL",
        why: "The document names the mitigations only; these are the standard completions the catalogue proposes.",
    },
    FidelityNote {
        title: "F4's L1 latency differs 1000× between its table and its flow",
        document_says: "F4 §16 l.2869 and the table: local access 50–100 ns (“0.0001ms”); the flow l.2934: “L1 hit 0.1 ms”",
        lab_shows: "both: `l1_latency=flow` (0.1 ms, the default) or `table` (0.0001 ms); the expected latency is given with both",
        why: "0.1 ms is 100 µs, a thousand times the table's 100 ns. The catalogue's CV (shares 0.6/0.3/0.1 → 5.66 ms) uses the flow's figure; with the table's it is 5.60 ms, because the database dominates.",
    },
    FidelityNote {
        title: "L1 invalidation across servers",
        document_says: "F4 §16: TTL, event-based pub/sub, versioned keys; the flow deletes only the local L1",
        lab_shows: "TTL-only, pub/sub and versioned-key invalidation side by side on the same requests; a read older than the database's version counts as stale; entries held and how many are out of date, per lane",
        why: "With TTL only, another server's L1 serves the old value until its TTL ends (F4 §2: 1 min). Pub/sub deletes the copies after its delay. Versioned keys never serve an old value, but the old entries keep their memory until evicted or expired.",
    },
    FidelityNote {
        title: "Where a versioned key's version lives",
        document_says: "F4 §16 l.2994: “Version-based: Increment version on update”; nothing more",
        lab_shows: "not in source: the version counter lives in L2 beside the data, a write increments it (and deletes nothing), every read fetches it first (one more L2 round trip, added to the expected latency) and then asks L1, L2, the database for `key:v<n>`",
        why: "An L1 cannot know the version on its own: caching the version locally would make it as stale as a TTL-only copy. The cost of never reading an old value is one shared lookup per read, and memory held by dead versions.",
    },
    FidelityNote {
        title: "F4's LFU code has three defects",
        document_says: "F4 §18 l.3340–3375: get never advances min_freq; put on an existing key resets its frequency to 1 and leaves the old entry in freq_map; put evicts even when the key exists",
        lab_shows: "standard O(1) LFU with the oldest key at the least frequency evicted (F4's append / [0] order). Catalogue CV: capacity 2, a b a c c d → evicts b, then a; {c, d}",
        why: "With F4's code a later eviction indexes an empty list once the least frequency's list empties.",
    },
    FidelityNote {
        title: "LFU aging",
        document_says: "nothing",
        lab_shows: "not in source: `aging=N` halves every frequency after every N accesses (off by default)",
        why: "Without aging, keys that were hot long ago keep high counts and are never evicted.",
    },
    FidelityNote {
        title: "Belady's optimum",
        document_says: "nothing",
        lab_shows: "not in source: the offline optimum as the ceiling of every policy's hit count",
        why: "It needs the future, so no cache can run it; it shows how far each policy is from the best possible.",
    },
    FidelityNote {
        title: "Write-through writes the cache first",
        document_says: "F4 §18 l.3257–3272: cache.set, then db.update",
        lab_shows: "F4's order by default; `order=db-first` writes the database first. Writes to one key are serialised and loads fill only absent keys, so cache and database agree whenever a write completes",
        why: "If the database write fails after the cache was set, the cache holds a value that was never committed.",
    },
    FidelityNote {
        title: "Cache-aside's race",
        document_says: "F4 §18: update the database, then delete the key; “stale data is possible”",
        lab_shows: "the race the catalogue names: A misses and reads v0; B writes v1 and deletes; A, paused, sets v0, stale until the TTL (3600 s)",
        why: "Deleting after the write does not stop a read that started before it from putting the old value back.",
    },
    FidelityNote {
        title: "Redis's active-expiry constants",
        document_says: "F0 Q8: “a background thread periodically samples random keys”; no constants",
        lab_shows: "not in source: Redis's 10 cycles a second, 20 keys a sample, repeat while more than 25 % expired (at most 16 rounds a cycle)",
        why: "These are Redis's defaults; the controls change them.",
    },
    FidelityNote {
        title: "F4's early expiry refreshes far too often",
        document_says: "F4 §18 l.3411–3438: p = 1 − remaining/ttl (CV: ttl 3600, remaining 3600 → 0; 1800 → 0.5; 360 → 0.9; 0 → 1)",
        lab_shows: "F4's rule as written (an asynchronous refresh per success, not de-duplicated), beside XFetch (not in source)",
        why: "At many requests a second p reaches a few per cent within a second of a set, so the key is recomputed about every √(2·ttl/rate) s instead of once per TTL.",
    },
];
