//! Validation and the dispatch to the feed or chat trace builder.

use crate::lab::{
    Action, BATCH_RANGE, CACHE_RANGE, GROUP_RANGE, MAX_ACTIONS, MAX_DETAILED, MAX_FOLLOWS,
    MAX_MEAN_FOLLOWING, MAX_MESSAGES, MAX_POSTS, MAX_READS, MAX_THRESHOLD, MAX_USERS, MAX_WAIT,
    MIN_USERS, MSG_BYTES_RANGE, Mode, PAGE_RANGE, Params, REF_BYTES_RANGE, SKEW_RANGE,
    WORKERS_RANGE, max_follows,
};
use crate::state::State;
use crate::{chat_trace, feed_trace};
use sdp_core::fmt::group;
use sdp_core::lab::{ParamError, Scenario, Trace};

fn int_range(errors: &mut Vec<ParamError>, field: &str, v: u32, (lo, hi): (u32, u32)) {
    if !(lo..=hi).contains(&v) {
        errors.push(ParamError::range(
            field,
            group(lo.into()),
            group(hi.into()),
            &v.to_string(),
        ));
    }
}

fn share(errors: &mut Vec<ParamError>, field: &str, v: f64, (lo, hi): (f64, f64)) {
    if !(lo..=hi).contains(&v) {
        errors.push(ParamError::range(field, lo, hi, &v.to_string()));
    }
}

/// The error for more follows than `users` allow, if any.
pub(crate) fn follows_error(users: u32, follows: u32) -> Option<ParamError> {
    let most = max_follows(users);
    (follows > most).then(|| {
        ParamError::new(
            "follows",
            format!(
                "must be at most {} for {} users (no self-follows, at most {MAX_MEAN_FOLLOWING} per user on average; got {})",
                group(most.into()),
                group(users.into()),
                group(follows.into())
            ),
        )
    })
}

/// The parameter errors alone.
pub(crate) fn validate_params(p: &Params) -> Vec<ParamError> {
    let mut e = Vec::new();
    int_range(&mut e, "users", p.users, (MIN_USERS, MAX_USERS));
    int_range(&mut e, "follows", p.follows, (0, MAX_FOLLOWS));
    if (MIN_USERS..=MAX_USERS).contains(&p.users) && p.follows <= MAX_FOLLOWS {
        if let Some(err) = follows_error(p.users, p.follows) {
            e.push(err);
        }
    }
    share(&mut e, "skew", p.skew, SKEW_RANGE);
    share(&mut e, "inactive", p.inactive, (0.0, 1.0));
    int_range(&mut e, "posts", p.posts, (0, MAX_POSTS));
    int_range(&mut e, "reads", p.reads, (0, MAX_READS));
    int_range(&mut e, "detailed", p.detailed, (0, MAX_DETAILED));
    if !(0..=MAX_THRESHOLD).contains(&p.threshold) {
        e.push(ParamError::range(
            "threshold",
            0,
            group(MAX_THRESHOLD as u64),
            &p.threshold.to_string(),
        ));
    }
    int_range(&mut e, "workers", p.workers, WORKERS_RANGE);
    int_range(&mut e, "batch", p.batch, BATCH_RANGE);
    int_range(&mut e, "cache", p.cache, CACHE_RANGE);
    int_range(&mut e, "page", p.page, PAGE_RANGE);
    let page_ok = (PAGE_RANGE.0..=PAGE_RANGE.1).contains(&p.page);
    let cache_ok = (CACHE_RANGE.0..=CACHE_RANGE.1).contains(&p.cache);
    if page_ok && cache_ok && p.page > p.cache {
        e.push(ParamError::new(
            "page",
            format!("must be at most the cache cap {} (got {})", p.cache, p.page),
        ));
    }
    int_range(&mut e, "group", p.group, GROUP_RANGE);
    int_range(&mut e, "messages", p.messages, (0, MAX_MESSAGES));
    share(&mut e, "online", p.online, (0.0, 1.0));
    int_range(&mut e, "msg_bytes", p.msg_bytes, MSG_BYTES_RANGE);
    int_range(&mut e, "ref_bytes", p.ref_bytes, REF_BYTES_RANGE);
    e
}

/// Checks one action against the (valid) parameters.
pub(crate) fn check_action(p: &Params, field: &str, a: &Action) -> Result<(), ParamError> {
    let who = |id: u32, n: u32, what: &str| {
        if id < n {
            Ok(())
        } else {
            Err(ParamError::new(
                field,
                format!("{what} {id} does not exist (0 … {})", n.saturating_sub(1)),
            ))
        }
    };
    match (p.mode, a) {
        (Mode::Feed, Action::Post(u) | Action::Read(u)) => who(*u, p.users, "user"),
        (Mode::Feed, Action::Wait(n)) => {
            if (1..=MAX_WAIT).contains(n) {
                Ok(())
            } else {
                Err(ParamError::range(
                    field,
                    1,
                    group(MAX_WAIT.into()),
                    &n.to_string(),
                ))
            }
        }
        (Mode::Chat, Action::Send(m) | Action::Disconnect(m) | Action::Reconnect(m)) => {
            who(*m, p.group, "member")
        }
        (Mode::Feed, _) => Err(ParamError::new(field, "a chat action in feed mode")),
        (Mode::Chat, _) => Err(ParamError::new(field, "a feed action in chat mode")),
    }
}

pub(crate) fn validate(s: &Scenario<Params, Action>) -> Vec<ParamError> {
    let mut errors = validate_params(&s.params);
    if s.actions.len() > MAX_ACTIONS {
        errors.push(ParamError::new(
            "actions",
            format!("at most {MAX_ACTIONS} actions (got {})", s.actions.len()),
        ));
    }
    for (i, a) in s.actions.iter().enumerate() {
        if let Err(e) = check_action(&s.params, &format!("actions[{i}]"), a) {
            errors.push(e);
        }
    }
    errors
}

/// The trace of a valid scenario.
pub(crate) fn build_trace(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        Mode::Feed => feed_trace::build(s),
        Mode::Chat => chat_trace::build(s),
    }
}
