//! The seeded workload: posts and feed reads, one per tick, in a random interleaving.
//!
//! Authors are drawn uniformly from all users (so a celebrity posts as often as anyone; the
//! learner makes celebrities post with actions), readers uniformly from the active users.
//!
//! ```
//! use sdp_lab_fan_out::graph::{Graph, GraphSpec};
//! use sdp_lab_fan_out::sim::Event;
//! let mut rng = sdp_kit::rng::seeded(1);
//! let spec = GraphSpec { users: 100, follows: 500, skew: 1.0, inactive: 0.5 };
//! let g = Graph::generate(&spec, &mut rng);
//! let w = sdp_lab_fan_out::workload::generate(&g, 10, 20, &mut rng);
//! assert_eq!(w.iter().filter(|e| matches!(e, Event::Post(_))).count(), 10);
//! assert!(w.iter().all(|e| match e {
//!     Event::Read(u) => g.is_active(*u),
//!     Event::Post(_) => true,
//! }));
//! ```

use crate::graph::Graph;
use crate::sim::Event;
use rand::RngExt;
use sdp_kit::rng::LabRng;

/// `posts` posts and `reads` reads in a uniformly random order. With no users there are no
/// events; with no active users there are no reads.
pub fn generate(g: &Graph, posts: u32, reads: u32, rng: &mut LabRng) -> Vec<Event> {
    let users = g.users();
    if users == 0 {
        return Vec::new();
    }
    let readers = g.active_users();
    let reads = if readers.is_empty() { 0 } else { reads };
    let (mut p, mut r) = (posts, reads);
    let mut events = Vec::with_capacity((posts + reads) as usize);
    while p + r > 0 {
        if rng.random_range(0..p + r) < p {
            p -= 1;
            events.push(Event::Post(rng.random_range(0..users)));
        } else {
            r -= 1;
            let i = rng.random_range(0..readers.len());
            events.push(Event::Read(readers[i]));
        }
    }
    events
}
