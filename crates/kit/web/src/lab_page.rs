//! One generic page for every lab: reads the scenario from the URL, builds the trace, hosts the
//! player, draws the current step with the lab's view, provides [`LabCtx`] and [`StepCtx`] to
//! the components below, and keeps the URL in step.

use crate::by_id::ById;
use crate::dom;
use crate::embed::use_embed_host;
use crate::files::ScenarioFiles;
use crate::lab_view::{Change, LabCtx, LabView, StepCtx, draws_mode};
use crate::player::{Player, PlayerAction, PlayerState};
use crate::quiz::{Picks, QuestionCard, asked_at};
use crate::route::{PlayerQuery, Route};
use crate::widgets::{EmbedSnippet, Messages, MetricsTable, NotesPanel, ProcedurePanel};
use sdp_kit::lab::{Contract, Lab, ParamError, ScenarioOf, Trace};
use sdp_kit::query;
use sdp_kit::scenario_file::ScenarioFile;
use std::rc::Rc;
use yew::prelude::*;

/// Properties: the raw query from the URL.
#[derive(Properties, PartialEq)]
pub struct LabPageProps {
    /// Query string after `?` (decoded by the page).
    pub query: AttrValue,
}

/// The page's state: the scenario, its trace, the messages to show, and where the player
/// should land after the last change.
struct PageState<L: Lab> {
    scenario: Rc<ScenarioOf<L>>,
    trace: ById<Trace<L::State>>,
    /// Messages about the URL, the last change, or a scenario that would not run.
    messages: Vec<String>,
    /// The step to show once the player has the new trace (zero-based).
    landing: usize,
    /// Counts changes, so an effect can tell a new trace from a re-render.
    generation: u32,
}

/// Runs the lab; an invalid scenario (which `from_query` never produces) falls back to the
/// defaults with the errors as messages, so the page is never blank.
/// A mode this bundle does not draw is not built here: the page moves to the bundle that does.
fn build<L: LabView>(scenario: &ScenarioOf<L>) -> (ScenarioOf<L>, Trace<L::State>, Vec<String>) {
    if !drawn_here::<L>(scenario) {
        return (scenario.clone(), Trace { steps: Vec::new() }, Vec::new());
    }
    match L::run(scenario) {
        Ok(trace) if !trace.is_empty() => (scenario.clone(), trace, Vec::new()),
        Ok(_) => fallback::<L>(vec!["this scenario gives no step".into()]),
        Err(errors) => fallback::<L>(errors.iter().map(ParamError::to_string).collect()),
    }
}

fn fallback<L: Lab>(messages: Vec<String>) -> (ScenarioOf<L>, Trace<L::State>, Vec<String>) {
    let scenario = L::default_scenario();
    let trace = L::run(&scenario).unwrap_or(Trace { steps: Vec::new() });
    (scenario, trace, messages)
}

impl<L: LabView> PageState<L> {
    fn load(raw: &str) -> (Self, PlayerQuery) {
        let pairs = query::parse(raw);
        let (scenario, errors) = L::from_query(&pairs);
        let player = PlayerQuery::read(&pairs);
        let (scenario, trace, more) = build::<L>(&scenario);
        // Course platforms append their own parameters to an embed's URL: not worth a message.
        let mut messages: Vec<String> = errors
            .iter()
            .filter(|e| !(player.embed && e.message == query::UNKNOWN))
            .map(ParamError::to_string)
            .collect();
        messages.extend(player.errors.iter().cloned());
        messages.extend(more);
        if let Some(k) = player.step.filter(|&k| k > trace.len()) {
            messages.push(format!(
                "step: this scenario has {} steps (got {k}); showing the last",
                trace.len()
            ));
        }
        let state = PageState {
            scenario: Rc::new(scenario),
            trace: ById::new(trace),
            messages,
            landing: 0,
            generation: 0,
        };
        (state, player)
    }

