//! One generic page for every lab: reads the scenario from the URL, builds the trace, hosts the
//! player, draws the current step with the lab's view, and keeps the URL in step.

use crate::dom;
use crate::labs::{Change, LabView};
use crate::player::{Player, PlayerAction, PlayerState};
use crate::route::{PlayerQuery, Route};
use crate::widgets::{EmbedSnippet, Messages, MetricsTable, NotesPanel, ProcedurePanel};
use sdp_core::lab::{Lab, ParamError, Scenario, Trace};
use sdp_core::query;
use std::rc::Rc;
use yew::prelude::*;

/// Properties: the raw query from the URL.
#[derive(Properties, PartialEq)]
pub struct LabPageProps {
    /// Query string after `?` (decoded by the page).
    pub query: AttrValue,
}

/// Scenario plus the messages about how it was obtained.
struct Loaded<L: Lab> {
    scenario: Scenario<L::Params, L::Action>,
    player: PlayerQuery,
    messages: Vec<String>,
}

fn load<L: Lab>(raw: &str) -> Loaded<L> {
    let pairs = query::parse(raw);
    let (scenario, errors) = L::from_query(&pairs);
    let player = PlayerQuery::read(&pairs);
    let mut messages: Vec<String> = errors.iter().map(ParamError::to_string).collect();
    messages.extend(player.errors.iter().cloned());
    Loaded {
        scenario,
        player,
        messages,
    }
}

/// Runs the lab; an invalid scenario (which `from_query` should never produce) falls back to
/// the defaults with a message, so the page is never blank.
fn build<L: Lab>(scenario: &Scenario<L::Params, L::Action>) -> (Rc<Trace<L::State>>, Vec<String>) {
    match L::run(scenario) {
        Ok(trace) if !trace.is_empty() => (Rc::new(trace), Vec::new()),
        Ok(_) | Err(_) => {
            let errors = L::validate(scenario)
                .iter()
                .map(ParamError::to_string)
                .collect();
            let trace = L::run(&L::default_scenario()).unwrap_or(Trace { steps: Vec::new() });
            (Rc::new(trace), errors)
        }
    }
}

/// The hash for a scenario at a step.
fn hash_for<L: Lab>(scenario: &Scenario<L::Params, L::Action>, step: usize, embed: bool) -> String {
    let mut pairs = L::to_query(scenario);
    pairs.push(("step".into(), (step + 1).to_string()));
    if embed {
        pairs.push(("embed".into(), "1".into()));
    }
    Route::Lab {
        id: L::INFO.id.into(),
        query: query::encode(&pairs),
    }
    .to_hash()
}

