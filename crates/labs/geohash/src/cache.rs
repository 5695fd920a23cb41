//! Geohash-keyed result cache (catalogue M2.10, F4 §6 l.708–729): the document's flow beside a
//! fixed one, on the same stream of queries.
//!
//! Document flow: key `hotels:geo:{precision-6 hash of the centre}`; hit → filter the cached
//! hotels by distance; miss → `db.query_by_geohash(hash)` (the hotels of that one cell), cache
//! for 3600 s and return them **unfiltered**. The neighbours are computed and never used.
//!
//! Fixed flow (not in source): precision from the corrected rule for the radius, one key per
//! cell of the 3×3 block, each cached on its own; the union is always filtered by distance.

use crate::codec::{Cell, LatLng};
use crate::distance::haversine_km;
use crate::proximity::{GeoIndex, Rule, plan};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// F4 l.728: `redis.setex(cache_key, 3600, hotels)`.
pub const DOC_TTL_S: u32 = 3600;
/// F4 l.713: `encode(lat, lon, precision=6)`.
pub const DOC_PRECISION: u8 = 6;

/// Which flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CacheFlow {
    /// F4 §6 as written.
    Document,
    /// Corrected precision, per-cell keys over the 3×3 block, always filtered.
    Fixed,
}

/// One cached key.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CacheEntry {
    /// The cell; the Redis key is `hotels:geo:{cell.to_hash()}`.
    pub cell: Cell,
    /// When it was stored, seconds since the stream began.
    pub stored_s: u64,
    /// When it expires (stored + TTL), seconds.
    pub expires_s: u64,
    /// Hotels stored under it.
    pub rows: u32,
}

/// What one query did in one flow.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryOutcome {
    /// Keys looked up (1 in the document flow; up to 9, or the fallback cover, when fixed).
    pub keys: Vec<Cell>,
    /// Keys found and unexpired.
    pub hits: u32,
    /// Keys missing or expired (each one a database query).
    pub misses: u32,
    /// Hotels read from the database for the misses.
    pub db_rows: u32,
    /// Hotels returned.
    pub returned: u32,
    /// Returned hotels farther than the radius (the unfiltered miss path).
    pub wrong: u32,
    /// Hotels within the radius that were not returned.
    pub missed: u32,
    /// Hotels within the radius (the truth).
    pub truth: u32,
}

/// A cache of hotel ids per cell with expiry.
#[derive(Clone, Debug, Default)]
pub struct GeoCache {
    entries: BTreeMap<Cell, (CacheEntry, Vec<u32>)>,
}

impl GeoCache {
    /// The unexpired entry for `cell` at time `now_s`.
    fn get(&self, cell: Cell, now_s: u64) -> Option<&[u32]> {
        self.entries
            .get(&cell)
            .filter(|(e, _)| now_s < e.expires_s)
            .map(|(_, ids)| ids.as_slice())
    }

    fn set(&mut self, cell: Cell, now_s: u64, ttl_s: u32, ids: Vec<u32>) {
        let entry = CacheEntry {
            cell,
            stored_s: now_s,
            expires_s: now_s + u64::from(ttl_s),
            rows: ids.len() as u32,
        };
        self.entries.insert(cell, (entry, ids));
    }

    /// Unexpired entries at `now_s`, in key order.
    pub fn snapshot(&self, now_s: u64) -> Vec<CacheEntry> {
        self.entries
            .values()
            .filter(|(e, _)| now_s < e.expires_s)
            .map(|(e, _)| *e)
            .collect()
    }

    /// Reads `cell` through the cache: (ids, hit?).
    fn read(&mut self, db: &Db<'_>, cell: Cell, now_s: u64, ttl_s: u32) -> (Vec<u32>, bool) {
        if let Some(ids) = self.get(cell, now_s) {
            return (ids.to_vec(), true);
        }
        let ids = db.query_by_geohash(cell);
        self.set(cell, now_s, ttl_s, ids.clone());
        (ids, false)
    }
}

/// The "database": hotels and an index by geohash.
pub struct Db<'a> {
    /// Hotel positions; id = index.
    pub hotels: &'a [LatLng],
    /// Their geohash index.
    pub index: &'a GeoIndex,
}

impl Db<'_> {
    /// `db.query_by_geohash(hash)`: the ids of the hotels inside the cell, ascending.
    pub fn query_by_geohash(&self, cell: Cell) -> Vec<u32> {
        let mut ids: Vec<u32> = self.index.scan(cell).iter().map(|e| e.1).collect();
        crate::sort::sort(&mut ids);
        ids
    }

    /// Ids within the radius: the truth (corrected plan, which never misses).
    pub fn truth(&self, centre: LatLng, radius_km: f64) -> Truth {
        // The haversine test of `proximity::search` on the same cells, without ranking the
        // hits by distance (only which hotels are within counts here).
        let within = |id: u32| {
            self.hotels
                .get(id as usize)
                .is_some_and(|&p| haversine_km(centre, p) <= radius_km)
        };
        let mut ids = Vec::new();
        for (cell, _) in plan(Rule::Corrected, centre, radius_km).cells {
            ids.extend(
                self.index
                    .scan(cell)
                    .iter()
                    .map(|e| e.1)
                    .filter(|&id| within(id)),
            );
        }
        crate::sort::sort(&mut ids);
        let mut set = IdSet::new(self.hotels.len());
        for &id in &ids {
            set.insert(id);
        }
        Truth { ids, set }
    }
}

