//! The catalogue's mechanism ids (Part B of `seed-catalogue.md`) and the labs that implement some of them.

/// Every mechanism of the catalogue: (id, name), in catalogue order.
pub const MECHANISMS: &[(&str, &str)] = &[
    ("M1.1", "Consistent hashing ring with virtual nodes"),
    ("M1.2", "Hash-mod-N sharding"),
    ("M1.3", "Range sharding"),
    ("M1.4", "Directory-based sharding"),
    ("M1.5", "Geographic sharding"),
    (
        "M1.6",
        "Fixed-position hash ring (F4 \"consistent hashing\" example)",
    ),
    ("M1.7", "Scatter-gather query"),
    ("M1.8", "Load-balancing algorithms"),
    ("M1.9", "Prefix-range sharding of the autocomplete trie"),
    ("M2.1", "Geohash encode / decode"),
    ("M2.2", "Geohash neighbours (8 cells + centre)"),
    (
        "M2.3",
        "Geohash proximity search (precision choice → 9 cells → exact filter)",
    ),
    ("M2.4", "Haversine distance"),
    ("M2.5", "QuadTree (insert / subdivide / radius query)"),
    ("M2.6", "S2 covering and the Hilbert curve"),
    ("M2.7", "Geo-sharding by low-precision geohash"),
    ("M2.8", "Geohash driver index (ride-sharing)"),
    ("M2.9", "Geofence check (location sharing)"),
    ("M2.10", "Geohash-keyed result cache (hotel proximity)"),
    ("M2.11", "Radius-query primitives (Redis GEO, PostGIS)"),
    ("M2.12", "Distance/angle unit conversions"),
    ("M3.1", "Base62 encode / decode"),
    ("M3.2", "Hash-prefix short code with collision counter"),
    ("M3.3", "Range-based ID allocation"),
    ("M3.4", "Snowflake ID compose / parse"),
    ("M3.5", "Snowflake clock-skew handling"),
    ("M3.6", "Datacenter-aware Snowflake"),
    ("M3.7", "Node-ID assignment (static / ZooKeeper / DB lease)"),
    ("M3.8", "ULID"),
    ("M3.9", "ID pre-generation cache (ID service)"),
    ("M4.1", "Token bucket"),
    ("M4.2", "Leaky bucket"),
    ("M4.3", "Fixed window counter (local)"),
    ("M4.4", "Fixed window counter (distributed, Redis INCR)"),
    (
        "M4.5",
        "Sliding window log (incl. F4's Redis sorted-set version)",
    ),
    ("M4.6", "Sliding window counter (weighted)"),
    ("M4.7", "Tiered and multi-dimension limits"),
    ("M4.8", "Rate-limit response headers"),
    ("M4.9", "Multi-datacenter limiting"),
    ("M5.1", "Bounded out-of-order watermark"),
    ("M5.2", "Per-partition watermarks and idle partitions"),
    ("M5.3", "Window assignment: tumbling, sliding, session"),
    ("M5.4", "Window firing, allowed lateness, late data"),
    ("M5.5", "Checkpoint barriers and recovery"),
    ("M5.6", "Exactly-once sinks"),
    ("M5.7", "Credit-based backpressure"),
    ("M5.8", "Key-group rescaling"),
    ("M6.1", "Count-min sketch"),
    ("M6.2", "Count-min sketch + min-heap top-K"),
    ("M6.3", "Exact top-K (hash map)"),
    ("M6.4", "Lossy counting"),
    ("M6.5", "Space-saving"),
    (
        "M6.6",
        "Distributed top-K (map local top-K, reduce by summing)",
    ),
    ("M6.7", "Bloom filter"),
    ("M6.8", "Trie with precomputed top-K (autocomplete)"),
    ("M6.9", "Windowed trending pipeline"),
    ("M7.1", "Fan-out on write / on read / hybrid"),
    ("M7.2", "Feed cache (sorted set, latest 500)"),
    ("M7.3", "Feed ranking score + two-stage funnel"),
    ("M7.4", "Chat 1:1 routing and offline store-and-forward"),
    ("M7.5", "Presence via heartbeat + TTL"),
    ("M7.6", "Group message fan-out (copies vs references)"),
    ("M7.7", "Multi-device sync cursor"),
    ("M7.8", "Notification pipeline"),
    ("M7.9", "Signal X3DH + Double Ratchet (conceptual)"),
    ("M7.10", "Message ordering via time-based IDs"),
    (
        "M7.11",
        "Messaging patterns (queues, pub/sub, event sourcing, CQRS)",
    ),
    ("M7.12", "Real-time push to subscribers"),
    ("M8.1", "Cache-aside (lazy loading)"),
    ("M8.2", "Write-through"),
    ("M8.3", "Write-back (write-behind)"),
    ("M8.4", "Read-through"),
    ("M8.5", "LRU eviction"),
    ("M8.6", "LFU eviction"),
    ("M8.7", "FIFO eviction"),
    ("M8.8", "TTL expiry (lazy + active)"),
    ("M8.9", "Random eviction"),
    ("M8.10", "Cache-stampede prevention"),
    ("M8.11", "Multi-level cache (L1 local → L2 global → L3 DB)"),
    ("M8.12", "Cache metrics"),
    ("M8.13", "Invalidation strategies"),
    ("M8.14", "Hot-key mitigation"),
    ("M8.15", "Negative caching with a Bloom filter"),
    ("M8.16", "CDN tiers"),
    ("M9.1", "Quorum reads/writes"),
    ("M9.2", "Read repair"),
    ("M9.3", "Hinted handoff"),
    ("M9.4", "Anti-entropy with Merkle trees"),
    ("M9.5", "Heartbeat failure detector"),
    ("M9.6", "Phi-accrual failure detector"),
    ("M9.7", "Leader election and failover"),
    ("M9.8", "Raft log replication"),
    ("M9.9", "Gossip membership"),
    ("M9.10", "Vector clocks"),
    ("M9.11", "Last-write-wins"),
    ("M9.12", "CRDTs"),
    ("M9.13", "Application-specific merge (shopping cart)"),
    ("M9.14", "Two-phase commit (and 3PC)"),
    ("M9.15", "Saga with compensations"),
    ("M9.16", "Replication modes and lag monitoring"),
    ("M9.17", "Consistency models and CAP"),
    ("M10.1", "Lock record and expiry arithmetic"),
    (
        "M10.2",
        "Single-node lock manager (re-entrant acquire, release, extend, global token)",
    ),
    ("M10.3", "Redlock (multi-master)"),
    ("M10.4", "Lock retry policies"),
    ("M10.5", "Fencing tokens"),
    ("M10.6", "Raft-based lock service"),
    ("M10.7", "Auto-renewing lock client"),
    (
        "M10.8",
        "Redis owner-checked lock (SET NX + Lua release/extend)",
    ),
    ("M10.9", "Optimistic concurrency (version column / ETag)"),
    ("M10.10", "Claim by unique constraint / conditional update"),
    (
        "M10.11",
        "Multi-night booking with layered double-booking prevention",
    ),
    ("M10.12", "Temporary hold with expiry"),
    ("M11.1", "Payment state machine"),
    ("M11.2", "Idempotency keys (exactly-once payments)"),
    ("M11.3", "Double-entry ledger"),
    ("M11.4", "Fraud scoring thresholds"),
    ("M11.5", "Retry with exponential backoff + jitter"),
    ("M11.6", "Reconciliation"),
    ("M11.7", "Subscription dunning"),
    (
        "M11.8",
        "Transactional publish / Kafka exactly-once (conceptual)",
    ),
    ("M11.9", "Card tokenization / PCI scope"),
    ("M11.10", "Multi-currency handling"),
    (
        "M12.1",
        "Driver matching (expanding radius → score → sequential dispatch)",
    ),
    ("M12.2", "Demand heatmap and driver repositioning"),
    ("M12.3", "Surge pricing"),
    ("M12.4", "Fare calculation"),
    ("M12.5", "Trip state machine"),
    ("M13.1", "RRULE expansion"),
    ("M13.2", "Event instance expansion on query"),
    ("M13.3", "Free/busy merge and gap finding"),
    ("M13.4", "Incremental sync token"),
    ("M13.5", "Time-zone handling for events and recurrences"),
    ("M13.6", "Reminder scheduling"),
    ("M13.7", "Appointment slot generation"),
    ("M13.8", "Waitlist promotion"),
    ("M13.9", "Time-limited sharing permissions"),
    ("M14.1", "Adaptive bitrate (ABR) selection"),
    ("M14.2", "HLS master and media playlists"),
    ("M14.3", "Upload and transcoding pipeline (DAG)"),
    ("M14.4", "Pre-transcode vs on-demand; CDN push vs pull"),
    ("M14.5", "301 vs 302 redirect"),
    ("M15.1", "URL priority score and front-queue assignment"),
    ("M15.2", "Politeness back queues with a domain heap"),
    ("M15.3", "Back-queue refill"),
    ("M15.4", "Distributed Redis frontier + worker assignment"),
    ("M15.5", "URL normalisation, dedup and content fingerprints"),
    ("M15.6", "RDBMS-driven frequency scheduler (F4)"),
    (
        "M16.1",
        "Fixed-size chunking + content-hash dedup (block-level)",
    ),
    (
        "M16.2",
        "Block reference counting, GC and version retention",
    ),
    ("M16.3", "Object chunk placement and replication"),
    ("M16.4", "Erasure coding (k + m)"),
    ("M16.5", "Multipart / resumable upload"),
    ("M16.6", "Storage tiering and lifecycle"),
    ("M16.7", "Persistence: RDB snapshots vs AOF"),
    ("M16.8", "Integrity scrubbing and repair"),
    ("M17.1", "Z-order (Morton) value"),
    ("M17.2", "Min/max data skipping and partition pruning"),
    (
        "M17.3",
        "Transaction log with optimistic concurrency and time travel",
    ),
    ("M17.4", "Compaction (bin-packing small files)"),
    ("M18.1", "DAG dependency resolution and task lifecycle"),
    ("M18.2", "Task retries, timeouts and SLAs"),
    ("M18.3", "Backfill batching"),
    ("M18.4", "Dependency-aware backfill"),
    ("M18.5", "Backfill checkpoint and resume"),
    ("M18.6", "At-least-once execution with worker heartbeats"),
    ("M19.1", "FIFO / Fair / Capacity schedulers"),
    ("M19.2", "Weighted fair share (water-filling)"),
    ("M19.3", "Preemption decision"),
    ("M19.4", "Victim selection"),
    ("M19.5", "Graceful preemption"),
    ("M19.6", "Speculative execution"),
    ("M19.7", "Autoscaling policy (incl. spot mix)"),
    ("M19.8", "Job lifecycle"),
    ("M20.1", "Rule evaluation"),
    ("M20.2", "Volume anomaly (3σ vs 7-day rolling average)"),
    ("M20.3", "Distribution drift"),
    ("M20.4", "Lineage impact analysis and root cause"),
    ("M20.5", "Freshness SLA"),
    ("M20.6", "Alert debouncing"),
    ("M21.1", "Back-of-envelope estimator"),
    ("M21.2", "Provider fan-out with timeout and partial results"),
    ("M21.3", "API cost model with cache hit rate"),
    ("M21.4", "Cross-DC cache propagation"),
    (
        "M21.5",
        "Circuit breaker / provider failover / graceful degradation",
    ),
    ("M21.6", "Fixed-delay retry with reconnect"),
    ("M21.7", "Chunked streaming read"),
    ("M21.8", "Visibility-timeout redelivery"),
    ("M21.9", "Client debounce and minimum prefix"),
    ("M21.10", "Cache-key construction"),
];

