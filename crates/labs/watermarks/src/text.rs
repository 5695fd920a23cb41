//! The document's procedures (shown beside the animation) and the lab's fidelity notes.

use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`PROCEDURES`].
pub mod proc_ids {
    /// Bounded out-of-order watermark (M5.1).
    pub const WATERMARK: usize = 0;
    /// Per-partition watermarks (M5.2).
    pub const PARTITIONS: usize = 1;
    /// Idle partitions (M5.2).
    pub const IDLE: usize = 2;
    /// Windowing (M5.3).
    pub const WINDOWS: usize = 3;
    /// Late data (M5.4).
    pub const LATE: usize = 4;
    /// Event time vs processing time.
    pub const TIME_DOMAINS: usize = 5;
    /// Checkpoints and recovery (M5.5).
    pub const CHECKPOINT: usize = 6;
    /// Credit-based backpressure (M5.7).
    pub const BACKPRESSURE: usize = 7;
}

/// The procedures, verbatim from F0 DP11 where it has them; completions are marked
/// "(not in source)".
pub const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "Bounded out-of-order watermark",
        source: "F0 DP11 “Watermark Calculation” l.2620–2631",
        lines: &[
            "STATE:",
            "  - max_out_of_order: allowed lateness (e.g., 5000 ms)",
            "  - max_timestamp_seen: highest event time observed so far",
            "ON EACH EVENT:",
            "  - Update max_timestamp_seen = max(current, event_time)",
            "CURRENT WATERMARK:",
            "  - watermark = max_timestamp_seen - max_out_of_order",
            "  - Meaning: \"All events with time < watermark have arrived\"",
        ],
    },
    Procedure {
        title: "Per-partition watermarks (Kafka)",
        source: "F0 DP11 l.2639–2647",
        lines: &[
            "Partition 0: watermark = 10:00:03",
            "Partition 1: watermark = 10:00:07",
            "Partition 2: watermark = 10:00:01  (slow partition)",
            "Global watermark = min(all partitions) = 10:00:01",
            "Window [10:00:00-10:00:05] cannot close until slowest partition advances",
        ],
    },
    Procedure {
        title: "Handling idle partitions",
        source: "F0 DP11 l.2649–2654; the alternative is Flink's (not in source)",
        lines: &[
            "If partition has no events for > idle_timeout:",
            "  → Artificially advance its watermark to current processing time",
            "  → Prevents one idle partition from blocking global watermark progress",
            "  (not in source, Flink) → or leave it out of the minimum until it sends again",
        ],
    },
    Procedure {
        title: "Windowing",
        source: "F0 DP11 “Windowing” l.2612–2616; assignment and firing rules not in source",
        lines: &[
            "- Tumbling: Fixed non-overlapping intervals (e.g., every 5 min)",
            "- Sliding: Overlapping intervals (5-min window every 1 min)",
            "- Session: Gap-based, per key (close window after N min inactivity)",
            "- Watermarks: Track event-time progress, trigger window evaluation.",
            "(not in source) tumbling: start = t − (t mod size)",
            "(not in source) sliding: every [s, s + size) with s = k·slide and s ≤ t < s + size",
            "(not in source) session: [t, t + gap), merged with every overlapping session of its key",
            "(not in source) a window fires when the watermark ≥ its end: emit count and sum per key",
        ],
    },
    Procedure {
        title: "Late data",
        source: "F0 DP11 Deep Dive “Late data” l.2673; lifecycle not in source",
        lines: &[
            "Late events (after watermark) can trigger side-output or update previously emitted results.",
            "Allowed lateness window: keep window state for extra time to handle stragglers.",
            "(not in source) late event, watermark < window end + allowed lateness: update the window and re-emit",
            "(not in source) watermark ≥ window end + allowed lateness: purge the window state",
            "(not in source) every window of the event purged: side output (or drop)",
        ],
    },
    Procedure {
        title: "Event time vs processing time",
        source: "F0 DP11 Trade-offs l.2680",
        lines: &[
            "Event time gives correct results for out-of-order data but requires watermarks and buffering;",
            "processing time is simpler but less accurate.",
        ],
    },
    Procedure {
        title: "Checkpoints and recovery",
        source: "F0 DP11 l.2657–2663, l.2675, l.2679; alignment detail not in source",
        lines: &[
            "Source: Replayable sources (Kafka offsets). On recovery, replay from last committed offset.",
            "Barrier alignment: Barriers from job manager flow through DAG.",
            "Operator snapshots state when barrier arrives from all inputs.",
            "(not in source) aligned: after barrier n on one input, buffer that input until barrier n is on all inputs",
            "Aligned vs Unaligned checkpoints: ... unaligned avoids this but increases checkpoint size.",
            "Sink: ... two-phase commit (pre-commit on checkpoint, commit on checkpoint-complete).",
            "On task failure, restart from last successful checkpoint.",
            "All operators restore state, sources replay from checkpointed offsets.",
        ],
    },
    Procedure {
        title: "Credit-based backpressure",
        source: "F0 DP11 “Backpressure” l.2666–2669; credit accounting not in source",
        lines: &[
            "Credit-based flow control: Downstream operators advertise available buffer capacity.",
            "Upstream slows when no credits available.",
            "Propagates naturally through the DAG to sources.",
            "Metrics: Track buffer utilization per operator to identify bottlenecks.",
            "(not in source) 1 credit = 1 buffer; a consumed buffer returns its credit the next tick",
        ],
    },
];