/// Hotel ids as bits (an id is a hotel's index, so the set is small and tests are O(1)).
#[derive(Clone, Debug, Default)]
struct IdSet(Vec<u64>);

impl IdSet {
    fn new(ids: usize) -> Self {
        IdSet(vec![0; ids.div_ceil(64)])
    }

    fn contains(&self, id: u32) -> bool {
        self.0
            .get(id as usize / 64)
            .is_some_and(|w| w >> (id % 64) & 1 == 1)
    }

    /// Adds `id`; true when it was not in the set yet.
    fn insert(&mut self, id: u32) -> bool {
        let word = id as usize / 64;
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        let bit = 1u64 << (id % 64);
        let new = self.0[word] & bit == 0;
        self.0[word] |= bit;
        new
    }
}

/// The hotels within a query's radius ([`Db::truth`]).
#[derive(Clone, Debug, Default)]
pub struct Truth {
    /// Their ids, ascending.
    pub ids: Vec<u32>,
    set: IdSet,
}

impl Truth {
    /// True when hotel `id` is within the radius ("filter by distance" is this test: the
    /// same haversine test, done once per query).
    pub fn contains(&self, id: u32) -> bool {
        self.set.contains(id)
    }
}

/// One query of a stream.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CacheQuery {
    /// Seconds since the stream began.
    pub t_s: u64,
    /// Search centre.
    pub at: LatLng,
}

/// How one query is run: radius, document precision, TTL.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CacheSettings {
    /// Search radius, km.
    pub radius_km: f64,
    /// Key precision of the document flow.
    pub precision: u8,
    /// Time to live of a key, seconds.
    pub ttl_s: u32,
}

/// Runs one query through one flow, updating the cache. `truth` = the hotels within the radius
/// ([`Db::truth`]); "filter by distance" keeps the ids in `truth`.
pub fn run_query(
    cache: &mut GeoCache,
    db: &Db<'_>,
    flow: CacheFlow,
    q: &CacheQuery,
    settings: &CacheSettings,
    truth: &Truth,
) -> QueryOutcome {
    let CacheSettings {
        radius_km,
        precision,
        ttl_s,
    } = *settings;
    let mut out = QueryOutcome {
        truth: truth.ids.len() as u32,
        ..QueryOutcome::default()
    };
    let returned: Vec<u32> = match flow {
        CacheFlow::Document => {
            let cell = Cell::encode_unchecked(q.at, precision);
            out.keys.push(cell);
            let (ids, hit) = cache.read(db, cell, q.t_s, ttl_s);
            if hit {
                out.hits += 1;
                ids.into_iter().filter(|&id| truth.contains(id)).collect()
            } else {
                out.misses += 1;
                out.db_rows += ids.len() as u32;
                ids
            }
        }
        CacheFlow::Fixed => {
            let mut all = Vec::new();
            for (cell, _) in plan(Rule::Corrected, q.at, radius_km).cells {
                out.keys.push(cell);
                let (ids, hit) = cache.read(db, cell, q.t_s, ttl_s);
                if hit {
                    out.hits += 1;
                } else {
                    out.misses += 1;
                    out.db_rows += ids.len() as u32;
                }
                all.extend(ids);
            }
            all.retain(|&id| truth.contains(id));
            all
        }
    };
    // Count the distinct ids returned, those beyond the radius, and the truth left out.
    let mut seen = IdSet::new(db.hotels.len());
    for &id in &returned {
        if seen.insert(id) {
            out.returned += 1;
            out.wrong += u32::from(!truth.contains(id));
        }
    }
    out.missed = truth.ids.iter().filter(|&&id| !seen.contains(id)).count() as u32;
    out
}

/// Totals over many outcomes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CacheTotals {
    /// Queries run.
    pub queries: u32,
    /// Key hits.
    pub hits: u64,
    /// Key misses (database queries).
    pub misses: u64,
    /// Database rows read.
    pub db_rows: u64,
    /// Hotels returned.
    pub returned: u64,
    /// Returned but beyond the radius.
    pub wrong: u64,
    /// Within the radius but not returned.
    pub missed: u64,
    /// Within the radius, all queries.
    pub truth: u64,
}

impl CacheTotals {
    /// Adds one outcome.
    pub fn add(&mut self, o: &QueryOutcome) {
        self.queries += 1;
        self.hits += u64::from(o.hits);
        self.misses += u64::from(o.misses);
        self.db_rows += u64::from(o.db_rows);
        self.returned += u64::from(o.returned);
        self.wrong += u64::from(o.wrong);
        self.missed += u64::from(o.missed);
        self.truth += u64::from(o.truth);
    }

    /// Hits / key lookups (0 when none).
    pub fn hit_rate(&self) -> f64 {
        let n = self.hits + self.misses;
        if n == 0 {
            0.0
        } else {
            self.hits as f64 / n as f64
        }
    }

    /// Share of the hotels within the radius that were returned (1 when there were none).
    pub fn recall(&self) -> f64 {
        if self.truth == 0 {
            1.0
        } else {
            (self.truth - self.missed) as f64 / self.truth as f64
        }
    }
}
