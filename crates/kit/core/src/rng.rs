//! The one source of randomness in the core: a generator seeded by the scenario.

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

/// The generator type every lab uses for its workloads.
pub type LabRng = Pcg64Mcg;

/// A generator seeded from the scenario seed; the same seed gives the same sequence on every
/// platform, natively and in WebAssembly.
///
/// ```
/// use rand::RngExt;
/// let mut a = sdp_kit::rng::seeded(7);
/// let mut b = sdp_kit::rng::seeded(7);
/// assert_eq!(a.random::<u64>(), b.random::<u64>());
/// ```
pub fn seeded(seed: u64) -> LabRng {
    Pcg64Mcg::seed_from_u64(seed)
}
