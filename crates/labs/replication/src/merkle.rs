//! Anti-entropy with Merkle trees (M9.4): each replica hashes its key ranges into leaves and
//! pairs of children into parents; two replicas compare from the root and descend only into
//! children whose hashes differ, then exchange the keys of the differing leaves (newer version
//! wins), against comparing every key.

use rand::RngExt;
use serde::{Deserialize, Serialize};

/// Most keys.
pub const MAX_KEYS: usize = 1_024;
/// Most leaves.
pub const MAX_LEAVES: usize = 64;

/// FNV-1a, 64 bits: the tree's hash (any fixed hash would do; the source names none).
///
/// ```
/// assert_eq!(sdp_lab_replication::merkle::fnv1a(b""), 0xcbf2_9ce4_8422_2325);
/// assert_eq!(sdp_lab_replication::merkle::fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
/// ```
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The keys leaf `leaf` of `leaves` covers, out of `keys`.
pub fn leaf_range(leaf: usize, leaves: usize, keys: usize) -> std::ops::Range<usize> {
    let lo = leaf * keys / leaves.max(1);
    let hi = (leaf + 1) * keys / leaves.max(1);
    lo..hi
}

/// A Merkle tree over per-key versions (0: the key is missing), stored as a heap: node 1 is
/// the root, node `i` has children `2i` and `2i + 1`, leaves are `leaves … 2·leaves − 1`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tree {
    /// Hashes by node index (index 0 unused).
    pub hashes: Vec<u64>,
    /// Leaves (a power of two).
    pub leaves: usize,
}

impl Tree {
    /// The tree of `versions` with `leaves` leaves.
    pub fn build(versions: &[u32], leaves: usize) -> Tree {
        let mut hashes = vec![0u64; 2 * leaves];
        for leaf in 0..leaves {
            let mut bytes = Vec::new();
            for k in leaf_range(leaf, leaves, versions.len()) {
                if versions[k] > 0 {
                    bytes.extend_from_slice(&(k as u64).to_le_bytes());
                    bytes.extend_from_slice(&versions[k].to_le_bytes());
                }
            }
            hashes[leaves + leaf] = fnv1a(&bytes);
        }
        for i in (1..leaves).rev() {
            let mut bytes = hashes[2 * i].to_le_bytes().to_vec();
            bytes.extend_from_slice(&hashes[2 * i + 1].to_le_bytes());
            hashes[i] = fnv1a(&bytes);
        }
        Tree { hashes, leaves }
    }
}

/// One hash comparison of the walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// The node compared.
    pub node: usize,
    /// Whether the two hashes were equal.
    pub equal: bool,
}

/// The top-down walk: the comparisons in breadth-first order, and the differing leaves.
pub fn walk(a: &Tree, b: &Tree) -> (Vec<Visit>, Vec<usize>) {
    let mut visits = Vec::new();
    let mut leaves = Vec::new();
    let mut queue = std::collections::VecDeque::from([1usize]);
    while let Some(node) = queue.pop_front() {
        let equal = a.hashes.get(node) == b.hashes.get(node);
        visits.push(Visit { node, equal });
        if equal {
            continue;
        }
        if node >= a.leaves {
            leaves.push(node - a.leaves);
        } else {
            queue.push_back(2 * node);
            queue.push_back(2 * node + 1);
        }
    }
    (visits, leaves)
}

/// Both replicas after exchanging the keys of `leaves`: each key takes the newer version.
pub fn sync(a: &mut [u32], b: &mut [u32], leaves: &[usize], n_leaves: usize) -> usize {
    let mut sent = 0;
    for &leaf in leaves {
        for k in leaf_range(leaf, n_leaves, a.len()) {
            sent += 1;
            let v = a[k].max(b[k]);
            a[k] = v;
            b[k] = v;
        }
    }
    sent
}

/// Two replicas' versions: every key at version 1 on both, then `diffs` keys (seeded) differ:
/// newer on A, newer on B, or missing on B.
pub fn replicas(keys: usize, diffs: usize, seed: u64) -> (Vec<u32>, Vec<u32>) {
    let mut a = vec![1u32; keys];
    let mut b = vec![1u32; keys];
    let mut rng = sdp_kit::rng::seeded(seed);
    let mut order: Vec<usize> = (0..keys).collect();
    for i in 0..diffs.min(keys) {
        let j = rng.random_range(i..keys);
        order.swap(i, j);
        let k = order[i];
        match rng.random_range(0..3) {
            0 => a[k] = 2,
            1 => b[k] = 2,
            _ => b[k] = 0,
        }
    }
    (a, b)
}
