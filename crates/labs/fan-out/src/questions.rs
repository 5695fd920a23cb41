//! Predict-then-run questions, answered from the trace: what the narrated strategy does with
//! a celebrity's post, whether a read misses posts still in the fan-out queue, how many
//! messages a reconnecting chat member receives, and what one group message costs to store.

use crate::chat::{ChatFocus, ChatOutcome, ChatState};
use crate::sim::Strategy;
use crate::state::{FeedFocus, FeedState, Route};
use crate::{Action, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{Scenario, Trace};
use sdp_kit::quiz::Question;

/// Most questions of one kind in a trace.
const MAX_PER_KIND: usize = 3;

/// The questions on `trace`: the first celebrity post, reads while the fan-out queue is
/// not empty, the first message's storage and members reconnecting (a few of each).
pub fn questions(_scenario: &Scenario<Params, Action>, trace: &Trace<State>) -> Vec<Question> {
    let mut out = Vec::new();
    let (mut celebrity, mut reads, mut stored, mut reconnects) = (0, 0, 0, 0);
    for (k, pair) in trace.steps.windows(2).enumerate() {
        let step = k + 1;
        let q = match (&pair[0].state, &pair[1].state) {
            (State::Feed(before), State::Feed(now)) => match &now.focus {
                FeedFocus::Post(p) if p.celebrity && celebrity < 1 => {
                    celebrity += 1;
                    Some(post_question(step, now, p))
                }
                FeedFocus::Read(_) if reads < MAX_PER_KIND && before.queue.pending_writes > 0 => {
                    let q = read_question(step, before, now);
                    reads += usize::from(q.is_some());
                    q
                }
                _ => None,
            },
            (State::Chat(before), State::Chat(now)) => match now.focus {
                ChatFocus::Event(ChatOutcome::Sent { message, .. }) if stored < 1 => {
                    let q = storage_question(step, before, now, message);
                    stored += usize::from(q.is_some());
                    q
                }
                ChatFocus::Event(ChatOutcome::Reconnected { member, delivered })
                    if reconnects < MAX_PER_KIND =>
                {
                    reconnects += 1;
                    Some(reconnect_question(step, member, delivered))
                }
                _ => None,
            },
            _ => None,
        };
        out.extend(q);
    }
    out
}

/// "What does the strategy do with this celebrity's post?"
fn post_question(step: usize, now: &FeedState, p: &crate::state::PostView) -> Question {
    let strategy = now.world.strategy;
    let per_follower = format!(
        "Queue a fan-out job: one feed write per follower ({})",
        group(u64::from(p.followers))
    );
    let choices = [
        per_follower.as_str(),
        "Store it once with the author's posts; followers pull it when they read",
        "Nothing to write: the author has no followers",
    ];
    let answer = match p.route {
        Route::Queued { .. } => 0,
        Route::StoredForPull | Route::CelebrityPull => 1,
        Route::NoFollowers => 2,
    };
    let why = match (p.route, strategy) {
        (Route::Queued { writes, backlog }, _) => format!(
            "{} writes every post into every follower's feed cache, celebrity or not: {} writes join the queue (backlog {}), {} of them into inactive users' feeds.",
            strategy.as_str(),
            group(u64::from(writes)),
            group(backlog),
            group(u64::from(p.inactive_followers))
        ),
        (Route::CelebrityPull, _) => format!(
            "hybrid does not fan out authors with {} or more followers: their posts are merged when a follower reads.",
            group(u64::from(now.world.threshold))
        ),
        (Route::StoredForPull, _) => {
            "pull never writes into feeds: every read merges the posts of everyone followed."
                .to_string()
        }
        (Route::NoFollowers, _) => "nobody follows the author.".to_string(),
    };
    Question::pick(
        step,
        format!(
            "Celebrity user {} ({} followers) posts next. What does {} do with the post?",
            p.author,
            group(u64::from(p.followers)),
            strategy.as_str()
        ),
        &choices,
        answer,
        capital(&why),
    )
}

/// `s` with its first letter in upper case.
fn capital(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Will this read miss posts that are still waiting in the fan-out queue?"
fn read_question(step: usize, before: &FeedState, now: &FeedState) -> Option<Question> {
    let FeedFocus::Read(r) = &now.focus else {
        return None;
    };
    if now.world.strategy == Strategy::Pull {
        return None;
    }
    let missing = r.missing;
    Some(Question::yes_no(
        step,
        format!(
            "User {} loads their feed next, while {} feed writes wait in the fan-out queue. Will the page lack posts that a pull read would show?",
            r.user,
            group(before.queue.pending_writes)
        ),
        missing > 0,
        if missing > 0 {
            format!(
                "{} newer post{} still waiting in the queue: the workers have not reached user {}'s feed yet, so the page is stale until they do.",
                group(u64::from(missing)),
                if missing == 1 { " is" } else { "s are" },
                r.user
            )
        } else {
            format!(
                "The queued writes are for other feeds (or already done for user {}): the page matches a pull read.",
                r.user
            )
        },
    ))
}

/// "How many bytes do references store for this message?"
fn storage_question(
    step: usize,
    before: &ChatState,
    now: &ChatState,
    message: u32,
) -> Option<Question> {
    let w = &now.world;
    let refs = now
        .storage
        .refs_bytes
        .checked_sub(before.storage.refs_bytes)?;
    let copies = now
        .storage
        .copies_bytes
        .checked_sub(before.storage.copies_bytes)?;
    let (n, msg, r) = (
        u64::from(w.members),
        u64::from(w.msg_bytes),
        u64::from(w.ref_bytes),
    );
    let mut values = vec![refs, copies, msg, n * r];
    values.sort_unstable();
    values.dedup();
    if values.len() < 2 {
        return None;
    }
    let answer = values.iter().position(|&v| v == refs)?;
    let labels: Vec<String> = values.iter().map(|v| format!("{} B", group(*v))).collect();
    let choices: Vec<&str> = labels.iter().map(String::as_str).collect();
    Some(Question::pick(
        step,
        format!(
            "m{message} is sent to the group of {n} ({} B a message, {} B a reference). How many bytes does the reference design store for it?",
            group(msg),
            group(r)
        ),
        &choices,
        answer,
        format!(
            "The message is stored once ({} B) plus one {} B reference per member: {} B, against {} B for {n} full copies.",
            group(msg),
            group(r),
            group(refs),
            group(copies)
        ),
    ))
}

/// "How many pending messages does this member receive on reconnecting?"
fn reconnect_question(step: usize, member: u32, delivered: u32) -> Question {
    Question::number(
        step,
        format!("Member {member} reconnects next. How many pending messages does it receive?"),
        u64::from(delivered),
        1,
        format!(
            "Every message sent while member {member} was offline left a delivery entry for it: {delivered} pending, all delivered now."
        ),
    )
}
