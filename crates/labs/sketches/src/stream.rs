//! The item streams: seeded Zipf streams (rank r drawn with probability ∝ 1 / r^skew), and the
//! catalogue's worked examples typed out.

use rand::RngExt;
use sdp_kit::detmath;

/// A stream: item names, and the sequence of item indexes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stream {
    /// Distinct items, by index.
    pub names: Vec<String>,
    /// The stream, as indexes into `names`.
    pub items: Vec<u32>,
}

impl Stream {
    /// A stream of the typed names, in order (`"a a b c"`).
    ///
    /// ```
    /// let s = sdp_lab_sketches::stream::Stream::typed(&["a", "a", "b"]);
    /// assert_eq!((s.names.len(), s.items.clone()), (2, vec![0, 0, 1]));
    /// ```
    pub fn typed(words: &[&str]) -> Stream {
        let mut s = Stream::default();
        for w in words {
            s.push(w, 1);
        }
        s
    }

    /// Appends `count` copies of `name`.
    pub fn push(&mut self, name: &str, count: u32) {
        let id = if let Some(i) = self.names.iter().position(|n| n == name) {
            i
        } else {
            self.names.push(name.to_string());
            self.names.len() - 1
        };
        self.items
            .extend(std::iter::repeat_n(id as u32, count as usize));
    }

    /// The name of item `id`.
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    /// Exact counts per item index.
    pub fn counts(&self) -> Vec<u64> {
        let mut c = vec![0u64; self.names.len()];
        for &i in &self.items {
            c[i as usize] += 1;
        }
        c
    }
}

/// `length` items drawn from `distinct` items named `i1`, `i2`, … with P(rank r) ∝ 1 / r^skew,
/// seeded. Bit-identical natively and in WebAssembly (the powers come from `sdp_kit::detmath`).
///
/// ```
/// let s = sdp_lab_sketches::stream::zipf(100, 5000, 1.2, 7);
/// let c = s.counts();
/// assert!(c[0] > c[1] && c[1] > c[9]);
/// assert_eq!(s.items.len(), 5000);
/// ```
pub fn zipf(distinct: u32, length: u32, skew: f64, seed: u64) -> Stream {
    let n = distinct.max(1) as usize;
    let mut cdf = Vec::with_capacity(n);
    let mut total = 0.0;
    for r in 1..=n {
        total += 1.0 / detmath::pow(r as f64, skew);
        cdf.push(total);
    }
    let mut rng = sdp_kit::rng::seeded(seed);
    let items = (0..length)
        .map(|_| {
            let u = rng.random::<f64>() * total;
            cdf.partition_point(|&c| c <= u).min(n - 1) as u32
        })
        .collect();
    Stream {
        names: (1..=n).map(|r| format!("i{r}")).collect(),
        items,
    }
}