/// Where the document is wrong or silent and what the lab does.
pub const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "“Allowed lateness” means two things",
        document_says: "F0 l.2616/l.2623: watermark = max_event_time − allowed_lateness; l.2673: “allowed lateness window: keep window state for extra time”",
        lab_shows: "two separate parameters: the out-of-orderness bound (bound) and the allowed lateness after firing (lateness)",
        why: "The first delays the watermark (when windows fire); the second keeps fired windows so late events can still update them. They are independent knobs (catalogue I-20).",
    },
    FidelityNote {
        title: "Watermark offset",
        document_says: "F0 l.2630: watermark = max_timestamp_seen − max_out_of_order",
        lab_shows: "exactly that (Flink subtracts a further 1 ms)",
        why: "The lab follows the document, so 10:00:01 with a 5 s bound gives 09:59:56.",
    },
    FidelityNote {
        title: "Window assignment and firing",
        document_says: "F0 l.2613–2616 names tumbling, sliding and session windows; no formulas, no firing rule",
        lab_shows: "not in source: tumbling start = t − (t mod size); sliding: all k·slide ≤ t < k·slide + size; session [t, t+gap) merging; fire when watermark ≥ end",
        why: "Standard definitions (Flink, Beam), consistent with the document's “Window [10:00:00-10:00:05] cannot close until …”.",
    },
    FidelityNote {
        title: "Sliding windows: slide must divide size",
        document_says: "F0 l.2614: “5-min window every 1 min”; no rule for other sizes",
        lab_shows: "rule: 1 ≤ slide ≤ size, slide divides size (each event is in size/slide windows, at most 10); otherwise an error naming the rule",
        why: "With slide > size some events belong to no window; with a slide that does not divide the size, events get different numbers of windows.",
    },
    FidelityNote {
        title: "Session boundaries",
        document_says: "F0 l.2615: “close window after N min inactivity”",
        lab_shows: "not in source: an event at t opens [t, t + gap); sessions merge only if they overlap (half-open), so two events exactly gap apart are separate sessions",
        why: "Flink also merges sessions that merely touch; the catalogue's CV (10:00, 10:03, 10:09 with gap 5 min → [10:00, 10:08), [10:09, 10:14)) holds either way.",
    },
    FidelityNote {
        title: "Idle partitions: two policies",
        document_says: "F0 l.2652: advance an idle partition's watermark to the current processing time; idle_timeout not given",
        lab_shows: "both, selectable: “advance to processing time” (the document) and “exclude from the minimum” (Flink, not in source); the timeout is a parameter",
        why: "Advancing to processing time mixes time domains: if events lag processing time, the partition's later events arrive behind its own watermark and become late. Excluding it avoids that.",
    },
    FidelityNote {
        title: "The global watermark never goes back",
        document_says: "F0 l.2645: global watermark = min(all partitions)",
        lab_shows: "max(previous global, min over partitions)",
        why: "When an excluded idle partition returns with an older watermark, a plain minimum would move backwards and un-fire windows; watermarks are monotone.",
    },
    FidelityNote {
        title: "What counts as late, and when to side-output",
        document_says: "F0 l.2673: “Late events (after watermark) can trigger side-output or update previously emitted results.”",
        lab_shows: "not in source: late = event time < global watermark on arrival; it updates every window still kept (watermark < end + allowed lateness) and re-emits fired ones; only if all its windows are purged does it go to the side output (or is dropped)",
        why: "This is Flink's rule; with zero allowed lateness every late event for a fired window goes to the side output.",
    },
    FidelityNote {
        title: "End of input",
        document_says: "nothing about bounded input",
        lab_shows: "not in source: after the last event the source emits a final watermark +∞, which fires and purges every window",
        why: "Otherwise the last windows would never fire in a finite scenario (Flink does the same).",
    },
    FidelityNote {
        title: "State size and checkpoint size",
        document_says: "F0 l.2574–2575: 5-min window, 1M keys, 100 bytes = 100 GB state; 100 GB written per checkpoint",
        lab_shows: "1M × 100 B = 100 MB per window (100 GB would need ~1000 live windows or 100 KB per key)",
        why: "Arithmetic error in the estimate (catalogue D.2 #10, #11).",
    },
    FidelityNote {
        title: "Barrier alignment and unaligned checkpoints",
        document_says: "F0 l.2663: “Operator snapshots state when barrier arrives from all inputs”; l.2679 unaligned “increases checkpoint size”",
        lab_shows: "not in source: aligned blocks an input after its barrier until the barrier is on every input; unaligned snapshots at the first barrier and stores the in-flight records of the other inputs",
        why: "The document names both; the lab shows the alignment buffer and the in-flight records counted in the checkpoint size.",
    },
    FidelityNote {
        title: "Credits",
        document_says: "F0 l.2667: downstream operators advertise available buffer capacity",
        lab_shows: "not in source: 1 credit = 1 buffer slot of the receiver; a sender sends only with a credit; a consumed buffer returns its credit, usable the next tick",
        why: "Flink's credit-based flow control, reduced to one record per buffer.",
    },
];
