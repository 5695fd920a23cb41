//! Predict-then-run questions on the lab page: a lab's [`Question`]s are asked one step before
//! the step they are about; playback pauses there, the learner picks, the card says whether the
//! pick was right and why, and offers to show the step. `quiz=0` in the URL turns them off.

use sdp_kit::quiz::Question;
use yew::prelude::*;

/// The learner's picks for one trace's questions (`None`: not answered yet).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picks {
    /// Which trace they belong to (the page's change counter).
    pub generation: u32,
    /// One entry per question.
    pub picked: Vec<Option<usize>>,
}

impl Picks {
    /// The pick for question `i` of trace `generation` (none for another trace's picks).
    pub fn get(&self, generation: u32, i: usize) -> Option<usize> {
        if self.generation == generation {
            self.picked.get(i).copied().flatten()
        } else {
            None
        }
    }

    /// These picks with question `i` of trace `generation` answered `choice`.
    pub fn with(&self, generation: u32, i: usize, choice: usize, len: usize) -> Picks {
        let mut next = if self.generation == generation {
            self.clone()
        } else {
            Picks {
                generation,
                picked: Vec::new(),
            }
        };
        next.picked.resize(len, None);
        if let Some(slot) = next.picked.get_mut(i) {
            *slot = Some(choice);
        }
        next
    }
}

/// The question asked on step `cursor`, if any, with its index.
pub fn asked_at(questions: &[Question], cursor: usize) -> Option<(usize, &Question)> {
    questions
        .iter()
        .enumerate()
        .find(|(_, q)| q.ask_at() == cursor)
}

/// Properties of [`QuestionCard`].
#[derive(Properties, PartialEq)]
pub struct QuestionCardProps {
    /// The question.
    pub question: Question,
    /// The learner's pick, once made.
    pub picked: Option<usize>,
    /// A choice was picked.
    pub on_pick: Callback<usize>,
    /// "Show step k" was pressed.
    pub on_show: Callback<()>,
}

/// One question: the prompt and a button per choice; after a pick, the verdict, the
/// explanation and a button that shows the step the question is about.
#[component]
pub fn QuestionCard(props: &QuestionCardProps) -> Html {
    let q = &props.question;
    let choices = q.choices.iter().enumerate().map(|(i, c)| {
        let on_pick = props.on_pick.clone();
        let class = match props.picked {
            Some(_) if i == q.answer => Some("right"),
            Some(p) if p == i => Some("wrong"),
            _ => None,
        };
        html! {
            <li><button type="button" class={classes!(class)} disabled={props.picked.is_some()}
                onclick={Callback::from(move |_: MouseEvent| on_pick.emit(i))}>{ c }</button></li>
        }
    });
    let verdict = props.picked.map(|p| {
        let on_show = props.on_show.clone();
        let text = if p == q.answer {
            "Right."
        } else {
            "Not quite."
        };
        html! {
            <div class="quiz-answer" role="status">
                <p><strong>{ text }</strong>{" "}{ &q.explanation }</p>
                <button type="button" onclick={Callback::from(move |_: MouseEvent| on_show.emit(()))}>
                    { format!("Show step {}", q.step + 1) }
                </button>
            </div>
        }
    });
    html! {
        <section class="quiz" aria-label="Predict, then run">
            <p class="quiz-prompt"><span class="badge">{"Predict"}</span>{" "}{ &q.prompt }</p>
            <ul class="quiz-choices">{ for choices }</ul>
            { for verdict }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_belong_to_one_trace() {
        let p = Picks::default().with(3, 1, 2, 2);
        assert_eq!(
            (p.get(3, 1), p.get(3, 0), p.get(4, 1)),
            (Some(2), None, None)
        );
        let q = p.with(4, 0, 1, 2);
        assert_eq!((q.get(4, 0), q.get(4, 1)), (Some(1), None));
    }

    #[test]
    fn the_question_asked_on_a_step() {
        let qs = [
            Question::yes_no(3, "a", true, "x"),
            Question::yes_no(5, "b", false, "y"),
        ];
        assert_eq!(asked_at(&qs, 4).map(|(i, _)| i), Some(1));
        assert!(asked_at(&qs, 3).is_none());
    }
}
