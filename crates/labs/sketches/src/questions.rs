//! Predict-then-run questions, answered from the trace: how a count-min estimate compares
//! with the true count, whether the reducer's merged top-K is the exact one, and whether a
//! rising hashtag makes the published trending list when its window closes.

use crate::trace::{CmsState, CmsStep, DistState, DistStep, TrendState};
use crate::{Action, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{Scenario, Trace};
use sdp_kit::quiz::Question;

/// Most count-min queries asked about in one trace.
const MAX_CMS: usize = 2;

/// The questions on `trace`: the first count-min point queries, the distributed merge
/// against the exact top-K, and each trending window close that could publish a newcomer.
pub fn questions(_scenario: &Scenario<Params, Action>, trace: &Trace<State>) -> Vec<Question> {
    let mut out = Vec::new();
    let mut cms = 0;
    for (k, pair) in trace.steps.windows(2).enumerate() {
        let step = k + 1;
        let q = match (&pair[0].state, &pair[1].state) {
            (State::Cms(_), State::Cms(now)) if cms < MAX_CMS => {
                let q = cms_question(step, now);
                cms += usize::from(q.is_some());
                q
            }
            (State::Distributed(before), State::Distributed(now)) => {
                merge_question(step, before, now)
            }
            (State::Trending(before), State::Trending(now)) => trend_question(step, before, now),
            _ => None,
        };
        out.extend(q);
    }
    out
}

/// "How does the estimate compare with the true count?"
fn cms_question(step: usize, now: &CmsState) -> Option<Question> {
    let CmsStep::Query { item, cells } = &now.step else {
        return None;
    };
    let w = &now.world;
    let name = w.names.get(*item as usize)?;
    let exact = *w.exact.get(*item as usize)?;
    let estimate = cells.iter().map(|c| c.2).min()?;
    let (below, equal, above) = (
        format!("Below {}", group(exact)),
        format!("Exactly {}", group(exact)),
        format!("Above {}", group(exact)),
    );
    let answer = match estimate.cmp(&exact) {
        std::cmp::Ordering::Less => 0,
        std::cmp::Ordering::Equal => 1,
        std::cmp::Ordering::Greater => 2,
    };
    Some(Question::pick(
        step,
        format!(
            "{name} was seen {} times. The sketch answers with the minimum of its {} cells, one per row. How does that estimate compare with the true count?",
            group(exact),
            cells.len()
        ),
        &[&below, &equal, &above],
        answer,
        format!(
            "Every cell of {name} counted all its {} occurrences, plus whatever else hashed there: the minimum is {}, {}. A count-min estimate is never below the truth.",
            group(exact),
            group(estimate),
            if estimate == exact {
                "no other item collided with it in every row".to_string()
            } else {
                format!("{} over, within the bound ε·N", group(estimate - exact))
            }
        ),
    ))
}

fn names(w: &crate::trace::DistWorld, entries: &[crate::topk::Entry]) -> String {
    entries
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                w.names.get(e.item as usize).map_or("?", String::as_str),
                e.count
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Is the reducer's answer the exact global top K?"
fn merge_question(step: usize, before: &DistState, now: &DistState) -> Option<Question> {
    if before.step != DistStep::Reduce || now.step != DistStep::Compare {
        return None;
    }
    let w = &now.world;
    let m = &w.merged;
    let items = |e: &[crate::topk::Entry]| e.iter().map(|x| x.item).collect::<Vec<_>>();
    let same = items(&m.reduced) == items(&m.exact);
    let k = w.params.k;
    Some(Question::yes_no(
        step,
        format!(
            "The reducer summed the partitions' local top-{k} lists and reports {}. Is that the exact global top {k}?",
            names(w, &m.reduced)
        ),
        same,
        format!(
            "Summing every partition's full counts gives {}{}",
            names(w, &m.exact),
            if same {
                ": the local lists held every item that matters here.".to_string()
            } else {
                ": an item below every local cut never reaches the reducer, however large its total.".to_string()
            }
        ),
    ))
}

/// "Will this hashtag be in the published ranking when the window closes?"
fn trend_question(step: usize, before: &TrendState, now: &TrendState) -> Option<Question> {
    if !now.closed {
        return None;
    }
    let w = &now.world;
    let shown: Vec<u32> = before
        .visible
        .and_then(|v| w.published.get(v))
        .map(|r| r.iter().map(|e| e.item).collect())
        .unwrap_or_default();
    // A hashtag leading the open window that readers do not see yet.
    let &(item, exact, _) = before.open.iter().find(|(i, _, _)| !shown.contains(i))?;
    let name = w.names.get(item as usize)?;
    let published = now.visible.and_then(|v| w.published.get(v))?;
    let made_it = published.iter().any(|e| e.item == item);
    let k = w.params.k;
    Some(Question::yes_no(
        step,
        format!(
            "Minute {}: the window closes. {name} is in the open window's top {k} ({} so far) but not in the list readers see. Will it be in the list published now?",
            now.minute,
            group(exact)
        ),
        made_it,
        format!(
            "The window's top {k} by sketch estimate is published at the close: {}{}",
            published
                .iter()
                .map(|e| w.names.get(e.item as usize).map_or("?", String::as_str))
                .collect::<Vec<_>>()
                .join(", "),
            if made_it {
                format!(". Readers only see {name} now, a window after it started rising.")
            } else {
                format!(", without {name}.")
            }
        ),
    ))
}