    /// The state after `change`, or `None` when nothing changes (a refused action keeps the
    /// scenario and only says why).
    fn apply(&self, change: Change<L>) -> PageState<L> {
        let current = &*self.scenario;
        let (next, messages, append) = match change {
            Change::Action(action) => {
                let mut next = current.clone();
                next.actions.push(action);
                let errors = L::validate(&next);
                if !errors.is_empty() {
                    return PageState {
                        scenario: Rc::clone(&self.scenario),
                        trace: self.trace.clone(),
                        messages: errors.iter().map(|e| format!("Not applied: {e}")).collect(),
                        landing: self.landing,
                        generation: self.generation,
                    };
                }
                (next, Vec::new(), true)
            }
            Change::Params(params, seed) => {
                let mut next = current.clone();
                next.params = params;
                next.seed = seed;
                if drawn_here::<L>(&next) {
                    // Through the URL codec: it keeps the actions that still apply and says
                    // which it dropped.
                    let (next, errors) = L::from_query(&L::to_query(&next));
                    (
                        next,
                        errors.iter().map(ParamError::to_string).collect(),
                        false,
                    )
                } else {
                    // A mode another bundle draws: the URL moves there as it is, and that
                    // bundle says which actions it dropped (said here, it would be lost).
                    (next, Vec::new(), false)
                }
            }
            Change::Mode(mode) => (L::mode_scenario(mode), Vec::new(), false),
            Change::Defaults => (L::default_scenario(), Vec::new(), false),
        };
        let (scenario, trace, more) = build::<L>(&next);
        let landing = if append {
            L::landing(&trace, &scenario, self.trace.len())
        } else {
            0
        };
        PageState {
            scenario: Rc::new(scenario),
            trace: ById::new(trace),
            messages: messages.into_iter().chain(more).collect(),
            landing,
            generation: self.generation.wrapping_add(1),
        }
    }
}

/// What the page reducer is told.
enum PageAction<L: Lab> {
    Change(Change<L>),
    Dismiss,
}

impl<L: LabView> Reducible for PageState<L> {
    type Action = PageAction<L>;

    fn reduce(self: Rc<Self>, action: PageAction<L>) -> Rc<Self> {
        match action {
            PageAction::Change(change) => Rc::new(self.apply(change)),
            PageAction::Dismiss if self.messages.is_empty() => self,
            PageAction::Dismiss => Rc::new(PageState {
                scenario: Rc::clone(&self.scenario),
                trace: self.trace.clone(),
                messages: Vec::new(),
                landing: self.landing,
                generation: self.generation,
            }),
        }
    }
}

/// Whether this bundle draws the mode of `scenario` (always, unless the lab's modes are split
/// over bundles: [`LabView::VIEW_MODES`]).
fn drawn_here<L: LabView>(scenario: &ScenarioOf<L>) -> bool {
    L::MODES
        .get(L::mode(&scenario.params))
        .is_none_or(|mode| draws_mode(L::VIEW_MODES, L::MODE_BUNDLES, mode.id))
}

/// The hash for a scenario query at a step, with the player's settings (`settings`: the
/// embed's `from`, `to`, `controls`, … as [`PlayerQuery::settings`] writes them).
fn hash_for(
    id: &str,
    scenario_query: &[(String, String)],
    step: usize,
    embed: bool,
    settings: &[(String, String)],
) -> String {
    let mut pairs = scenario_query.to_vec();
    pairs.push(("step".into(), (step + 1).to_string()));
    if embed {
        pairs.push(("embed".into(), "1".into()));
    }
    pairs.extend(settings.iter().cloned());
    Route::Lab {
        id: id.into(),
        query: query::encode(&pairs),
    }
    .to_hash()
}

