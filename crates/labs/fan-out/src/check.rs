//! What a fan-out scenario may hold beyond each field's own range: follows the graph can hold,
//! a page no larger than the cache, and actions of the mode on users or members that exist.

use crate::{Action, MAX_MEAN_FOLLOWING, MAX_WAIT, Mode, PAGE_RANGE, Params, max_follows};
use crate::{CACHE_RANGE, MAX_FOLLOWS, MAX_USERS, MIN_USERS};
use sdp_kit::fmt::group;
use sdp_kit::lab::ParamError;

/// The error for more follows than `users` allow, if any.
pub fn follows_error(users: u32, follows: u32) -> Option<ParamError> {
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

/// The error for a page larger than the cache, if any.
fn page_error(p: &Params) -> Option<ParamError> {
    (p.page > p.cache).then(|| {
        ParamError::new(
            "page",
            format!("must be at most the cache cap {} (got {})", p.cache, p.page),
        )
    })
}

/// Problems that involve several fields (`follows` against `users`, `page` against `cache`),
/// left out while one of the fields is out of its own range (its field reports it).
pub(crate) fn check(p: &Params) -> Vec<ParamError> {
    let mut e = Vec::new();
    if (MIN_USERS..=MAX_USERS).contains(&p.users) && p.follows <= MAX_FOLLOWS {
        e.extend(follows_error(p.users, p.follows));
    }
    let page_ok = (PAGE_RANGE.0..=PAGE_RANGE.1).contains(&p.page);
    let cache_ok = (CACHE_RANGE.0..=CACHE_RANGE.1).contains(&p.cache);
    if page_ok && cache_ok {
        e.extend(page_error(p));
    }
    e
}

/// Makes parameters read from a URL consistent, as the old reader did: too many follows fall
/// back to the default (at most what the users allow), a page larger than the cache to the
/// default page (at most the cache). Each fallback is reported.
pub(crate) fn repair(p: &mut Params) -> Vec<ParamError> {
    let d = Params::default();
    let mut errors = Vec::new();
    if let Some(e) = follows_error(p.users, p.follows) {
        errors.push(e);
        p.follows = d.follows.min(max_follows(p.users));
    }
    if let Some(e) = page_error(p) {
        errors.push(e);
        p.page = d.page.min(p.cache);
    }
    errors
}

/// Checks actions against the (valid) parameters of their scenario.
pub struct Checker {
    params: Params,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker { params: p.clone() }
    }

    /// Checks one action; `field` names it in the error.
    ///
    /// # Errors
    /// An action of the other mode, a user or member that does not exist, or a wait out of
    /// range.
    pub fn apply(&mut self, field: &str, a: &Action) -> Result<(), ParamError> {
        check_action(&self.params, field, a)
    }
}

/// Checks one action against the (valid) parameters.
///
/// # Errors
/// As [`Checker::apply`].
pub fn check_action(p: &Params, field: &str, a: &Action) -> Result<(), ParamError> {
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
