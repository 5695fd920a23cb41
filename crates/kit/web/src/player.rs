//! The one generic step player: a cursor over a trace of `len` steps, with buttons, speed, a
//! scrub bar, keyboard shortcuts and playback. Every lab and every design flow uses it.

use crate::dom;
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

/// Cursor, length, playing flag and speed.
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
        }
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
        let last = s.len - 1;
        match action {
            PlayerAction::Forward => {
                s.cursor = (s.cursor + 1).min(last);
                s.playing = false;
            }
            PlayerAction::Back => {
                s.cursor = s.cursor.saturating_sub(1);
                s.playing = false;
            }
            PlayerAction::First => s.cursor = 0,
            PlayerAction::Last => {
                s.cursor = last;
                s.playing = false;
            }
            PlayerAction::Seek(k) => s.cursor = k.min(last),
            PlayerAction::TogglePlay => {
                if !s.playing && s.cursor == last {
                    s.cursor = 0;
                }
                s.playing = !s.playing && s.len > 1;
            }
            PlayerAction::Pause => s.playing = false,
            PlayerAction::Reset => {
                s.cursor = 0;
                s.playing = false;
            }
            PlayerAction::Faster => s.speed = (s.speed + 1).min(SPEEDS.len() - 1),
            PlayerAction::Slower => s.speed = s.speed.saturating_sub(1),
            PlayerAction::Speed(i) => s.speed = i.min(SPEEDS.len() - 1),
            PlayerAction::Tick => {
                if s.playing {
                    s.cursor = (s.cursor + 1).min(last);
                    s.playing = s.cursor < last;
                }
            }
            PlayerAction::Load { len, cursor } => {
                s.len = len.max(1);
                s.cursor = cursor.min(s.len - 1);
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
}

/// Buttons, counter, speed, scrub bar, narration, shortcuts and playback.
#[component]
pub fn Player(props: &PlayerProps) -> Html {
    let state = props.state.clone();
    use_keyboard(state.dispatcher());
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
    let play_label = if state.playing { "Pause" } else { "Play" };
    html! {
        <section class="player" aria-label="Step player">
            <div class="player-buttons">
                <button type="button" aria-label="Reset" title="Reset (Home)" onclick={on(PlayerAction::Reset)}>{"Reset"}</button>
                <button type="button" aria-label="Step back" title="Step back (←)" onclick={on(PlayerAction::Back)} disabled={state.cursor == 0}>{"◀ Back"}</button>
                <button type="button" class="primary" aria-label={play_label} title="Play / pause (Space)" onclick={on(PlayerAction::TogglePlay)} disabled={n < 2}>
                    { if state.playing { "⏸ Pause" } else { "▶ Play" } }
                </button>
                <button type="button" aria-label="Step forward" title="Step forward (→)" onclick={on(PlayerAction::Forward)} disabled={k == n}>{"Forward ▶"}</button>
                <span class="counter" aria-live="off">{ format!("Step {k} of {n}") }</span>
                <label class="speed">{"Speed "}
                    <select aria-label="Speed" onchange={on_speed}>
                        { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={i == state.speed}>{ format!("{s}×") }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="help-button" aria-label="Keyboard shortcuts" aria-expanded={state.help.to_string()} onclick={on(PlayerAction::ToggleHelp)}>{"?"}</button>
            </div>
            <input class="scrub" type="range" aria-label="Scrub through steps" min="1" max={n.to_string()}
                value={k.to_string()} oninput={on_scrub} />
            <p class="narration" aria-live="polite" aria-atomic="true">{ props.narration.clone() }</p>
            if state.help { <Shortcuts /> }
        </section>
    }
}

#[component]
fn Shortcuts() -> Html {
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

/// Document-wide shortcuts, never while typing in a field.
#[hook]
fn use_keyboard(dispatch: UseReducerDispatcher<PlayerState>) {
    use_effect_with((), move |()| {
        let listener = gloo::utils::window().document().map(|doc| {
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
