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
        ids.sort_unstable();
        ids
    }

    /// Ids within the radius: the truth (corrected plan, which never misses).
    pub fn truth(&self, centre: LatLng, radius_km: f64) -> Vec<u32> {
        let p = plan(Rule::Corrected, centre, radius_km);
        let r = crate::proximity::search(self.index, self.hotels, centre, radius_km, &p);
        let mut ids: Vec<u32> = r.within.iter().map(|h| h.id).collect();
        ids.sort_unstable();
        ids
    }
}

/// True when `id` is within the radius, i.e. in `truth` (ascending ids from [`Db::truth`],
/// which applies the same haversine test).
fn within(truth: &[u32], id: u32) -> bool {
    truth.binary_search(&id).is_ok()
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

/// Runs one query through one flow, updating the cache. `truth` = ids within the radius,
/// ascending ([`Db::truth`]); "filter by distance" keeps the ids in `truth`, which is the
/// same haversine test done once per query.
pub fn run_query(
    cache: &mut GeoCache,
    db: &Db<'_>,
    flow: CacheFlow,
    q: &CacheQuery,
    settings: &CacheSettings,
    truth: &[u32],
) -> QueryOutcome {
    let CacheSettings {
        radius_km,
        precision,
        ttl_s,
    } = *settings;
    let mut out = QueryOutcome {
        truth: truth.len() as u32,
        ..QueryOutcome::default()
    };
    let mut returned: Vec<u32> = match flow {
        CacheFlow::Document => {
            let cell = Cell::encode_unchecked(q.at, precision);
            out.keys.push(cell);
            let (ids, hit) = cache.read(db, cell, q.t_s, ttl_s);
            if hit {
                out.hits += 1;
                ids.into_iter().filter(|&id| within(truth, id)).collect()
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
            all.retain(|&id| within(truth, id));
            all
        }
    };
    returned.sort_unstable();
    returned.dedup();
    out.returned = returned.len() as u32;
    out.wrong = returned.iter().filter(|&&id| !within(truth, id)).count() as u32;
    out.missed = truth
        .iter()
        .filter(|id| returned.binary_search(id).is_err())
        .count() as u32;
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
