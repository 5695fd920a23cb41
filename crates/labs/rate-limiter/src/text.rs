//! The rate-limiter lab's text: the documents' procedures, and where they are wrong or silent.

use crate::algo::Lane;
use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`PROCEDURES`].
pub(crate) mod proc_ids {
    pub const TOKEN: usize = 0;
    pub const LEAKY: usize = 1;
    pub const QUEUE: usize = 2;
    pub const FIXED: usize = 3;
    pub const REDIS: usize = 4;
    pub const LOG: usize = 5;
    pub const ZSET: usize = 6;
    pub const SLIDING: usize = 7;
    pub const TIERS: usize = 8;
    pub const DCS: usize = 9;
}

/// The procedure a lane follows.
pub(crate) fn procedure_of(lane: Lane) -> usize {
    match lane {
        Lane::Token | Lane::TokenExact => proc_ids::TOKEN,
        Lane::LeakyDoc | Lane::Leaky => proc_ids::LEAKY,
        Lane::LeakyQueue => proc_ids::QUEUE,
        Lane::Fixed | Lane::FixedLocal => proc_ids::FIXED,
        Lane::FixedRedis => proc_ids::REDIS,
        Lane::Log | Lane::LogInclusive => proc_ids::LOG,
        Lane::Zset | Lane::ZsetDoc | Lane::ZsetLua => proc_ids::ZSET,
        Lane::Sliding => proc_ids::SLIDING,
    }
}

pub(crate) const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "Token bucket (atomic, in Redis)",
        source: "F0 Q2 l.341–367; F4 §22 TokenBucket",
        lines: &[
            "1. READ {tokens, last_refill}; if missing, initialise with max_tokens",
            "2. elapsed_seconds = current_time − last_refill_time",
            "   tokens_to_add = elapsed_seconds × refill_rate",
            "   new_tokens = MIN(max_tokens, current_tokens + tokens_to_add)",
            "3. IF new_tokens >= 1: new_tokens −= 1; SAVE {new_tokens, now}; allowed",
            "   ELSE: SAVE {new_tokens, now}; reject (429)",
            "   RETURN remaining = new_tokens",
            "4. SET key expiry to 1 hour",
        ],
    },
    Procedure {
        title: "Leaky bucket",
        source: "F4 §22 “2. Leaky Bucket”",
        lines: &[
            "allow_request: _leak()",
            "  if len(queue) < capacity: queue.append(now); return True",
            "  return False",
            "_leak: elapsed = now − last_leak",
            "  leaks = int(elapsed × leak_rate)",
            "  for _ in range(min(leaks, len(queue))): queue.popleft()",
            "  last_leak = now          (corrected: last_leak += leaks / leak_rate)",
        ],
    },
    Procedure {
        title: "Leaky bucket as a queue",
        source: "F0 Q2 table: “requests processed at fixed rate, queue overflow rejected” (not in F4)",
        lines: &[
            "drop the requests already processed",
            "if waiting < capacity:",
            "  start = max(now, last_start + 1 / leak_rate); wait until start",
            "else: reject (overflow)",
        ],
    },
    Procedure {
        title: "Fixed window counter",
        source: "F4 §22 “3. Fixed Window Counter” (aligned form: windows at now // window)",
        lines: &[
            "if now − window_start >= window_seconds:   (aligned: window_start = now // window × window)",
            "    count = 0; window_start = now",
            "if count < limit: count += 1; return True",
            "return False",
        ],
    },
    Procedure {
        title: "Centralized counter (Redis)",
        source: "F4 §22 “Solution 1: Centralized Counter (Redis)”",
        lines: &[
            "window_key = f\"{key}:{now // window_seconds}\"",
            "pipe.incr(window_key)",
            "pipe.expire(window_key, window_seconds × 2)",
            "return count <= limit",
        ],
    },
    Procedure {
        title: "Sliding window log",
        source: "F4 §22 “4. Sliding Window Log”",
        lines: &[
            "cutoff = now − window_seconds",
            "while requests and requests[0] < cutoff: requests.popleft()",
            "if len(requests) < limit: requests.append(now); return True",
            "return False",
        ],
    },
    Procedure {
        title: "Sorted-set log (Lua)",
        source: "F4 §22 “5. Sliding Window Counter (Redis)”: it stores every timestamp, so it is a log",
        lines: &[
            "window_start = now − window_seconds",
            "ZREMRANGEBYSCORE key 0 window_start",
            "count = ZCARD key",
            "if count < limit:",
            "    ZADD key now now                (corrected: a unique member)",
            "    EXPIRE key window_seconds       (never passed to the script)",
            "    return 1",
            "else return 0",
        ],
    },
    Procedure {
        title: "Sliding window counter",
        source: "F0 Q2 table: “weighted combo of current + previous window” (formula not in source)",
        lines: &[
            "if a new window began: prev = cur (or 0 after a gap); cur = 0",
            "weight = 1 − elapsed_in_current / window",
            "estimate = cur + prev × weight",
            "if estimate < limit: cur += 1; allow",
            "else: reject",
        ],
    },
    Procedure {
        title: "Tiered and multi-dimension limits",
        source: "F4 §22 “Tiered Rate Limiting”, “Rate Limiting by Multiple Dimensions”",
        lines: &[
            "tier: check_rate_limit(f\"user:{id}:{tier}\", limits[tier], 3600)   (unknown tier → free)",
            "for dimension, key, limit, window in [user 1000/60, api_key 5000/60, ip 100/60, global 50000/60]:",
            "    if not check_rate_limit(f\"{dimension}:{key}\", limit, window):",
            "        return False, f\"Rate limit exceeded for {dimension}\"",
            "return True, None",
            "check all, then commit (not in source): read every count; admit and INCR only if all have room",
        ],
    },
    Procedure {
        title: "Limiting across datacenters",
        source: "F0 Q2 deep dive l.377–379",
        lines: &[
            "local limiter per DC: fast, but N DCs allow N × the limit",
            "local limiter with eventual sync: add the others' counts as of the last sync",
            "global Redis cluster: one count, exact, every request crosses to it",
        ],
    },
];