/// A lab that exists (or is being built) in the playground, with the mechanisms it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabEntry {
    /// Route id, as in `#/lab/<id>`.
    pub id: &'static str,
    /// Title shown on a link.
    pub title: &'static str,
    /// Catalogue mechanism ids the lab covers.
    pub covers: &'static [&'static str],
}

/// The labs a design may link to, with the mechanisms each lab's own `LabInfo::catalogue`
/// lists (PRODUCT.md "Lab ids so far").
pub const LABS: &[LabEntry] = &[
    LabEntry {
        id: "hash-ring",
        title: "Consistent hashing",
        covers: &["M1.1", "M1.2", "M1.6"],
    },
    LabEntry {
        id: "geohash",
        title: "Geohash grid and proximity search",
        covers: &["M2.1", "M2.2", "M2.3", "M2.4", "M2.7", "M2.9", "M2.10"],
    },
    LabEntry {
        id: "quadtree",
        title: "Quadtree",
        covers: &["M2.5", "M2.12"],
    },
    LabEntry {
        id: "z-order",
        title: "Z-order, Hilbert and data skipping",
        covers: &["M17.1", "M17.2", "M2.6"],
    },
    LabEntry {
        id: "watermarks",
        title: "Watermarks and windows",
        covers: &["M5.1", "M5.2", "M5.3", "M5.4", "M5.5", "M5.7"],
    },
    LabEntry {
        id: "fan-out",
        title: "Feed fan-out",
        covers: &["M7.1", "M7.2", "M7.3", "M7.6"],
    },
];

/// The name of mechanism `id` ("M3.1" → "Base62 encode / decode"), if the catalogue has it.
///
/// ```
/// assert_eq!(sdp_designs::catalogue::mechanism_name("M3.1"), Some("Base62 encode / decode"));
/// assert_eq!(sdp_designs::catalogue::mechanism_name("M99.1"), None);
/// ```
pub fn mechanism_name(id: &str) -> Option<&'static str> {
    MECHANISMS
        .iter()
        .find(|(m, _)| *m == id)
        .map(|(_, name)| *name)
}

/// The lab with route id `id`.
pub fn lab(id: &str) -> Option<&'static LabEntry> {
    LABS.iter().find(|l| l.id == id)
}

/// The lab that shows mechanism `mechanism`, if there is one.
///
/// ```
/// assert_eq!(sdp_designs::catalogue::lab_for("M2.5").map(|l| l.id), Some("quadtree"));
/// assert_eq!(sdp_designs::catalogue::lab_for("M3.1"), None);
/// ```
pub fn lab_for(mechanism: &str) -> Option<&'static LabEntry> {
    LABS.iter().find(|l| l.covers.contains(&mechanism))
}