/// The lab page.
#[component]
pub fn LabPage<L: LabView>(props: &LabPageProps) -> Html {
    let initial = use_memo((), {
        let raw = props.query.to_string();
        move |()| PageState::<L>::load(&raw)
    });
    let page = use_reducer({
        let initial = Rc::clone(&initial);
        move || PageState {
            scenario: Rc::clone(&initial.0.scenario),
            trace: initial.0.trace.clone(),
            messages: initial.0.messages.clone(),
            landing: 0,
            generation: 0,
        }
    });
    let embed = initial.1.embed;
    let player = use_reducer({
        let (settings, len) = (initial.1.clone(), page.trace.len());
        move || PlayerState::with_settings(&settings, len)
    });
    let settings = Rc::new(initial.1.settings());
    let controls = initial.1.controls;
    // autoplay=1: play once the page is up.
    use_effect_with(initial.1.autoplay, {
        let dispatch = player.dispatcher();
        move |&autoplay| {
            if autoplay {
                dispatch.dispatch(PlayerAction::Play);
            }
        }
    });
    use_embed_host(L::INFO.id, embed, &player);
    // A new trace: the player loads it and lands where the change asked.
    use_effect_with(page.generation, {
        let (dispatch, len, landing) = (player.dispatcher(), page.trace.len(), page.landing);
        move |generation| {
            if *generation != 0 {
                dispatch.dispatch(PlayerAction::Load {
                    len,
                    cursor: landing,
                });
            }
        }
    });
    let ctx = use_memo(page.generation, {
        let (page, player) = (page.clone(), player.clone());
        move |_| LabCtx::<L> {
            scenario: Rc::clone(&page.scenario),
            change: {
                let d = page.dispatcher();
                Callback::from(move |c| {
                    if !embed {
                        d.dispatch(PageAction::Change(c));
                    }
                })
            },
            seek: player.dispatcher().to_callback().reform(PlayerAction::Seek),
            embed,
        }
    });
    let scenario_query = use_memo(page.generation, {
        let scenario = Rc::clone(&page.scenario);
        move |_| L::to_query(&scenario)
    });
    let trace = page.trace.clone();
    let cursor = player.cursor.min(trace.len().saturating_sub(1));
    let quiz = use_quiz::<L>(&page, &player, cursor, !initial.1.quiz_off);
    // Keep the URL in step with what is on screen; while playing, only once playback stops
    // (browsers throttle frequent history updates, and each costs the browser work).
    // A mode this bundle does not draw (a split lab): the loader mounts the bundle that does.
    let playing = player.playing;
    let drawn = drawn_here::<L>(&page.scenario);
    use_effect_with((Rc::clone(&scenario_query), cursor, playing), {
        let settings = Rc::clone(&settings);
        move |(q, cursor, playing)| {
            let hash = hash_for(L::INFO.id, q, *cursor, embed, &settings);
            if !drawn {
                dom::move_to_hash(&hash);
            } else if !*playing {
                dom::replace_hash(&hash);
            }
        }
    });
    let dismiss = page
        .dispatcher()
        .to_callback()
        .reform(|()| PageAction::Dismiss);
    if !drawn {
        return html! { <p class="load-status" role="status">{"Loading…"}</p> };
    }
    let Some(step) = trace.get(cursor) else {
        return html! { <p class="error">{"This lab could not build any step."}</p> };
    };
    let info = L::INFO;
    let step_ctx = StepCtx {
        trace: trace.clone(),
        cursor,
    };
    html! {
        <ContextProvider<LabCtx<L>> context={(*ctx).clone()}>
        <ContextProvider<StepCtx<L::State>> context={step_ctx}>
        <article class={classes!("lab", embed.then_some("embed"))} aria-labelledby="lab-title">
            if !L::STYLE.is_empty() { <style>{ L::STYLE }</style> }
            <header class="lab-header">
                <h1 id="lab-title">{ info.title }</h1>
                if !embed {
                    <p class="lab-summary">{ info.summary }<span class="badge">{ format!("catalogue {}", info.catalogue) }</span></p>
                }
            </header>
            <Messages messages={page.messages.clone()} on_dismiss={dismiss} />
            <div class="lab-body">
                <div class="lab-stage">
                    <Player state={player.clone()} narration={AttrValue::from(step.narration.clone())} {controls} />
                    { quiz }
                    { L::view_step(&trace, cursor) }
                </div>
                <aside class="lab-side">
                    <ProcedurePanel procedures={L::procedures()} lines={step.lines.clone()} />
                    <MetricsTable metrics={step.metrics.clone()} />
                </aside>
            </div>
            if embed {
                <p class="open-full"><a href={hash_for(info.id, &scenario_query, cursor, false, &[])} target="_blank" rel="noopener">{"Open in the System Design Playground ↗"}</a></p>
            } else {
                <section class="lab-controls" aria-label="Scenario">
                    { fresh_seed(page.scenario.seed, &ctx) }
                    <ScenarioFiles<L> file={ScenarioFile::from_query(info.id, &scenario_query, page.scenario.seed, cursor)}
                        caption={format!("{} — step {} of {}\n{}", info.title, cursor + 1, trace.len(), step.narration)} />
                    { L::controls() }
                </section>
                <NotesPanel notes={L::notes()} />
                <EmbedSnippet hash={hash_for(info.id, &scenario_query, cursor, true, &settings)} title={info.title} />
            }
        </article>
        </ContextProvider<StepCtx<L::State>>>
        </ContextProvider<LabCtx<L>>>
    }
}

