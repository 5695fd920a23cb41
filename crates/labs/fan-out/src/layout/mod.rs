//! What the fan-out view draws, computed natively: the member grid and its hit test
//! ([`grid`]), the feed diagrams' positions and scales ([`feed`]) and the trace-long
//! comparison chart's series and scales ([`timeline`]).

pub mod feed;
pub mod grid;
pub mod timeline;

use crate::State;
use crate::chat::ChatState;
use crate::state::FeedState;
use sdp_kit::lab::Trace;

/// The feed state of step `cursor` (`None` in chat mode).
pub fn feed_state(trace: &Trace<State>, cursor: usize) -> Option<&FeedState> {
    match trace.get(cursor).map(|s| &s.state) {
        Some(State::Feed(f)) => Some(f),
        _ => None,
    }
}

/// The chat state of step `cursor` (`None` in feed mode).
pub fn chat_state(trace: &Trace<State>, cursor: usize) -> Option<&ChatState> {
    match trace.get(cursor).map(|s| &s.state) {
        Some(State::Chat(c)) => Some(c),
        _ => None,
    }
}
