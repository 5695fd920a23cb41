//! Geo-sharding by precision-2 geohash prefix (catalogue M2.7): each shard holds the places of
//! one precision-2 cell; a search queries the relevant shards "in parallel", merges, sorts.

use crate::codec::{Cell, Direction, LatLng};
use crate::distance::{circle_extent, haversine_km};
use crate::proximity::{Hit, lng_overlaps, sort_hits};
use serde::{Deserialize, Serialize};

/// Shard key precision (F0 Q15 l.2324).
pub const SHARD_PRECISION: u8 = 2;
/// F0 l.2329: "If radius is large (>50 km), include neighboring regions too".
pub const DOC_NEIGHBOUR_RADIUS_KM: f64 = 50.0;
/// Number of precision-2 cells, hence of possible shards.
pub const SHARD_COUNT: usize = 1024;

/// How the shards to query are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShardRule {
    /// F0 Q15 l.2327–2338: the centre's shard, plus its 8 neighbours if the radius is > 50 km.
    F0,
    /// Not in source: every precision-2 cell that meets the circle's bounding box (always
    /// enough, and only the ones needed).
    Corrected,
}

impl ShardRule {
    /// Short label.
    pub fn label(self) -> &'static str {
        match self {
            ShardRule::F0 => "F0: centre (+ 8 neighbours if > 50 km)",
            ShardRule::Corrected => "corrected: every shard the circle touches",
        }
    }
}

/// Place ids per shard, indexed by the precision-2 cell's bits (0–1023).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardMap {
    /// `members[bits]` = ids of the places in that cell, ascending.
    pub members: Vec<Vec<u32>>,
}

impl ShardMap {
    /// Assigns every place to its precision-2 cell.
    pub fn build(places: &[LatLng]) -> Self {
        let mut members = vec![Vec::new(); SHARD_COUNT];
        for (i, p) in places.iter().enumerate() {
            let c = Cell::encode_unchecked(*p, SHARD_PRECISION);
            if let Some(m) = members.get_mut(c.bits as usize) {
                m.push(i as u32);
            }
        }
        ShardMap { members }
    }

    /// The ids in one shard.
    pub fn shard(&self, cell: Cell) -> &[u32] {
        self.members
            .get(cell.bits as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// (cell, count) of every non-empty shard, in hash order.
    pub fn counts(&self) -> Vec<(Cell, u32)> {
        self.members
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.is_empty())
            .map(|(bits, m)| {
                (
                    Cell {
                        bits: bits as u64,
                        precision: SHARD_PRECISION,
                    },
                    m.len() as u32,
                )
            })
            .collect()
    }
}

/// The shards `rule` queries, centre shard first, deduplicated.
pub fn relevant_shards(rule: ShardRule, centre: LatLng, radius_km: f64) -> Vec<Cell> {
    let home = Cell::encode_unchecked(centre, SHARD_PRECISION);
    match rule {
        ShardRule::F0 => {
            let mut out = vec![home];
            if radius_km > DOC_NEIGHBOUR_RADIUS_KM {
                for n in Direction::ALL.iter().filter_map(|d| home.neighbour(*d)) {
                    if !out.contains(&n) {
                        out.push(n);
                    }
                }
            }
            out
        }
        ShardRule::Corrected => {
            let (south, north, half) = circle_extent(centre, radius_km);
            let mut out = vec![home];
            for bits in 0..SHARD_COUNT as u64 {
                let c = Cell {
                    bits,
                    precision: SHARD_PRECISION,
                };
                let b = c.bbox();
                let lat_ok = b.north >= south && b.south <= north;
                let lng_ok = half
                    .is_none_or(|h| lng_overlaps(b.west, b.east, centre.lng - h, centre.lng + h));
                if lat_ok && lng_ok && c != home {
                    out.push(c);
                }
            }
            out
        }
    }
}

/// What one shard did for a query.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardScan {
    /// The shard's cell.
    pub cell: Cell,
    /// Places it checked (all of its places).
    pub scanned: u32,
    /// Places it found within the radius.
    pub found: u32,
}

/// A sharded search: per-shard work and the merged, sorted results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardSearch {
    /// Per shard queried, in query order.
    pub shards: Vec<ShardScan>,
    /// Merged results, nearest first.
    pub within: Vec<Hit>,
}

/// Queries each shard (each checks its places by haversine), then merges and sorts.
pub fn shard_search(
    map: &ShardMap,
    places: &[LatLng],
    centre: LatLng,
    radius_km: f64,
    shards: &[Cell],
) -> ShardSearch {
    let mut within = Vec::new();
    let mut scans = Vec::with_capacity(shards.len());
    for &cell in shards {
        let ids = map.shard(cell);
        let before = within.len();
        for &id in ids {
            if let Some(p) = places.get(id as usize) {
                let km = haversine_km(centre, *p);
                if km <= radius_km {
                    within.push(Hit { id, km });
                }
            }
        }
        scans.push(ShardScan {
            cell,
            scanned: ids.len() as u32,
            found: (within.len() - before) as u32,
        });
    }
    sort_hits(&mut within);
    ShardSearch {
        shards: scans,
        within,
    }
}