/// The question asked on the step on screen, if any (none with `quiz=0`): playback pauses on
/// it until the learner has picked; the card then explains and offers the step it is about.
#[hook]
fn use_quiz<L: LabView>(
    page: &UseReducerHandle<PageState<L>>,
    player: &UseReducerHandle<PlayerState>,
    cursor: usize,
    on: bool,
) -> Html {
    let questions = use_memo(page.generation, {
        let (scenario, trace) = (Rc::clone(&page.scenario), page.trace.clone());
        move |_| {
            if on {
                L::questions(&scenario, &trace)
            } else {
                Vec::new()
            }
        }
    });
    let picks = use_state(Picks::default);
    let generation = page.generation;
    let asked = asked_at(&questions, cursor).filter(|(_, q)| q.step <= player.last());
    let pending = asked.is_some_and(|(i, _)| picks.get(generation, i).is_none());
    use_effect_with((pending, player.playing, cursor), {
        let dispatch = player.dispatcher();
        move |&(pending, playing, _)| {
            if pending && playing {
                dispatch.dispatch(PlayerAction::Pause);
            }
        }
    });
    let Some((i, question)) = asked else {
        return Html::default();
    };
    let on_pick = {
        let (picks, len) = (picks.clone(), questions.len());
        Callback::from(move |choice| picks.set(picks.with(generation, i, choice, len)))
    };
    let on_show = {
        let (dispatch, step) = (player.dispatcher(), question.step);
        Callback::from(move |()| dispatch.dispatch(PlayerAction::Seek(step)))
    };
    html! {
        <QuestionCard question={question.clone()} picked={picks.get(generation, i)} {on_pick} {on_show} />
    }
}

/// A seed from the browser's randomness (`crypto.getRandomValues` through `getrandom`), below
/// 2^53 so it reads back exactly wherever the URL goes.
fn random_seed() -> Option<u64> {
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes).ok()?;
    Some(u64::from_le_bytes(bytes) >> 11)
}

/// The scenario's seed and a button that draws a fresh one from the browser's randomness (the
/// core stays seeded: the new seed goes into the URL, so the result can be shared).
fn fresh_seed<L: LabView>(seed: u64, ctx: &LabCtx<L>) -> Html {
    let onclick = {
        let (change, params) = (ctx.change.clone(), ctx.scenario.params.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(seed) = random_seed() {
                change.emit(Change::Params(params.clone(), seed));
            }
        })
    };
    html! {
        <p class="fresh-seed">
            <span>{ format!("Seed {seed}") }</span>
            <button type="button" {onclick} title="Run the same scenario on a new random seed">{"New random seed"}</button>
        </p>
    }
}
