//! Windowed trending (catalogue M6.9; F4 §1, §23): events are counted in 5-minute tumbling
//! windows (a count-min sketch per window, as F4's pipeline, beside exact counts); when a window
//! closes its top-K is published (F4: to a Redis sorted set), and readers see the last published
//! list until the next close.

use crate::stream::zipf;
use rand::RngExt;

/// F4's window: 5 minutes.
pub const WINDOW_MINUTES: u32 = 5;

/// One minute of events: item indexes.
pub type Minute = Vec<u32>;

/// `minutes` minutes of `per_minute` events each over the Zipf items `#i1 … #iN`, plus a rising
/// item `#launch` that first appears in the second window and doubles each window.
pub fn events(
    minutes: u32,
    per_minute: u32,
    distinct: u32,
    skew: f64,
    seed: u64,
) -> (Vec<String>, Vec<Minute>) {
    let base = zipf(distinct, minutes * per_minute, skew, seed);
    let mut names: Vec<String> = base.names.iter().map(|n| format!("#{n}")).collect();
    names.push("#launch".into());
    let launch = (names.len() - 1) as u32;
    let mut rng = sdp_kit::rng::seeded(seed ^ 0x7e4d);
    let out = (0..minutes)
        .map(|m| {
            let mut minute: Minute =
                base.items[(m * per_minute) as usize..((m + 1) * per_minute) as usize].to_vec();
            let window = m / WINDOW_MINUTES;
            if window >= 1 {
                let share = (1u64 << (window - 1).min(6)) * u64::from(per_minute) / 40;
                for _ in 0..share.min(u64::from(per_minute)) {
                    let at = rng.random_range(0..minute.len());
                    minute[at] = launch;
                }
            }
            minute
        })
        .collect();
    (names, out)
}