pub(crate) const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "The leaky bucket loses partial leaks",
        document_says: "F4 §22 _leak(): leaks = int(elapsed × leak_rate); … last_leak = now",
        lab_shows: "both lanes: as written, and with last_leak advanced by leaks ÷ leak_rate",
        why: "Setting last_leak = now when nothing leaked throws the fraction away: with capacity 5, 10/s and a request every 50 ms for 2 s, the code admits 5, the corrected one 25 (requests at 50 … 2000 ms; 24 if they start at 0; a continuous meter admits 24).",
    },
    FidelityNote {
        title: "ZADD key now now",
        document_says: "F4 §22 SlidingWindowRedis: redis.call('ZADD', key, now, now)",
        lab_shows: "the member equal to the timestamp (lane zset-doc) beside a unique member (lane zset)",
        why: "A sorted set holds each member once: two requests in the same instant become one entry, so the log undercounts and admits more than the limit. Times here are whole milliseconds.",
    },
    FidelityNote {
        title: "window_seconds is never passed to the Lua script",
        document_says: "F4 §22: EXPIRE key window_seconds inside the script; ARGV holds now, window_start, limit",
        lab_shows: "lane zset-lua: every request the script would admit fails with an error (500) after ZADD ran",
        why: "window_seconds is undefined in the script, so EXPIRE gets nil and errors; Redis does not undo the ZADD before it.",
    },
    FidelityNote {
        title: "Cutoff exclusive or inclusive",
        document_says: "F4's deque drops entries < cutoff; its Redis script removes 0 … window_start inclusive",
        lab_shows: "both, as lanes log and log-inclusive (and the sorted sets, inclusive)",
        why: "A request exactly one window old counts in one and not the other, which changes decisions at the boundary.",
    },
    FidelityNote {
        title: "A log called a counter",
        document_says: "F4 §22 “5. Sliding Window Counter (Redis)”",
        lab_shows: "a sorted-set sliding log; the weighted sliding window counter is its own lane",
        why: "The script stores every timestamp (memory grows with requests), which is the log's cost, not the counter's.",
    },
    FidelityNote {
        title: "The sliding window counter's formula",
        document_says: "F0 Q2: “weighted combo of current + previous window” (no formula)",
        lab_shows: "estimate = cur + prev × (1 − elapsed_in_current / window); allowed iff estimate < limit (not in source)",
        why: "The standard formula; the catalogue's example: prev 80, cur 30 at 15 s → 90; cur 50 at 45 s → 70.",
    },
    FidelityNote {
        title: "Float tokens",
        document_says: "F0 and F4 keep tokens as floats (elapsed × refill_rate)",
        lab_shows: "the float bucket as written, and lane token-exact counting exact fractions of a token (not in source)",
        why: "Floats round: over long runs the two can differ by a request at the edge; exact fractions never drift.",
    },
    FidelityNote {
        title: "The sliding log's indentation",
        document_says: "F4 §22 SlidingWindowLog: `return True` printed outside the `if len(...) < limit` block",
        lab_shows: "return True inside the if (admit only with room)",
        why: "As printed the method would admit every request; the page break mangled the indentation.",
    },
    FidelityNote {
        title: "The headers example",
        document_says: "F0 Q2: Limit 100, Remaining 47, Reset 1704067205 (no time given)",
        lab_shows: "53 requests at Unix time 1704067200 on a bucket of 100 refilling 10/s: Remaining 47, Reset 1704067205",
        why: "Reset is when the bucket is full again: 1704067200 + (100 − 47) ÷ 10 = 1704067205.3, written as a whole second.",
    },
    FidelityNote {
        title: "Dimensions checked in order count rejected requests",
        document_says: "F4 §22 MultiDimensionRateLimiter: check_rate_limit (INCR) per dimension, return at the first failure",
        lab_shows: "that order beside check-all-then-commit (not in source); the tier limit checked first (F4 shows tiers separately)",
        why: "INCR happens before the comparison, so every dimension up to the failing one counts a request that was refused: a busy shared IP burns its users' own limits.",
    },
    FidelityNote {
        title: "How datacenters sync",
        document_says: "F0 Q2: “local rate limiter with eventual sync, or a global Redis cluster… local allows N× the limit”",
        lab_shows: "a sync every `sync` seconds arriving `lag` seconds later (not in source)",
        why: "The document names the choice but not a sync protocol; this is the simplest one, to show the over-admission shrinking as syncs get more frequent.",
    },
    FidelityNote {
        title: "Time in whole milliseconds",
        document_says: "The documents read time.time() (float seconds)",
        lab_shows: "every arrival at a whole millisecond; the bucket clocks are exact fractions",
        why: "A deterministic replay needs exact times; “the same instant” means the same millisecond.",
    },
];
