//! Predict-then-run questions on the eviction trace, answered from the trace: which key LRU
//! evicts when a missing key arrives at a full cache, and which of two policies holds the next
//! key where they disagree.

use crate::State;
use crate::policy::Policy;
use crate::trace::{EvictPhase, EvictState, Lane};
use sdp_kit::lab::Trace;
use sdp_kit::quiz::Question;

fn lane(e: &EvictState, policy: Policy) -> Option<&Lane> {
    e.lanes.iter().find(|l| l.policy == policy)
}

fn name(e: &EvictState, key: u32) -> String {
    e.world
        .names
        .get(key as usize)
        .cloned()
        .unwrap_or_else(|| format!("k{key}"))
}

/// The step's eviction state with its accessed key, if it shows one access.
fn access(state: &State) -> Option<(&EvictState, u32)> {
    match state {
        State::Eviction(e) if e.phase == EvictPhase::Access => Some((e, e.key?)),
        _ => None,
    }
}

/// "Which key does `policy` evict?" on the first miss at a full cache after step `after`
/// whose victim was on screen.
fn victim(trace: &Trace<State>, policy: Policy, after: usize) -> Option<Question> {
    (after.max(1)..trace.len()).find_map(|k| {
        let State::Eviction(before) = &trace.steps[k - 1].state else {
            return None;
        };
        let (now, key) = access(&trace.steps[k].state)?;
        let victim = lane(now, policy)?.evicted?;
        let shown = &lane(before, policy)?.entries;
        let evicted = shown.iter().find(|e| e.key == victim)?;
        if shown.len() < 2 {
            return None;
        }
        // The victim and up to two more resident keys, in key-name order.
        let mut choices: Vec<String> = shown
            .iter()
            .map(|e| e.key)
            .filter(|&k| k != victim)
            .rev()
            .take(2)
            .chain([victim])
            .map(|k| name(now, k))
            .collect();
        choices.sort();
        let right = name(now, victim);
        let refs: Vec<&str> = choices.iter().map(String::as_str).collect();
        let (label, why) = match policy {
            Policy::Lfu => {
                let tied = shown.iter().filter(|e| e.tag == evicted.tag).count();
                let why = if tied > 1 {
                    format!(
                        "{right}: LFU evicts the least frequently used key, and {tied} keys were used {} times each; the tie goes to the one that has been at that count longest.",
                        evicted.tag
                    )
                } else {
                    format!("{right}: it was used the fewest times ({}); LFU evicts by frequency.", evicted.tag)
                };
                ("LFU", why)
            }
            _ => (
                "LRU",
                format!("{right}: of the keys LRU holds, it is the one used least recently (the head of LRU's list). Recency is all LRU looks at."),
            ),
        };
        Some(Question::pick(
            k,
            format!(
                "Key {} is requested next; {label}'s cache is full and does not hold it. Which key does {label} evict?",
                name(now, key)
            ),
            &refs,
            choices.iter().position(|c| *c == right).unwrap_or(0),
            why,
        ))
    })
}

/// What a policy keeps, for the explanations.
fn keeps(policy: Policy) -> &'static str {
    match policy {
        Policy::Lru => "the keys used most recently",
        Policy::Lfu => "the keys used most often",
        Policy::Fifo => "the keys that arrived last, however often they are used",
        Policy::Random => "whatever its random evictions left",
        Policy::Belady => "the keys needed soonest",
    }
}

/// "Which of A and B has key K?" on the first access where two of LRU, LFU and FIFO disagree.
fn pair_disagrees(trace: &Trace<State>, not_at: Option<usize>) -> Option<Question> {
    const PAIRS: [(Policy, Policy, &str, &str); 3] = [
        (Policy::Lru, Policy::Lfu, "LRU", "LFU"),
        (Policy::Lru, Policy::Fifo, "LRU", "FIFO"),
        (Policy::Lfu, Policy::Fifo, "LFU", "FIFO"),
    ];
    (1..trace.len())
        .filter(|&k| not_at.is_none_or(|s| s != k && s + 1 != k && k + 1 != s))
        .find_map(|k| {
            let (now, key) = access(&trace.steps[k].state)?;
            PAIRS.iter().find_map(|&(a, b, an, bn)| {
                let (ha, hb) = (lane(now, a)?.hit?, lane(now, b)?.hit?);
                if ha == hb {
                    return None;
                }
                let choices = [
                    "Both".to_string(),
                    format!("Only {an}"),
                    format!("Only {bn}"),
                    "Neither".to_string(),
                ];
                let (answer, has, lacks, has_p, lacks_p) = if ha {
                    (1, an, bn, a, b)
                } else {
                    (2, bn, an, b, a)
                };
                let refs: Vec<&str> = choices.iter().map(String::as_str).collect();
                Some(Question::pick(
                    k,
                    format!("Key {} is requested next. Which of {an} and {bn} has it?", name(now, key)),
                    &refs,
                    answer,
                    format!(
                        "Only {has}: {has} keeps {}, {lacks} keeps {}, and on this trace that is where they part.",
                        keeps(has_p),
                        keeps(lacks_p)
                    ),
                ))
            })
        })
}

/// The lab's questions on `trace` (eviction mode; none elsewhere): LRU's victim, then LFU's
/// (its tie-break) on a later access, or else two policies that disagree about a hit.
pub fn questions(trace: &Trace<State>) -> Vec<Question> {
    let Some(first) = victim(trace, Policy::Lru, 1) else {
        return pair_disagrees(trace, None).into_iter().collect();
    };
    let second = victim(trace, Policy::Lfu, first.step + 2)
        .or_else(|| pair_disagrees(trace, Some(first.step)));
    std::iter::once(first).chain(second).collect()
}
