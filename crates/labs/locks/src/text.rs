//! The locks lab's text: the documents' procedures, and where they are wrong or silent.

use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`PROCEDURES`].
pub(crate) mod proc_ids {
    pub const MANAGER: usize = 0;
    pub const FENCING: usize = 1;
    pub const REDIS: usize = 2;
    pub const OPTIMISTIC: usize = 3;
}

pub(crate) const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "Lock record and single-node lock manager",
        source: "F0 Q14 “Lock Data Structure” l.1912–1924, “Single-Node Lock Manager” l.1926–1968",
        lines: &[
            "Lock {name, owner, token, acquired_at, ttl_ms}; is_expired = now > acquired_at + ttl_ms",
            "acquire: held, not expired, owner == client → re-entrant: acquired_at = now, same token",
            "acquire: held by another, not expired → fail, remaining = max(0, acquired_at + ttl_ms − now)",
            "acquire: missing or expired → token = ++counter; create the lock; return the token",
            "release(client, token): no lock → success; owner ≠ client or token ≠ lock.token → fail; else delete",
            "extend(client, token, ttl): exists, owner, token, not expired → acquired_at = now, ttl = new ttl",
        ],
    },
    Procedure {
        title: "Fencing tokens",
        source: "F0 Q14 “Fencing Tokens” l.2015–2044; deep dive l.2116",
        lines: &[
            "the resource stores last_seen_token = 0",
            "write(data, token): token < last_seen → reject “stale token”",
            "else last_seen = token; perform the write",
            "a paused client cannot tell its lease expired: it writes when it wakes",
        ],
    },
    Procedure {
        title: "Redis lock: SET NX EX and the Lua release",
        source: "F4 §15 `DistributedLock` l.2727–2770; F4 §10 l.1536–1586",
        lines: &[
            "acquire: SET lock:{resource} {owner} NX EX ttl   → OK, or nil when the key exists",
            "busy: wait, then try again",
            "release (Lua): if GET key == owner then return DEL key else return 0",
            "extend (Lua): if GET key == owner then return EXPIRE key ttl else return 0",
            "unsafe release: DEL key   (deletes whoever holds it now)",
        ],
    },
    Procedure {
        title: "Optimistic locking with a version",
        source: "F4 §15 “Optimistic Locking with Version” l.2829–2848; F4 §10 l.1504–1514; F0 Q12 l.1568–1591",
        lines: &[
            "read: SELECT available_seats, version FROM flights WHERE id = ?",
            "UPDATE flights SET available_seats = available_seats − 1, version = version + 1",
            "    WHERE id = ? AND version = ? AND available_seats > 0",
            "0 rows affected → concurrent update → re-read and retry with the fresh version",
            "without the check: SET available_seats = (what I read) − 1   → a lost update",
        ],
    },
];

pub(crate) const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "A re-entrant acquire's ttl",
        document_says: "F0 Q14 l.1926–1968: the owner acquiring again resets acquired_at and returns the same token",
        lab_shows: "the new ttl replaces the stored ttl_ms (not in source: the document does not say)",
        why: "The acquire takes a ttl argument; keeping the old one would ignore the caller.",
    },
    FidelityNote {
        title: "Expiry is strict",
        document_says: "F0 Q14 l.1912–1924: is_expired = now > acquired_at + ttl_ms",
        lab_shows: "at exactly acquired_at + ttl_ms the lock still holds with 0 ms remaining; a second later it is gone",
        why: "The comparison is strict, so remaining reaches 0 one instant before the lock is expired.",
    },
    FidelityNote {
        title: "What fencing cannot catch",
        document_says: "F0 Q14 l.2015–2044: the storage rejects A's token 42 after B wrote with 43",
        lab_shows: "the same, and a stale holder that writes before the new holder's first write is accepted (not in source)",
        why: "The storage only knows the tokens it has seen; until 43 arrives, 42 is the newest. It still never goes backwards.",
    },
    FidelityNote {
        title: "Release when there is no lock",
        document_says: "F0 Q14 l.1926–1968: release with no lock → success",
        lab_shows: "the paused client's late release reported as a success although it lost the lock long ago",
        why: "Idempotent release is convenient, but it hides that the client's critical section ran unprotected.",
    },
    FidelityNote {
        title: "Retry interval",
        document_says: "F0 Q14 l.2082–2090: sleep 100 ms until the timeout",
        lab_shows: "time in 1 s ticks; a busy client tries again every `retry` seconds (not in source)",
        why: "A 30 s lease drawn at 100 ms would be 300 steps of nothing.",
    },
    FidelityNote {
        title: "The ETag check must be one statement",
        document_says: "F0 Q12 l.1568–1591: fetch the event, compare its etag, then save",
        lab_shows: "the compare and the save as one conditional UPDATE … WHERE version = ?",
        why: "As separate steps, two writers can both pass the comparison before either saves.",
    },
    FidelityNote {
        title: "The write without a version",
        document_says: "F4 §15 l.2829–2848 shows only the checked UPDATE",
        lab_shows: "`check=none` writes the value each client computed from its own read (not in source)",
        why: "That is the read-modify-write the version column exists to stop: the second write erases the first.",
    },
];
