//! Random eviction (M8.9): a full cache evicts a resident key drawn with the seeded generator.

use super::{Cache, Entry, Outcome};
use rand::RngExt;
use sdp_kit::rng::{LabRng, seeded};

/// A random-eviction cache of keys `0..universe`.
pub struct RandomEvict {
    cap: usize,
    slots: Vec<u32>,
    /// Where each key sits in `slots` (`usize::MAX`: not resident).
    pos: Vec<usize>,
    rng: LabRng,
}

impl RandomEvict {
    /// An empty cache holding at most `cap` keys, drawing victims from `seed`.
    pub fn new(cap: usize, universe: usize, seed: u64) -> Self {
        RandomEvict {
            cap,
            slots: Vec::new(),
            pos: vec![usize::MAX; universe],
            rng: seeded(seed),
        }
    }
}

impl Cache for RandomEvict {
    fn access(&mut self, _at: usize, key: u32) -> Outcome {
        let k = key as usize;
        match self.pos.get(k) {
            None => {
                return Outcome {
                    hit: false,
                    evicted: None,
                };
            }
            Some(&p) if p != usize::MAX => {
                return Outcome {
                    hit: true,
                    evicted: None,
                };
            }
            Some(_) => {}
        }
        let mut evicted = None;
        if self.slots.len() >= self.cap {
            let i = self.rng.random_range(0..self.slots.len());
            let victim = self.slots.swap_remove(i);
            self.pos[victim as usize] = usize::MAX;
            if let Some(&moved) = self.slots.get(i) {
                self.pos[moved as usize] = i;
            }
            evicted = Some(victim);
        }
        self.pos[k] = self.slots.len();
        self.slots.push(key);
        Outcome {
            hit: false,
            evicted,
        }
    }

    fn len(&self) -> usize {
        self.slots.len()
    }

    fn entries(&self, limit: usize) -> Vec<Entry> {
        self.slots
            .iter()
            .take(limit)
            .map(|&key| Entry { key, tag: 0 })
            .collect()
    }
}