/// The lab page.
#[component]
pub fn LabPage<L: LabView>(props: &LabPageProps) -> Html {
    let initial = use_memo((), {
        let raw = props.query.to_string();
        move |_| load::<L>(&raw)
    });
    let scenario = use_state(|| initial.scenario.clone());
    let messages = use_state(|| initial.messages.clone());
    let embed = initial.player.embed;
    let built = use_memo((*scenario).clone(), |s| build::<L>(s));
    let trace = built.0.clone();
    let player = use_reducer({
        let wanted = initial.player.step.map_or(0, |k| k - 1);
        let len = trace.len();
        move || PlayerState::new(wanted, len)
    });
    // A step beyond the end is clamped; say so once.
    use_effect_with((), {
        let (messages, wanted, len) = (messages.clone(), initial.player.step, trace.len());
        move |_| {
            if let Some(k) = wanted.filter(|&k| k > len) {
                let mut m = (*messages).clone();
                m.push(format!(
                    "step: this scenario has {len} steps (got {k}); showing the last"
                ));
                messages.set(m);
            }
        }
    });
    // Keep the URL in step with what is on screen.
    use_effect_with(
        ((*scenario).clone(), player.cursor, embed),
        |(s, cursor, embed)| {
            dom::replace_hash(&hash_for::<L>(s, *cursor, *embed));
        },
    );

    // After a change, the trace is rebuilt by the memo above; then the player loads it.
    let pending_cursor = use_mut_ref(|| None::<usize>);
    use_effect_with((*scenario).clone(), {
        let (pending, dispatch, len) = (pending_cursor.clone(), player.dispatcher(), trace.len());
        move |_| {
            if let Some(cursor) = pending.borrow_mut().take() {
                dispatch.dispatch(PlayerAction::Load { len, cursor });
            }
        }
    });
    let on_change = {
        let (scenario, messages, pending) =
            (scenario.clone(), messages.clone(), pending_cursor.clone());
        let old_len = trace.len();
        Callback::from(move |change: Change<L>| {
            let (next, notes, cursor) = apply_change::<L>(&scenario, change, old_len);
            if let Some(next) = next {
                *pending.borrow_mut() = Some(cursor);
                scenario.set(next);
            }
            messages.set(notes);
        })
    };
    let dismiss = {
        let messages = messages.clone();
        Callback::from(move |_| messages.set(Vec::new()))
    };

    let cursor = player.cursor.min(trace.len().saturating_sub(1));
    let Some(step) = trace.get(cursor) else {
        return html! { <p class="error">{"This lab could not build any step."}</p> };
    };
    let mut all_messages = (*messages).clone();
    all_messages.extend(built.1.iter().cloned());
    let info = L::INFO;
    html! {
        <article class={classes!("lab", embed.then_some("embed"))} aria-labelledby="lab-title">
            <header class="lab-header">
                <h1 id="lab-title">{ info.title }</h1>
                if !embed {
                    <p class="lab-summary">{ info.summary }<span class="badge">{ format!("catalogue {}", info.catalogue) }</span></p>
                }
            </header>
            <Messages messages={all_messages} on_dismiss={dismiss} />
            <div class="lab-body">
                <div class="lab-stage">
                    <Player state={player.clone()} narration={AttrValue::from(step.narration.clone())} />
                    { L::view_step(&trace, cursor) }
                </div>
                <aside class="lab-side">
                    <ProcedurePanel procedures={L::procedures()} lines={step.lines.clone()} />
                    <MetricsTable metrics={step.metrics.clone()} />
                </aside>
            </div>
            if embed {
                <p class="open-full"><a href={hash_for::<L>(&scenario, cursor, false)} target="_blank" rel="noopener">{"Open in the System Design Playground ↗"}</a></p>
            } else {
                <section class="lab-controls" aria-label="Scenario">
                    { L::controls(&scenario, on_change) }
                </section>
                <NotesPanel notes={L::notes()} />
                <EmbedSnippet hash={hash_for::<L>(&scenario, cursor, true)} title={info.title} />
            }
        </article>
    }
}

/// A lab's scenario type.
type ScenarioOf<L> = Scenario<<L as Lab>::Params, <L as Lab>::Action>;

/// Applies a change. Returns the new scenario (or `None` if it was refused), the messages to
/// show, and the step to show next (the first step the change produced).
fn apply_change<L: Lab>(
    current: &ScenarioOf<L>,
    change: Change<L>,
    old_len: usize,
) -> (Option<ScenarioOf<L>>, Vec<String>, usize) {
    match change {
        Change::Action(action) => {
            let mut next = current.clone();
            next.actions.push(action);
            let errors = L::validate(&next);
            if errors.is_empty() {
                (Some(next), Vec::new(), old_len)
            } else {
                (
                    None,
                    errors.iter().map(|e| format!("Not applied: {e}")).collect(),
                    0,
                )
            }
        }
        Change::Params(params, seed) => {
            let mut next = current.clone();
            next.params = params;
            next.seed = seed;
            // Round-trip through the URL codec: it keeps the actions that still apply and says
            // which it dropped.
            let (next, errors) = L::from_query(&L::to_query(&next));
            (
                Some(next),
                errors.iter().map(ParamError::to_string).collect(),
                0,
            )
        }
        Change::Defaults => (Some(L::default_scenario()), Vec::new(), 0),
    }
}
