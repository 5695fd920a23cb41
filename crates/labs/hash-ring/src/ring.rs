//! The ring itself, as the documents describe it, plus the two strategies it is compared with.
//!
//! * [`Ring`]: consistent hashing with virtual nodes (catalogue M1.1, F0 §2 l.124–162).
//! * [`mod_n`]: `hash(key) mod N` sharding (M1.2).
//! * [`fixed_range`]: F4 §17's "consistent hashing" with four fixed arcs of `hash % 1000` (M1.6).

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};

/// Index of a server in the scenario's server table.
pub type ServerId = u8;

/// MD5 of `text`, read as a big-endian unsigned 128-bit integer (the catalogue's convention, equal
/// to F4's comparison of raw digests).
///
/// ```
/// use sdp_lab_hash_ring::ring::md5_position;
/// assert_eq!(md5_position(""), 0xd41d8cd98f00b204e9800998ecf8427e);
/// ```
pub fn md5_position(text: &str) -> u128 {
    u128::from_be_bytes(Md5::digest(text.as_bytes()).into())
}

/// How a virtual node's key is built from the server name and the vnode number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyFormat {
    /// F0: `server_name + ":vnode" + i`.
    #[default]
    F0,
    /// F4 (`class ConsistentHash`): `f"{node}:{i}"`.
    F4,
}

impl KeyFormat {
    /// The key hashed for vnode `i` of `server`.
    ///
    /// ```
    /// use sdp_lab_hash_ring::ring::KeyFormat;
    /// assert_eq!(KeyFormat::F0.vnode_key("cache1:6379", 0), "cache1:6379:vnode0");
    /// assert_eq!(KeyFormat::F4.vnode_key("cache1:6379", 7), "cache1:6379:7");
    /// ```
    pub fn vnode_key(self, server: &str, i: u32) -> String {
        match self {
            KeyFormat::F0 => format!("{server}:vnode{i}"),
            KeyFormat::F4 => format!("{server}:{i}"),
        }
    }

    /// The name used in URLs (`f0` / `f4`).
    pub fn as_str(self) -> &'static str {
        match self {
            KeyFormat::F0 => "f0",
            KeyFormat::F4 => "f4",
        }
    }
}

/// Where a lookup landed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lookup {
    /// Index in the sorted positions of the first position ≥ the hash (after wrapping).
    pub index: usize,
    /// True when the search ran past the end and wrapped to index 0.
    pub wrapped: bool,
    /// The owning server.
    pub server: ServerId,
    /// The midpoints the binary search probed, in order.
    pub probes: Vec<usize>,
}

/// A consistent-hash ring: sorted vnode positions and the server owning each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ring {
    points: Vec<(u128, ServerId)>,
    collisions: u32,
}

impl Ring {
    /// An empty ring.
    pub fn new() -> Self {
        Ring::default()
    }

    /// Sorted `(position, server)` pairs: the document's `sorted_keys` and `ring` together.
    pub fn points(&self) -> &[(u128, ServerId)] {
        &self.points
    }

    /// How many vnode positions landed on an occupied position (the later insert wins, as in both
    /// documents).
    pub fn collisions(&self) -> u32 {
        self.collisions
    }

