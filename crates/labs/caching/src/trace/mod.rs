//! The caching trace builders, one per mode, and the shared metric text.

mod cdn;
mod eviction;
mod hotkeys;
mod multilevel;
mod negative;
mod stampede;
mod strategies;
mod ttl;

pub use cdn::{CDN_BATCHES, CdnState, CdnWorld, TierCounts};
pub use eviction::{EvictPhase, EvictState, EvictWorld, Lane, SweepPoint, sweep_capacities};
pub use hotkeys::{HOT_BATCHES, HotState, HotWorld};
pub use multilevel::{Counts, MultiState, MultiWorld};
pub use negative::{BIT_BINS, NEG_BATCHES, NegCounts, NegState, NegWorld, PROBES, Shown, pct2};
pub use stampede::{Bin, StampedeState, StampedeWorld};
pub use strategies::{Snapshot, StrategyState, StrategyWorld, Summary};
pub use ttl::{TtlState, TtlWorld};

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Metric, Scenario, Trace};

/// Latency of a cache hit in the eviction and metrics figures, ms (F4 §16's flow: 2 ms).
pub const HIT_MS: f64 = 2.0;
/// Latency of a miss: the cache, then the database, ms (F4 §16: 50 ms).
pub const MISS_MS: f64 = 52.0;

/// The trace of a valid scenario of a mode whose group (`modes-main`, `modes-tiers`) is
/// compiled in; both are by default.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        #[cfg(feature = "modes-main")]
        Mode::Eviction => eviction::build(s),
        #[cfg(feature = "modes-main")]
        Mode::Strategies => strategies::build(s),
        #[cfg(feature = "modes-main")]
        Mode::Ttl => ttl::build(s),
        #[cfg(feature = "modes-main")]
        Mode::Stampede => stampede::build(s),
        #[cfg(feature = "modes-tiers")]
        Mode::MultiLevel => multilevel::build(s),
        #[cfg(feature = "modes-tiers")]
        Mode::HotKeys => hotkeys::build(s),
        #[cfg(feature = "modes-tiers")]
        Mode::Cdn => cdn::build(s),
        #[cfg(feature = "modes-tiers")]
        Mode::Negative => negative::build(s),
        // Built without this mode's group (a bundle that does not draw it): no steps.
        #[allow(unreachable_patterns)]
        _ => Trace { steps: Vec::new() },
    }
}

/// A share as a percentage with one decimal.
pub fn pct(x: f64) -> String {
    format!("{:.1} %", x * 100.0)
}

/// The `q`-quantile (nearest rank) of `n` requests of which `fast` took `fast_ms` and the rest
/// `slow_ms`.
///
/// ```
/// assert_eq!(sdp_lab_caching::trace::two_level_quantile(0.5, 80, 100, 2.0, 52.0), 2.0);
/// assert_eq!(sdp_lab_caching::trace::two_level_quantile(0.99, 80, 100, 2.0, 52.0), 52.0);
/// ```
pub fn two_level_quantile(q: f64, fast: u64, n: u64, fast_ms: f64, slow_ms: f64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let rank = (q * n as f64).ceil().max(1.0) as u64;
    if rank <= fast { fast_ms } else { slow_ms }
}

/// The `q`-quantile (nearest rank) of sorted values (0 when empty).
pub fn quantile(sorted: &[u64], q: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (q * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

/// M8.12's hit and miss rate metrics for `hits` of `total`.
pub fn rate_metrics(hits: u64, total: u64) -> Vec<Metric> {
    let rate = if total == 0 {
        0.0
    } else {
        hits as f64 / total as f64
    };
    let miss = if total == 0 { 0.0 } else { 1.0 - rate };
    vec![
        Metric::new(
            "hit rate",
            rate,
            format!("{} ({hits} of {total}; target > 80 %)", pct(rate)),
        ),
        Metric::new("miss rate", miss, pct(miss)),
    ]
}
