//! Predict-then-run questions: a lab asks the learner what the next step will show, before the
//! player shows it. The answers come from the trace itself (the same engine that draws it), so a
//! question can never disagree with what the learner then sees.
//!
//! ```
//! use sdp_kit::quiz::{Question, problems};
//! let q = Question::pick(3, "Which server owns user:42 now?", &["cache1", "cache2", "cache3"], 1,
//!     "cache2 is the first server clockwise from the key's hash.");
//! assert_eq!(q.ask_at(), 2); // asked on step 3 (1-based), before step 4 shows the answer
//! assert!(problems(&[q], 10).is_empty());
//! ```

use std::fmt::Write as _;

/// One question about a trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The (zero-based) step whose outcome is predicted; the question is asked one step
    /// before it, and answering shows it.
    pub step: usize,
    /// What is asked.
    pub prompt: String,
    /// The choices, in display order (at least two).
    pub choices: Vec<String>,
    /// Index of the right choice.
    pub answer: usize,
    /// Why that is the answer, shown after the learner picks.
    pub explanation: String,
}

impl Question {
    /// A multiple-choice question about step `step` (zero-based).
    pub fn pick(
        step: usize,
        prompt: impl Into<String>,
        choices: &[&str],
        answer: usize,
        explanation: impl Into<String>,
    ) -> Question {
        Question {
            step,
            prompt: prompt.into(),
            choices: choices.iter().map(|c| (*c).to_string()).collect(),
            answer,
            explanation: explanation.into(),
        }
    }

    /// A yes/no question: `yes` is the right answer when true.
    pub fn yes_no(
        step: usize,
        prompt: impl Into<String>,
        yes: bool,
        explanation: impl Into<String>,
    ) -> Question {
        Question::pick(step, prompt, &["Yes", "No"], usize::from(!yes), explanation)
    }

    /// A question whose answer is a whole number: the right value among nearby ones (`spread`
    /// apart, never negative), in increasing order.
    ///
    /// ```
    /// let q = sdp_kit::quiz::Question::number(1, "How many keys move?", 7, 3, "…");
    /// assert_eq!(q.choices, ["1", "4", "7", "10"]);
    /// assert_eq!(q.choices[q.answer], "7");
    /// ```
    pub fn number(
        step: usize,
        prompt: impl Into<String>,
        value: u64,
        spread: u64,
        explanation: impl Into<String>,
    ) -> Question {
        let spread = spread.max(1);
        // Two below where possible, then above, four in all.
        let below = (value / spread).min(2);
        let first = value - below * spread;
        let choices: Vec<String> = (0..4).map(|i| (first + i * spread).to_string()).collect();
        Question {
            step,
            prompt: prompt.into(),
            answer: usize::try_from(below).unwrap_or(0),
            choices,
            explanation: explanation.into(),
        }
    }

    /// The zero-based step on which the question is asked (the one before [`Question::step`]).
    pub fn ask_at(&self) -> usize {
        self.step.saturating_sub(1)
    }
}

/// What is wrong with a lab's questions for a trace of `len` steps (empty when all is well):
/// each question must be about a step after the first and within the trace, have two or more
/// distinct choices, an answer among them, a prompt and an explanation; no two questions may be
/// asked on the same step.
pub fn problems(questions: &[Question], len: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut asked = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        let mut say = |what: &str| {
            let mut line = String::new();
            let _ = write!(line, "question {i} (step {}): {what}", q.step + 1);
            out.push(line);
        };
        if q.step == 0 || q.step >= len {
            say("must be about a step from 2 to the trace's length");
        }
        if q.choices.len() < 2 {
            say("needs at least two choices");
        }
        if q.answer >= q.choices.len() {
            say("its answer is not one of the choices");
        }
        let mut sorted = q.choices.clone();
        sorted.sort();
        sorted.dedup();
        if sorted.len() != q.choices.len() {
            say("has the same choice twice");
        }
        if q.prompt.trim().is_empty() || q.explanation.trim().is_empty() {
            say("needs a prompt and an explanation");
        }
        if asked.contains(&q.ask_at()) {
            say("is asked on the same step as another question");
        }
        asked.push(q.ask_at());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_near_zero_stay_positive() {
        let q = Question::number(2, "p", 0, 5, "e");
        assert_eq!(q.choices, ["0", "5", "10", "15"]);
        assert_eq!(q.answer, 0);
        let q = Question::number(2, "p", 6, 5, "e");
        assert_eq!(q.choices, ["1", "6", "11", "16"]);
        assert_eq!(q.choices[q.answer], "6");
    }

    #[test]
    fn problems_are_found() {
        let good = Question::yes_no(1, "Dropped?", false, "It is on time.");
        assert_eq!(good.choices[good.answer], "No");
        assert!(problems(std::slice::from_ref(&good), 2).is_empty());
        // Beyond the trace, asked on step 0, and a duplicate step.
        assert_eq!(problems(std::slice::from_ref(&good), 1).len(), 1);
        let first = Question::yes_no(0, "p", true, "e");
        assert_eq!(problems(&[first], 5).len(), 1);
        assert_eq!(problems(&[good.clone(), good.clone()], 5).len(), 1);
        let mut bad = good;
        bad.answer = 2;
        bad.choices = vec!["a".into(), "a".into()];
        bad.explanation = " ".into();
        assert_eq!(problems(&[bad], 5).len(), 3);
    }
}
