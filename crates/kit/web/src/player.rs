//! The one generic step player: a cursor over a trace of `len` steps, with buttons, speed, a
//! scrub bar, keyboard shortcuts and playback. Every lab and every design flow uses it.

use crate::dom;
use crate::route::Controls;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Interval;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Playback speeds offered (× steps per second at 1×: [`BASE_STEPS_PER_SECOND`]).
pub const SPEEDS: [f64; 6] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0];
/// Steps per second at 1×.
pub const BASE_STEPS_PER_SECOND: f64 = 1.5;
const DEFAULT_SPEED: usize = 2;

/// Cursor, length, playing flag and speed, and the embed's locked range and loop.
#[derive(Clone, Debug, PartialEq)]
pub struct PlayerState {
    /// Zero-based step shown.
    pub cursor: usize,
    /// Number of steps (at least 1).
    pub len: usize,
    /// Playing or paused.
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// Whether the shortcut list is open.
    pub help: bool,
    /// The steps the player is locked to (zero-based, inclusive; `from`/`to` in the URL),
    /// clamped to the trace by [`PlayerState::first`] and [`PlayerState::last`].
    pub lock: (Option<usize>, Option<usize>),
    /// Playing past the last step starts again at the first (`loop=1`).
    pub looping: bool,
}

impl PlayerState {
    /// A paused player at `cursor` (clamped) over `len` steps.
    pub fn new(cursor: usize, len: usize) -> Self {
        let len = len.max(1);
        PlayerState {
            cursor: cursor.min(len - 1),
            len,
            playing: false,
            speed: DEFAULT_SPEED,
            help: false,
            lock: (None, None),
            looping: false,
        }
    }

    /// A paused player over `len` steps with the URL's settings: the locked range, the loop,
    /// the speed, at step `step` (1-based) if given, else at the range's first step.
    ///
    /// ```
    /// use sdp_kit_web::player::PlayerState;
    /// use sdp_kit_web::route::PlayerQuery;
    /// let q = PlayerQuery::read(&sdp_kit::query::parse("from=3&to=5&step=9"));
    /// let p = PlayerState::with_settings(&q, 10);
    /// assert_eq!((p.first(), p.last(), p.cursor), (2, 4, 4));
    /// ```
    pub fn with_settings(q: &crate::route::PlayerQuery, len: usize) -> Self {
        let mut p = PlayerState::new(0, len);
        p.lock = (q.from.map(|k| k - 1), q.to.map(|k| k - 1));
        p.looping = q.looping;
        p.speed = q.speed.unwrap_or(DEFAULT_SPEED);
        p.cursor = q
            .step
            .map_or(p.first(), |k| k - 1)
            .clamp(p.first(), p.last());
        p
    }

    /// The first step the player may show (zero-based).
    pub fn first(&self) -> usize {
        self.lock.0.unwrap_or(0).min(self.len - 1)
    }

    /// The last step the player may show (zero-based).
    pub fn last(&self) -> usize {
        self.lock
            .1
            .map_or(self.len - 1, |t| t.min(self.len - 1))
            .max(self.first())
    }

    /// Milliseconds between steps while playing.
    pub fn interval_ms(&self) -> u32 {
        (1000.0 / (BASE_STEPS_PER_SECOND * SPEEDS[self.speed.min(SPEEDS.len() - 1)])) as u32
    }
}

/// What the player can be told to do.
#[derive(Clone, Debug, PartialEq)]
pub enum PlayerAction {
    /// One step forward (stops at the end).
    Forward,
    /// One step back.
    Back,
    /// First step.
    First,
    /// Last step.
    Last,
    /// Go to step (zero-based, clamped).
    Seek(usize),
    /// Play if paused, pause if playing (from the end, playing restarts at the first step).
    TogglePlay,
    /// Play (from the end: from the first step); nothing if already playing.
    Play,
    /// Pause.
    Pause,
    /// Back to the first step, paused.
    Reset,
    /// Next speed.
    Faster,
    /// Previous speed.
    Slower,
    /// Set the speed index.
    Speed(usize),
    /// Advance while playing; pauses at the last step.
    Tick,
    /// The trace changed: new length, cursor moved to this step.
    Load {
        /// New number of steps.
        len: usize,
        /// Step to show.
        cursor: usize,
    },
    /// Show or hide the shortcut list.
    ToggleHelp,
}

impl Reducible for PlayerState {
    type Action = PlayerAction;

