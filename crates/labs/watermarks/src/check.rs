//! What a watermarks scenario may hold: cross-field checks, the URL reader's repairs, and the
//! injected events (watermarks mode only).

use crate::backpressure::BackpressureParams;
use crate::checkpoint::CheckpointParams;
use crate::stream::StreamParams;
use crate::{Action, Mode, Params, url};
use sdp_kit::lab::ParamError;

/// The keys whose own text does not read back, the way the codec's validation rereads the
/// fields into the mode's defaults: their problems are already reported by the fields.
fn unreadable_keys(p: &Params) -> Vec<&'static str> {
    let mode = p.mode.as_str();
    let mut reread = Params::of_mode(p.mode);
    url::FIELDS
        .iter()
        .filter(|f| f.modes.reads(mode))
        .filter(|f| (f.kind.read)(&mut reread, &(f.kind.write)(p)).is_err())
        .map(|f| f.key)
        .collect()
}

/// The mode's own problems, every field included.
fn problems(p: &Params) -> Vec<ParamError> {
    match p.mode {
        Mode::Watermarks => p.watermarks.validate(),
        Mode::Checkpoint => p.checkpoint.validate(),
        Mode::Backpressure => p.backpressure.validate(),
    }
}

/// Problems that involve several fields (the sliding rule and the assignment cap, the stream
/// span, the idle partition, `fail` and the slow period within `ticks`), leaving out the
/// fields whose own value is already refused.
pub(crate) fn check(p: &Params) -> Vec<ParamError> {
    let refused = unreadable_keys(p);
    problems(p)
        .into_iter()
        .filter(|e| !refused.contains(&e.field.as_str()))
        .collect()
}

/// Makes parameters read from a URL consistent, as the old reader did: in watermarks mode each
/// inconsistent field falls back to its default ("…; using the default"), then the whole stream
/// if the combination is still invalid; in the other modes `fail` and the slow period are
/// clamped into `ticks` (their defaults may lie beyond a smaller `ticks`).
pub(crate) fn repair(p: &mut Params) -> Vec<ParamError> {
    match p.mode {
        Mode::Watermarks => repair_stream(&mut p.watermarks),
        Mode::Checkpoint => {
            let c = &mut p.checkpoint;
            c.fail_at = c.fail_at.min(c.ticks);
            reset_if_invalid(c, CheckpointParams::validate)
        }
        Mode::Backpressure => {
            let b = &mut p.backpressure;
            b.slow_from = b.slow_from.min(b.ticks);
            b.slow_to = b.slow_to.clamp(b.slow_from, b.ticks);
            reset_if_invalid(b, BackpressureParams::validate)
        }
    }
}

/// Resets `p` to its default if `validate` still finds problems (never, for parameters read
/// field by field and clamped; kept so a repair always ends valid).
fn reset_if_invalid<T: Default>(p: &mut T, validate: fn(&T) -> Vec<ParamError>) -> Vec<ParamError> {
    let problems = validate(p);
    if !problems.is_empty() {
        *p = T::default();
    }
    problems
        .into_iter()
        .map(|mut e| {
            e.message.push_str("; using the defaults");
            e
        })
        .collect()
}

/// The old reader's field-by-field fallback for the stream.
fn repair_stream(p: &mut StreamParams) -> Vec<ParamError> {
    let d = StreamParams::default();
    let mut errors = Vec::new();
    for e in p.validate() {
        errors.push(ParamError::new(
            e.field.clone(),
            format!("{}; using the default", e.message),
        ));
        match e.field.as_str() {
            "idle" => p.idle_partition = None,
            "interval" => p.interval_ms = d.interval_ms,
            "slide" => {
                p.slide_ms = d.slide_ms;
                if p.validate().iter().any(|e| e.field == "slide") {
                    p.size_ms = d.size_ms;
                }
            }
            _ => {}
        }
    }
    if !p.validate().is_empty() {
        errors.push(ParamError::new(
            "events",
            "the combination is still invalid; using the default stream",
        ));
        *p = d;
    }
    errors
}

/// Checks injected events against the stream they are injected into.
pub struct Checker {
    /// The stream, in watermarks mode; `None` in the modes that take no events.
    stream: Option<StreamParams>,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker {
            stream: (p.mode == Mode::Watermarks).then(|| p.watermarks.clone()),
        }
    }

    /// Checks one injected event; every problem with it, in one message.
    ///
    /// # Errors
    /// Outside watermarks mode, or when a time, the partition, the key or the value is out of
    /// range.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        let Some(p) = &self.stream else {
            return Err(ParamError::new(
                field,
                "injected events apply only in mode=watermarks",
            ));
        };
        let Action::Inject(inj) = action;
        let problems = inj.validate(field, p);
        if problems.is_empty() {
            Ok(())
        } else {
            let message: Vec<String> = problems.into_iter().map(|e| e.message).collect();
            Err(ParamError::new(field, message.join("; ")))
        }
    }
}