    /// Inserts the vnodes `from..to` of `server` (F0's "Adding a server", half-open like F4's
    /// `range()`). Returns the positions inserted, in vnode order.
    ///
    /// The positions are sorted once and merged into the ring in one pass, which is what
    /// inserting each one "maintaining sorted order" amounts to.
    pub fn add_vnodes(
        &mut self,
        name: &str,
        server: ServerId,
        format: KeyFormat,
        range: std::ops::Range<u32>,
    ) -> Vec<u128> {
        let added: Vec<u128> = range
            .map(|i| md5_position(&format.vnode_key(name, i)))
            .collect();
        let mut fresh: Vec<u128> = added.clone();
        fresh.sort_unstable();
        let old = std::mem::take(&mut self.points);
        let mut merged = Vec::with_capacity(old.len() + fresh.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < fresh.len() {
            let take_new = j < fresh.len() && (i == old.len() || fresh[j] <= old[i].0);
            if take_new {
                let pos = fresh[j];
                j += 1;
                match merged.last_mut() {
                    // Same position as an existing vnode (or a duplicate within this server):
                    // the later insert wins, as in both documents.
                    Some((p, owner)) if *p == pos => {
                        *owner = server;
                        self.collisions += 1;
                    }
                    _ => merged.push((pos, server)),
                }
                if i < old.len() && old[i].0 == pos {
                    i += 1;
                }
            } else {
                merged.push(old[i]);
                i += 1;
            }
        }
        self.points = merged;
        added
    }

    /// Builds a ring from servers `(name, id)` with `vnodes` each, in bulk (sorting once).
    pub fn build(servers: &[(&str, ServerId)], vnodes: u32, format: KeyFormat) -> Ring {
        let mut points: Vec<(u128, ServerId)> = Vec::with_capacity(servers.len() * vnodes as usize);
        for &(name, id) in servers {
            for i in 0..vnodes {
                points.push((md5_position(&format.vnode_key(name, i)), id));
            }
        }
        // Stable sort keeps insertion order among equal positions; keep the last (later insert wins).
        points.sort_by_key(|p| p.0);
        let before = points.len();
        let mut deduped: Vec<(u128, ServerId)> = Vec::with_capacity(before);
        for p in points {
            match deduped.last_mut() {
                Some(last) if last.0 == p.0 => *last = p,
                _ => deduped.push(p),
            }
        }
        let collisions = (before - deduped.len()) as u32;
        Ring {
            points: deduped,
            collisions,
        }
    }

    /// Removes every position owned by `server` (F0's "Removing a server"); returns how many.
    pub fn remove_server(&mut self, server: ServerId) -> usize {
        let before = self.points.len();
        self.points.retain(|p| p.1 != server);
        before - self.points.len()
    }

    /// F0's "Finding server for a key": first position ≥ `hash` by binary search, wrapping to the
    /// first position past the end. `None` on an empty ring.
    pub fn lookup(&self, hash: u128) -> Option<(usize, ServerId)> {
        if self.points.is_empty() {
            return None;
        }
        let mut index = self.points.partition_point(|p| p.0 < hash);
        if index == self.points.len() {
            index = 0;
        }
        Some((index, self.points[index].1))
    }

    /// The same lookup, recording each binary-search probe for the step view.
    pub fn lookup_traced(&self, hash: u128) -> Option<Lookup> {
        if self.points.is_empty() {
            return None;
        }
        let (mut lo, mut hi) = (0usize, self.points.len());
        let mut probes = Vec::new();
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            probes.push(mid);
            if self.points[mid].0 < hash {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let wrapped = lo == self.points.len();
        let index = if wrapped { 0 } else { lo };
        Some(Lookup {
            index,
            wrapped,
            server: self.points[index].1,
            probes,
        })
    }
}

/// `hash mod n`: the shard index under hash-mod-N sharding (M1.2). `n` must be positive.
///
/// ```
/// // F4 §17: hash(123) % 4 = 3 and hash(456) % 4 = 0, with Python's identity hash of an int.
/// use sdp_lab_hash_ring::ring::mod_n;
/// assert_eq!((mod_n(123, 4), mod_n(456, 4)), (3, 0));
/// ```
pub fn mod_n(hash: u128, n: usize) -> usize {
    let n = n.max(1) as u64;
    // hash = hi·2⁶⁴ + lo, so hash mod n = (hi mod n)·(2⁶⁴ mod n) + lo mod n, all mod n: the same
    // value as `hash % n`, with 64-bit divisions (u128 division is slow in WebAssembly).
    let (hi, lo) = ((hash >> 64) as u64, hash as u64);
    let two64 = ((u64::MAX % n) + 1) % n;
    let r = (u128::from(hi % n) * u128::from(two64) + u128::from(lo % n)) % u128::from(n);
    r as usize
}

/// Number of slots in F4 §17's fixed ring (`hash(user_id) % 1000`).
pub const FIXED_SLOTS: u128 = 1000;

/// F4 §17's "consistent hashing": `position = hash % 1000`, cut into `n` fixed arcs. For `n = 4`
/// these are the document's arcs 0–250, 251–500, 501–750, 751–999; other `n` are cut the same
/// way (upper bound `1000·i/n`, last arc ending at 999: not in source). Returns the zero-based
/// shard index.
///
/// ```
/// use sdp_lab_hash_ring::ring::fixed_range;
/// // Catalogue M1.6 CVs, identity hash: 123→Shard 1, 456→2, 250→1, 251→2, 999→4.
/// let shards: Vec<usize> = [123, 456, 250, 251, 999].iter().map(|&h| fixed_range(h, 4) + 1).collect();
/// assert_eq!(shards, vec![1, 2, 1, 2, 4]);
/// ```
pub fn fixed_range(hash: u128, n: usize) -> usize {
    let n = n.max(1) as u128;
    let pos = mod_n(hash, FIXED_SLOTS as usize) as u128;
    (1..n)
        .find(|&i| pos <= FIXED_SLOTS * i / n)
        .map_or(n - 1, |i| i - 1) as usize
}