    fn reduce(self: Rc<Self>, action: PlayerAction) -> Rc<Self> {
        let mut s = (*self).clone();
        let (first, last) = (s.first(), s.last());
        match action {
            PlayerAction::Forward => {
                s.cursor = (s.cursor + 1).min(last);
                s.playing = false;
            }
            PlayerAction::Back => {
                s.cursor = s.cursor.saturating_sub(1).max(first);
                s.playing = false;
            }
            PlayerAction::First => s.cursor = first,
            PlayerAction::Last => {
                s.cursor = last;
                s.playing = false;
            }
            PlayerAction::Seek(k) => s.cursor = k.clamp(first, last),
            PlayerAction::TogglePlay | PlayerAction::Play => {
                let play = !s.playing || action == PlayerAction::Play;
                if play && !s.playing && s.cursor == last {
                    s.cursor = first;
                }
                s.playing = play && last > first;
            }
            PlayerAction::Pause => s.playing = false,
            PlayerAction::Reset => {
                s.cursor = first;
                s.playing = false;
            }
            PlayerAction::Faster => s.speed = (s.speed + 1).min(SPEEDS.len() - 1),
            PlayerAction::Slower => s.speed = s.speed.saturating_sub(1),
            PlayerAction::Speed(i) => s.speed = i.min(SPEEDS.len() - 1),
            PlayerAction::Tick => {
                if s.playing {
                    if s.cursor >= last && s.looping {
                        s.cursor = first;
                    } else {
                        s.cursor = (s.cursor + 1).min(last);
                        s.playing = s.cursor < last || s.looping;
                    }
                }
            }
            PlayerAction::Load { len, cursor } => {
                s.len = len.max(1);
                s.cursor = cursor.clamp(s.first(), s.last());
                s.playing = false;
            }
            PlayerAction::ToggleHelp => s.help = !s.help,
        }
        if s == *self { self } else { Rc::new(s) }
    }
}

/// Player properties.
#[derive(Properties, PartialEq)]
pub struct PlayerProps {
    /// The player state, owned by the page that draws the steps.
    pub state: UseReducerHandle<PlayerState>,
    /// Narration of the current step (read out through an `aria-live` region).
    pub narration: AttrValue,
    /// How much of the player to show (`controls=` of an embed).
    #[prop_or_default]
    pub controls: Controls,
}

/// Buttons, counter, speed, scrub bar, narration, shortcuts and playback.
#[component]
pub fn Player(props: &PlayerProps) -> Html {
    let state = props.state.clone();
    let controls = props.controls;
    use_keyboard(state.dispatcher(), controls != Controls::None);
    use_playback(&state);

    let on = |a: PlayerAction| {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };
    let on_scrub = {
        let d = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                if let Ok(k) = input.value().parse::<usize>() {
                    d.dispatch(PlayerAction::Seek(k.saturating_sub(1)));
                }
            }
        })
    };
    let on_speed = {
        let d = state.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(sel) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                if let Ok(i) = sel.value().parse::<usize>() {
                    d.dispatch(PlayerAction::Speed(i));
                }
            }
        })
    };
    let (k, n) = (state.cursor + 1, state.len);
    let (first, last) = (state.first(), state.last());
    let play_label = if state.playing { "Pause" } else { "Play" };
    let locked = (first, last) != (0, n - 1);
    let (full, buttons) = (controls == Controls::Full, controls != Controls::None);
    let class = match controls {
        Controls::Full => "player",
        Controls::Min => "player controls-min",
        Controls::None => "player controls-none",
    };
    html! {
        <section {class} aria-label="Step player">
            <div class="player-buttons">
                if full { <button type="button" aria-label="Reset" title="Reset (Home)" onclick={on(PlayerAction::Reset)}>{"Reset"}</button> }
                if buttons {
                    <button type="button" aria-label="Step back" title="Step back (←)" onclick={on(PlayerAction::Back)} disabled={state.cursor == first}>{"◀ Back"}</button>
                    <button type="button" class="primary" aria-label={play_label} title="Play / pause (Space)" onclick={on(PlayerAction::TogglePlay)} disabled={last == first}>
                        { if state.playing { "⏸ Pause" } else { "▶ Play" } }
                    </button>
                    <button type="button" aria-label="Step forward" title="Step forward (→)" onclick={on(PlayerAction::Forward)} disabled={state.cursor == last}>{"Forward ▶"}</button>
                }
                <span class="counter" aria-live="off">{ format!("Step {k} of {n}") }</span>
                if locked { <span class="locked-range">{ format!("steps {}–{}", first + 1, last + 1) }</span> }
                if full {
                    <label class="speed">{"Speed "}
                        <select aria-label="Speed" onchange={on_speed}>
                            { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                                <option value={i.to_string()} selected={i == state.speed}>{ format!("{s}×") }</option>
                            }) }
                        </select>
                    </label>
                    <button type="button" class="help-button" aria-label="Keyboard shortcuts" aria-expanded={state.help.to_string()} onclick={on(PlayerAction::ToggleHelp)}>{"?"}</button>
                }
            </div>
            if full {
                <input class="scrub" type="range" aria-label="Scrub through steps" min={(first + 1).to_string()} max={(last + 1).to_string()}
                    value={k.to_string()} oninput={on_scrub} />
            }
            <p class="narration" aria-live="polite" aria-atomic="true">{ props.narration.clone() }</p>
            if full && state.help { { shortcuts() } }
        </section>
    }
}

