//! Feed ranking (M7.3): the document's weighted score and the two-stage funnel.
//!
//! Stage 1 (retrieval) takes the newest candidates from the feed (the cache plus pulled posts);
//! stage 2 scores each with `Final = 0.4·P(like) + 0.3·P(comment) + 0.2·P(share) + 0.2·P(save)
//! − 1.0·P(hide)` and keeps the best page. The per-post probabilities stand in for the model's
//! heads: they are seeded, and post 0 carries the document's example.
//!
//! ```
//! use sdp_lab_fan_out::ranking::{DOCUMENT_EXAMPLE, DOCUMENT_WEIGHTS, score};
//! let s = score(&DOCUMENT_WEIGHTS, &DOCUMENT_EXAMPLE);
//! assert!((s - 0.067).abs() < 1e-12); // the document says 0.068
//! ```

use sdp_kit::rng::seeded;
use serde::{Deserialize, Serialize};

/// The five head weights `w1 … w5` (`w5` is subtracted).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// w1, on P(like).
    pub like: f64,
    /// w2, on P(comment).
    pub comment: f64,
    /// w3, on P(share).
    pub share: f64,
    /// w4, on P(save).
    pub save: f64,
    /// w5, subtracted, on P(hide).
    pub hide: f64,
}

/// The document's weights (F0 Q5 l.716): 0.4, 0.3, 0.2, 0.2, 1.0.
pub const DOCUMENT_WEIGHTS: Weights = Weights {
    like: 0.4,
    comment: 0.3,
    share: 0.2,
    save: 0.2,
    hide: 1.0,
};

/// Predicted engagement probabilities of one post for one reader (the five model heads).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Engagement {
    /// P(like).
    pub like: f64,
    /// P(comment).
    pub comment: f64,
    /// P(share).
    pub share: f64,
    /// P(save).
    pub save: f64,
    /// P(hide).
    pub hide: f64,
}

/// The document's example heads (F0 Q5 l.713): 0.12, 0.03, 0.01, 0.05, 0.002.
pub const DOCUMENT_EXAMPLE: Engagement = Engagement {
    like: 0.12,
    comment: 0.03,
    share: 0.01,
    save: 0.05,
    hide: 0.002,
};

/// The score the document states for its example (F0 Q5 l.717); the terms sum to 0.067.
pub const DOCUMENT_STATED_SCORE: f64 = 0.068;

/// Candidates kept by stage 1 in the document ("1000s → 500").
pub const DOCUMENT_CANDIDATES: u32 = 500;

/// Posts returned by stage 2 in the document ("500 → 50").
pub const DOCUMENT_PAGE: u32 = 50;

/// The five weighted terms, in the formula's order; the last is negative (`−w5·P(hide)`).
///
/// ```
/// let t = sdp_lab_fan_out::ranking::score_terms(
///     &sdp_lab_fan_out::ranking::DOCUMENT_WEIGHTS,
///     &sdp_lab_fan_out::ranking::DOCUMENT_EXAMPLE,
/// );
/// let rounded: Vec<f64> = t.iter().map(|x| (x * 1000.0).round() / 1000.0).collect();
/// assert_eq!(rounded, vec![0.048, 0.009, 0.002, 0.01, -0.002]);
/// ```
pub fn score_terms(w: &Weights, e: &Engagement) -> [f64; 5] {
    [
        w.like * e.like,
        w.comment * e.comment,
        w.share * e.share,
        w.save * e.save,
        -(w.hide * e.hide),
    ]
}

/// The final score: the terms summed left to right.
pub fn score(w: &Weights, e: &Engagement) -> f64 {
    score_terms(w, e).iter().sum()
}

/// The seeded engagement of post `post` (the same for every strategy); post 0 is the
/// document's example. Ranges: like < 0.2, comment < 0.05, share < 0.02, save < 0.08,
/// hide < 0.01.
pub fn engagement_of(seed: u64, post: u32) -> Engagement {
    use rand::RngExt;
    if post == 0 {
        return DOCUMENT_EXAMPLE;
    }
    let salt = u64::from(post).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut r = seeded(seed ^ salt ^ 0x5EED_F00D);
    Engagement {
        like: r.random::<f64>() * 0.2,
        comment: r.random::<f64>() * 0.05,
        share: r.random::<f64>() * 0.02,
        save: r.random::<f64>() * 0.08,
        hide: r.random::<f64>() * 0.01,
    }
}

/// One scored candidate.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// Post id.
    pub post: u32,
    /// Position in the chronological candidate list (0 = newest), to draw the re-sort.
    pub chrono_rank: u32,
    /// The five weighted terms (draw as a split bar; the last is negative).
    pub terms: [f64; 5],
    /// Their sum.
    pub score: f64,
}

/// Stage 2: scores `candidates` (newest first) and returns the best `page`, by score
/// descending, then newest first.
///
/// ```
/// let ranked = sdp_lab_fan_out::ranking::rank(&[0, 7, 3], 2, 1);
/// assert_eq!(ranked.len(), 2);
/// assert!(ranked[0].score >= ranked[1].score);
/// ```
pub fn rank(candidates: &[u32], page: usize, seed: u64) -> Vec<Scored> {
    let mut scored: Vec<Scored> = candidates
        .iter()
        .enumerate()
        .map(|(i, &post)| {
            let terms = score_terms(&DOCUMENT_WEIGHTS, &engagement_of(seed, post));
            Scored {
                post,
                chrono_rank: i as u32,
                terms,
                score: terms.iter().sum(),
            }
        })
        .collect();
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.post.cmp(&a.post)));
    scored.truncate(page);
    scored
}
