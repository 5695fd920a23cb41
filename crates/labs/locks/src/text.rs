//! The locks lab's text: the documents' procedures, and where they are wrong or silent.

use sdp_kit::lab::{FidelityNote, Procedure};

/// Index of each procedure in [`PROCEDURES`].
pub(crate) mod proc_ids {
    pub const MANAGER: usize = 0;
    pub const FENCING: usize = 1;
    pub const REDIS: usize = 2;
    pub const OPTIMISTIC: usize = 3;
    pub const REDLOCK: usize = 4;
    pub const RENEWAL: usize = 5;
    pub const CLAIMS: usize = 6;
    pub const BOOKINGS: usize = 7;
    pub const HOLD: usize = 8;
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
    Procedure {
        title: "Redlock (five masters, quorum three)",
        source: "F0 Q14 “Redlock Algorithm” l.1970–2004; “Retry with Backoff” l.2006–2013; deep dive l.2114–2117",
        lines: &[
            "client_id = UUID; start_time = now",
            "for each master: SET lock client_id NX PX ttl_ms → count the OKs; a down master: skip",
            "elapsed = now − start_time; clock_drift = ttl_ms × 1% + 2 ms",
            "validity = ttl_ms − elapsed − clock_drift",
            "count ≥ 3 and validity > 0 → success, valid_until",
            "else: on every master delete the lock if its value == client_id; fail",
            "release: on every master, atomically: if GET == client_id then DELETE",
            "retry: delay = 200 ms × 2^attempt + random(0–100 ms); sleep; try again",
            "GC pause: the lock expires, another client acquires; the paused client still writes",
            "a master that restarts without persistence has forgotten the keys it held",
            "“If clock jumps, lock validity may be affected”: a key expires early",
        ],
    },
    Procedure {
        title: "Retry policies and the auto-renewing client",
        source: "F0 Q14 “Lock Client with Auto-Renewal” l.2079–2111, “Retry with Backoff” l.2006–2013, estimation l.1882; F4 §15 l.2721–2723",
        lines: &[
            "acquire(name, ttl = 30 s): try the lock service",
            "busy → retry by the policy",
            "fixed (F4): WAIT 100 ms, RETRY (max 3)",
            "backoff (F0): delay = 200 ms × 2^attempt + random(0–100 ms)",
            "out of retries → BOOKING_IN_PROGRESS",
            "success → start the renewal thread; return the lock handle",
            "renewal loop: EVERY 10 s (before the 30 s TTL expires) extend the lock TTL",
            "extend failed → the lock was lost: notify the application",
            "release: stop the renewal thread, then release(name, token)",
            "a paused process renews nothing: the lease lapses while it still writes",
        ],
    },
    Procedure {
        title: "Claim by conditional update or unique constraint",
        source: "F4 §7 “Duplicate Prevention” l.952–956; F4 §14 l.2422–2446; F4 §10 l.1589–1597; F0 DP13 l.2872",
        lines: &[
            "read: SELECT id FROM jobs WHERE status = 'pending' ORDER BY id LIMIT 1",
            "UPDATE jobs SET status = 'running', worker = ? WHERE id = ? AND status = 'pending'",
            "1 row affected → claimed; 0 rows → already claimed by another worker: read again",
            "INSERT INTO appointments (doctor_id, date, start_time, …) VALUES (…)",
            "    ON CONFLICT (doctor_id, date, start_time) DO NOTHING RETURNING id",
            "id returned → success; null → slot already booked → retry",
            "naive: status was 'pending' → UPDATE jobs SET status = 'running', worker = ? WHERE id = ?",
        ],
    },
    Procedure {
        title: "Multi-night booking, four layers",
        source: "F4 §15 “Double Booking Prevention (Multi-Layer)” l.2653–2674, “Booking Flow” l.2676–2723, code l.2772–2827, version l.2829–2848",
        lines: &[
            "(1) SETNX room:101:{check_in}:{check_out} session EX 30",
            "lock busy → WAIT 100 ms, RETRY (max 3 attempts) → BOOKING_IN_PROGRESS",
            "(3) BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT available_rooms … date BETWEEN check_in AND check_out − 1 FOR UPDATE",
            "any night < 1 → ROLLBACK, NO_AVAILABILITY",
            "(4) UPDATE room_inventory SET available_rooms = available_rooms − 1, version = version + 1 WHERE … AND version = ?",
            "(2) CHECK (available_rooms >= 0) violated → ROLLBACK",
            "(2) INSERT the reservation nights: UNIQUE (room_id, date)",
            "process_payment; COMMIT; release_lock → SUCCESS",
            "(4) 0 rows: the version moved on → ROLLBACK, retry with a fresh version",
        ],
    },
    Procedure {
        title: "Temporary seat hold with expiry",
        source: "F4 §10 FR2 l.1392, booking flow l.1482–1503, hold seat l.1586–1597, schema l.1450–1462",
        lines: &[
            "SET seat:12A:lock session NX EX 600",
            "UPDATE seats SET status = 'held', held_until = NOW() + 10 min, held_by_session = ? WHERE id = ? AND status = 'available'",
            "rowcount 0 → SeatNotAvailableError",
            "return the hold: 10 minutes to complete the payment",
            "sweeper: UPDATE seats SET status = 'available' WHERE status = 'held' AND held_until < NOW()",
            "confirm: UPDATE seats SET status = 'booked' WHERE id = ? AND status = 'held' AND held_by_session = ?",
            "0 rows → the hold has expired: refund the payment",
            "release the Redis lock",
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
    FidelityNote {
        title: "Redlock timing",
        document_says: "F0 Q14 l.1970–2004: for each of 5 nodes SET NX PX; elapsed = now − start",
        lab_shows: "masters asked one after another; a SET lands half a round trip after it is sent; 5 × 10 ms = elapsed 50 ms → validity 29,648 ms (not in source: the latency)",
        why: "Sequential requests make elapsed visible; the catalogue's example has elapsed 50 ms.",
    },
    FidelityNote {
        title: "valid_until",
        document_says: "F0 Q14 l.1970–2004: RETURN success, client_id, valid_until",
        lab_shows: "valid_until = now + validity = start_time + ttl − drift (not in source: the formula)",
        why: "Every key was set after start_time, so every key outlives valid_until by at least the drift.",
    },
    FidelityNote {
        title: "Where each client starts",
        document_says: "F0 Q14 l.1970–2004: FOR each of 5 Redis nodes",
        lab_shows: "client i asks the masters starting from master ⌊i × masters / clients⌋ (not in source)",
        why: "Clients starting together then split the votes and neither reaches quorum, as the catalogue's view asks.",
    },
    FidelityNote {
        title: "Crash and restart",
        document_says: "F0 Q14 l.1970–2004: IF node down: skip",
        lab_shows: "a crashed master answers nothing and restarts with no keys (no persistence: the catalogue's unsafe case)",
        why: "A master that forgets a key it granted lets a second client reach quorum while the first is still valid; restarting only after a TTL avoids it.",
    },
    FidelityNote {
        title: "Clock jumps",
        document_says: "F0 Q14 deep dive l.2114: “If clock jumps, lock validity may be affected. Conservative TTL helps.”",
        lab_shows: "a master's clock jumping forward expires the key early, and a second client gets a quorum inside the first one's validity (not in source: the schedule)",
        why: "The drift margin covers slow drift, not a jump; validity is computed on the client's clock, expiry on each master's.",
    },
    FidelityNote {
        title: "Retries counted",
        document_says: "F4 §15 l.2721–2723: WAIT 100ms, RETRY (max 3 attempts) → BOOKING_IN_PROGRESS; F4's book_room code raises at once",
        lab_shows: "`retries` retries after the first attempt (3: attempts at 0, 100, 200, 300 ms); a client that gave up comes back `again` s later (not in source)",
        why: "The flow retries; the code contradicts it (catalogue M10.4). Coming back keeps a contender in the race.",
    },
    FidelityNote {
        title: "Waking from a pause",
        document_says: "F0 Q14 l.2079–2111: the renewal runs in a background thread",
        lab_shows: "on waking, the overdue write runs before the overdue renewal (not in source: the order)",
        why: "Both threads wake together; the lab shows the worse order, the one that writes on a lapsed lease.",
    },
    FidelityNote {
        title: "The lock-lost notice",
        document_says: "F0 Q14 l.2079–2111: IF failed: lock was lost, notify application",
        lab_shows: "the first failed extend counts as lost, even in a network cut while the service still holds it; `onlost` chooses whether the application then stops (not in source)",
        why: "The document only says notify; what the application does with it decides whether it writes on.",
    },
    FidelityNote {
        title: "The naive claim",
        document_says: "F4 §7 l.952–956 shows only UPDATE … WHERE status = 'pending'",
        lab_shows: "`claim=naive` reads the status, then updates without checking it (not in source)",
        why: "It is what the condition in the WHERE clause replaces: both workers read pending, both write, both run the job.",
    },
    FidelityNote {
        title: "Slots in the claim race",
        document_says: "F4 §14 l.2422–2446: a patient books one slot; null → slot already booked → retry",
        lab_shows: "workers stand for patients and jobs for slots 10:00, 10:30, …; the retry reads the first free slot again",
        why: "The unique key does for an INSERT what the status condition does for an UPDATE: one row wins.",
    },
    FidelityNote {
        title: "The lock key is the exact stay",
        document_says: "F4 §15 l.2676–2690: lock_key = room:101:2024-12-15:2024-12-17",
        lab_shows: "B (Dec 16–18) takes another key than A (Dec 15–17), so layer 1 alone lets both book Dec 16",
        why: "The catalogue's gap (M10.8): overlapping stays of one room take different locks; only the database layers stop them.",
    },
    FidelityNote {
        title: "Where UNIQUE(room_id, date) sits",
        document_says: "F4 §15 l.2653–2674: DB-level constraint UNIQUE (room_id, date)",
        lab_shows: "the unique key on the reserved nights, so a second reservation of a night is refused (not in source: which table)",
        why: "On room_inventory it would only forbid two inventory rows per night, which never stops a booking.",
    },
    FidelityNote {
        title: "Reads without SERIALIZABLE",
        document_says: "F4 §15 l.2676–2723 always runs SERIALIZABLE with FOR UPDATE",
        lab_shows: "with layer 3 off the SELECT reads committed values without locks, and an UPDATE waits for another transaction's write on the night (READ COMMITTED; not in source)",
        why: "Both bookers then see a free night; the relative decrement goes to −1 unless the CHECK or the version stops it.",
    },
    FidelityNote {
        title: "Every layer alone",
        document_says: "F4 §15 l.2653–2674 lists four layers together",
        lab_shows: "layers 2, 3 and 4 each stop the double booking alone; layer 1 alone does not (overlapping stays)",
        why: "Switch a layer off with the others off to see the double booking it prevents.",
    },
    FidelityNote {
        title: "Expired holds",
        document_says: "F4 §10 l.1482–1503: held_until = NOW() + 10 min; the lock has EX 600; nothing returns an expired hold",
        lab_shows: "a sweeper every minute (`sweeper`, not in source) and a confirm that checks the hold (`confirm`, not in source)",
        why: "Without the sweeper the Redis key expires but the row stays held; without the check a late payer books over the next holder.",
    },
];