fn shortcuts() -> Html {
    html! {
        <div class="shortcuts" role="dialog" aria-label="Keyboard shortcuts">
            <h3>{"Keyboard shortcuts"}</h3>
            <dl>
                <dt><kbd>{"Space"}</kbd></dt><dd>{"play / pause"}</dd>
                <dt><kbd>{"←"}</kbd>{" "}<kbd>{"→"}</kbd></dt><dd>{"step back / forward"}</dd>
                <dt><kbd>{"Home"}</kbd>{" "}<kbd>{"End"}</kbd></dt><dd>{"first / last step"}</dd>
                <dt><kbd>{"+"}</kbd>{" "}<kbd>{"−"}</kbd></dt><dd>{"faster / slower"}</dd>
                <dt><kbd>{"?"}</kbd></dt><dd>{"show or hide this list"}</dd>
            </dl>
            <p>{"Shortcuts are off while you type in a field."}</p>
        </div>
    }
}

/// Document-wide shortcuts, never while typing in a field (none with `controls=none`). In an
/// embed the document is the iframe's: its keys reach it only while it has the focus.
#[hook]
fn use_keyboard(dispatch: UseReducerDispatcher<PlayerState>, enabled: bool) {
    use_effect_with(enabled, move |&enabled| {
        let doc = gloo::utils::window().document().filter(|_| enabled);
        let listener = doc.map(|doc| {
            EventListener::new_with_options(
                &doc,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if dom::is_typing(event) {
                        return;
                    }
                    let action = match event.key().as_str() {
                        " " | "Spacebar" if !dom::target_is_control(event) => {
                            PlayerAction::TogglePlay
                        }
                        "ArrowRight" => PlayerAction::Forward,
                        "ArrowLeft" => PlayerAction::Back,
                        "Home" => PlayerAction::First,
                        "End" => PlayerAction::Last,
                        "+" | "=" => PlayerAction::Faster,
                        "-" | "_" => PlayerAction::Slower,
                        "?" => PlayerAction::ToggleHelp,
                        "Escape" => PlayerAction::Pause,
                        _ => return,
                    };
                    event.prevent_default();
                    dispatch.dispatch(action);
                },
            )
        });
        move || drop(listener)
    });
}

/// While playing, one tick every `interval_ms`.
#[hook]
fn use_playback(state: &UseReducerHandle<PlayerState>) {
    let dispatch = state.dispatcher();
    use_effect_with(
        (state.playing, state.interval_ms()),
        move |&(playing, ms)| {
            let timer =
                playing.then(|| Interval::new(ms, move || dispatch.dispatch(PlayerAction::Tick)));
            move || drop(timer)
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(p: PlayerState, actions: &[PlayerAction]) -> PlayerState {
        let mut s = Rc::new(p);
        for a in actions {
            s = s.reduce(a.clone());
        }
        (*s).clone()
    }

    #[test]
    fn a_locked_range_holds_against_every_move() {
        let q = crate::route::PlayerQuery::read(&sdp_kit::query::parse("from=3&to=6"));
        let p = PlayerState::with_settings(&q, 10);
        assert_eq!((p.first(), p.last(), p.cursor), (2, 5, 2));
        use PlayerAction as A;
        assert_eq!(run(p.clone(), &[A::Back, A::Back]).cursor, 2);
        assert_eq!(run(p.clone(), &[A::Seek(0)]).cursor, 2);
        assert_eq!(run(p.clone(), &[A::Seek(9)]).cursor, 5);
        assert_eq!(run(p.clone(), &[A::Last, A::Forward]).cursor, 5);
        assert_eq!(run(p.clone(), &[A::Last, A::Reset]).cursor, 2);
        // Playing stops at the range's end, and from there restarts at its start.
        let end = run(p.clone(), &[A::Play, A::Tick, A::Tick, A::Tick, A::Tick]);
        assert_eq!((end.cursor, end.playing), (5, false));
        let again = run(end, &[A::Play]);
        assert_eq!((again.cursor, again.playing), (2, true));
        // A new, shorter trace keeps the range inside it.
        let short = run(p, &[A::Load { len: 4, cursor: 9 }]);
        assert_eq!((short.first(), short.last(), short.cursor), (2, 3, 3));
    }

    #[test]
    fn speed_words_name_the_speeds() {
        for (word, speed) in crate::route::SPEED_WORDS.iter().zip(SPEEDS) {
            assert_eq!(word.parse::<f64>().unwrap(), speed);
        }
    }

    #[test]
    fn looping_wraps_and_play_is_idempotent() {
        let q = crate::route::PlayerQuery::read(&sdp_kit::query::parse("to=3&loop=1&speed=8"));
        let p = PlayerState::with_settings(&q, 10);
        assert_eq!(p.speed, SPEEDS.len() - 1);
        use PlayerAction as A;
        let s = run(p, &[A::Play, A::Play, A::Tick, A::Tick]);
        assert_eq!((s.cursor, s.playing), (2, true));
        let s = run(s, &[A::Tick]);
        assert_eq!(
            (s.cursor, s.playing),
            (0, true),
            "wrapped to the first step"
        );
        assert!(!run(s, &[A::Pause, A::Tick]).playing);
    }
}
