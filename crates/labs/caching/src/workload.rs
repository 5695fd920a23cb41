//! The access traces of the eviction mode: the catalogue's worked example, a seeded Zipf
//! stream, a Zipf stream cut by sequential scans, a loop, or only keys typed by hand. Keys are
//! interned as `0..names.len()`.

use rand::RngExt;
use sdp_kit::detmath;
use sdp_kit::field::Word;
use serde::{Deserialize, Serialize};

/// Where the accesses come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// The catalogue's M8.5 / M8.6 example: a b a c c d (capacity 2).
    Example,
    /// A seeded Zipf stream: key rank r drawn with probability ∝ 1 / r^skew.
    Zipf,
    /// The Zipf stream with a sequential scan of cold keys every so often.
    Scan,
    /// Keys 1, 2, …, distinct, 1, 2, … in a loop.
    Loop,
    /// Only the keys typed by hand.
    Typed,
}

impl Word for Source {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Source::Example, "example"),
        (Source::Zipf, "zipf"),
        (Source::Scan, "scan"),
        (Source::Loop, "loop"),
        (Source::Typed, "typed"),
    ];
}

/// An access trace over named keys.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accesses {
    /// Key names; key `i` is `names[i]`.
    pub names: Vec<String>,
    /// The accesses, as key indexes.
    pub keys: Vec<u32>,
}

impl Accesses {
    /// The index of `name`, added if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(i) = self.names.iter().position(|n| n == name) {
            return i as u32;
        }
        self.names.push(name.to_string());
        (self.names.len() - 1) as u32
    }

    /// Appends an access of `name`.
    pub fn push(&mut self, name: &str) {
        let k = self.intern(name);
        self.keys.push(k);
    }
}

/// What a generated trace looks like.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    /// The source.
    pub source: Source,
    /// Distinct keys of the Zipf stream or the loop.
    pub distinct: u32,
    /// Accesses.
    pub length: u32,
    /// Zipf exponent.
    pub skew: f64,
    /// Scan: accesses between scans, and the scan's length.
    pub scan: u32,
}

/// The generated trace of `shape`, seeded, with the typed keys appended.
///
/// ```
/// use sdp_lab_caching::workload::{generate, Shape, Source};
/// let s = Shape { source: Source::Example, distinct: 0, length: 0, skew: 1.0, scan: 0 };
/// let a = generate(&s, 1, &[]);
/// assert_eq!(a.names, ["a", "b", "c", "d"]);
/// assert_eq!(a.keys, [0, 1, 0, 2, 2, 3]);
/// ```
pub fn generate(shape: &Shape, seed: u64, typed: &[String]) -> Accesses {
    let mut a = Accesses::default();
    match shape.source {
        Source::Example => {
            for k in ["a", "b", "a", "c", "c", "d"] {
                a.push(k);
            }
        }
        Source::Zipf | Source::Scan => zipf(&mut a, shape, seed),
        Source::Loop => {
            a.names = (1..=shape.distinct.max(1))
                .map(|i| format!("k{i}"))
                .collect();
            a.keys = (0..shape.length)
                .map(|i| i % shape.distinct.max(1))
                .collect();
        }
        Source::Typed => {}
    }
    for t in typed {
        a.push(t);
    }
    a
}

/// Zipf keys `k1` … (rank order); when the source is `Scan`, every `scan` Zipf accesses are
/// followed by a scan of `scan / 2` cold keys `s1`, `s2`, … never seen before.
fn zipf(a: &mut Accesses, shape: &Shape, seed: u64) {
    let n = shape.distinct.max(1) as usize;
    let mut cdf = Vec::with_capacity(n);
    let mut total = 0.0;
    for r in 1..=n {
        total += 1.0 / detmath::pow(r as f64, shape.skew);
        cdf.push(total);
    }
    a.names = (1..=n).map(|r| format!("k{r}")).collect();
    let mut rng = sdp_kit::rng::seeded(seed);
    let length = shape.length as usize;
    let every = shape.scan.max(2) as usize;
    let mut cold = 0u32;
    let mut run = 0;
    while a.keys.len() < length {
        if shape.source == Source::Scan && run == every {
            run = 0;
            for _ in 0..(every / 2).min(length - a.keys.len()) {
                cold += 1;
                a.names.push(format!("s{cold}"));
                a.keys.push((a.names.len() - 1) as u32);
            }
            continue;
        }
        run += 1;
        let u = rng.random::<f64>() * total;
        a.keys
            .push(cdf.partition_point(|&c| c <= u).min(n - 1) as u32);
    }
}
