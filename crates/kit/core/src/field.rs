//! A lab's URL fields, declared once: the key, what it means, what it allows, how to read and
//! write it, and which modes use it. [`crate::Contract`] derives `from_query`, `to_query`,
//! `validate` and the docs tables from these declarations.
//!
//! Most fields are one line with the [`whole!`](crate::whole), [`decimal!`](crate::decimal) and
//! [`word!`](crate::word) macros; a field whose range depends on other fields, or whose text is not
//! a plain number or word, uses [`Field::new`] with a [`Kind`] written out.
//!
//! ```
//! use sdp_kit::field::{Field, Kind, Word};
//! use sdp_kit::{whole, word};
//!
//! #[derive(Clone, Copy, PartialEq, Debug)]
//! enum Format { F0, F4 }
//! impl Word for Format {
//!     const WORDS: &'static [(Self, &'static str)] = &[(Format::F0, "f0"), (Format::F4, "f4")];
//! }
//! struct Params { vnodes: u32, format: Format }
//!
//! const FIELDS: &[Field<Params>] = &[
//!     whole!("vnodes", vnodes, 1, 500, "virtual nodes per server"),
//!     word!("format", format, "vnode key format"),
//! ];
//! let mut p = Params { vnodes: 150, format: Format::F0 };
//! assert_eq!((FIELDS[0].kind.read)(&mut p, "9000").unwrap_err(), "must be between 1 and 500 (got 9000)");
//! assert!((FIELDS[1].kind.read)(&mut p, "f4").is_ok());
//! assert_eq!((FIELDS[1].kind.write)(&p), "f4");
//! assert_eq!((FIELDS[1].kind.allowed)(&p), "`f0`, `f4`");
//! ```

use crate::query::shorten;
use std::fmt::Display;
use std::str::FromStr;

/// One URL key of a lab's parameters.
pub struct Field<P: 'static> {
    /// The key in the URL (`vnodes`).
    pub key: &'static str,
    /// What it means, for the docs table.
    pub doc: &'static str,
    /// Which modes read it.
    pub modes: Modes,
    /// How its text is read and written.
    pub kind: Kind<P>,
}

impl<P> Field<P> {
    /// A field used by every mode.
    pub const fn new(key: &'static str, doc: &'static str, kind: Kind<P>) -> Self {
        Field {
            key,
            doc,
            modes: Modes::All,
            kind,
        }
    }

    /// A field used by the modes `modes` says.
    pub const fn in_modes(
        key: &'static str,
        doc: &'static str,
        modes: Modes,
        kind: Kind<P>,
    ) -> Self {
        Field {
            key,
            doc,
            modes,
            kind,
        }
    }
}

/// How a field's text becomes a value and back. The functions get the parameters read so far,
/// so a range may depend on a field read before (the mode, a count).
pub struct Kind<P: 'static> {
    /// The value's text in the URL.
    pub write: fn(&P) -> String,
    /// Reads `text` into the parameters; on failure says what is allowed (without the key), and
    /// leaves the value as it was.
    pub read: fn(&mut P, &str) -> Result<(), String>,
    /// What is allowed, for the docs (`1–500`, `` `f0`, `f4` ``).
    pub allowed: fn(&P) -> String,
}

/// Which modes read a field (see [`crate::lab::Lab::MODES`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modes {
    /// Every mode reads and writes it.
    All,
    /// The listed modes own it (always written); the other modes still read it and write it
    /// when it differs from their defaults, so a value the learner set survives a mode switch.
    Own(&'static [&'static str]),
    /// Only the listed modes know it; in the others it is an unknown key.
    Only(&'static [&'static str]),
}

impl Modes {
    /// True when mode `mode` reads the field.
    pub fn reads(self, mode: &str) -> bool {
        match self {
            Modes::All | Modes::Own(_) => true,
            Modes::Only(list) => list.contains(&mode),
        }
    }

    /// True when mode `mode` always writes the field (otherwise only when it differs from the
    /// mode's defaults).
    pub fn owned_by(self, mode: &str) -> bool {
        match self {
            Modes::All => true,
            Modes::Own(list) | Modes::Only(list) => list.contains(&mode),
        }
    }
}

/// An enum written in the URL as one of a fixed set of words.
pub trait Word: Copy + PartialEq + 'static {
    /// Every value with its word, in the order the docs list them.
    const WORDS: &'static [(Self, &'static str)];

    /// The word of this value.
    fn word(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(v, _)| *v == self)
            .map_or("", |(_, w)| w)
    }

    /// The value of a word.
    fn from_word(text: &str) -> Option<Self> {
        Self::WORDS
            .iter()
            .find(|(_, w)| *w == text)
            .map(|(v, _)| *v)
    }
}

/// `a`, `a or b`, `a, b or c`: the words of a [`Word`] for messages.
///
/// ```
/// assert_eq!(sdp_kit::field::or_list(&["wait", "advance", "exclude"]), "wait, advance or exclude");
/// ```
pub fn or_list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Reads a word field: the value, or "must be a, b or c (got x)".
pub fn read_word<E: Word>(slot: &mut E, text: &str) -> Result<(), String> {
    if let Some(v) = E::from_word(text.trim()) {
        *slot = v;
        Ok(())
    } else {
        let words: Vec<&str> = E::WORDS.iter().map(|(_, w)| *w).collect();
        Err(format!(
            "must be {} (got {})",
            or_list(&words),
            shorten(text)
        ))
    }
}

/// The docs text of a word field: `` `a`, `b` ``.
pub fn words_allowed<E: Word>(_: &E) -> String {
    E::WORDS
        .iter()
        .map(|(_, w)| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses a number in `[min, max]`, or says "must be between MIN and MAX (got TEXT)".
///
/// ```
/// assert_eq!(sdp_kit::field::number::<u32>("7", 1, 9), Ok(7));
/// assert_eq!(sdp_kit::field::number::<u32>("-3", 1, 64).unwrap_err(), "must be between 1 and 64 (got -3)");
/// assert!(sdp_kit::field::number::<f64>("NaN", 0.0, 1.0).is_err());
/// ```
pub fn number<T>(text: &str, min: T, max: T) -> Result<T, String>
where
    T: FromStr + PartialOrd + Display + Copy,
{
    match text.trim().parse::<T>() {
        Ok(v) if v >= min && v <= max => Ok(v),
        _ => Err(format!(
            "must be between {min} and {max} (got {})",
            shorten(text)
        )),
    }
}

/// Reads a number in `[min, max]` into `slot` (see [`number`]).
pub fn read_number<T>(slot: &mut T, text: &str, min: T, max: T) -> Result<(), String>
where
    T: FromStr + PartialOrd + Display + Copy,
{
    *slot = number(text, min, max)?;
    Ok(())
}

/// The docs text of a range: `1–500`, with thin groups for large numbers (`0–100 000`).
///
/// ```
/// assert_eq!(sdp_kit::field::range_text(0, 100_000), "0–100 000");
/// assert_eq!(sdp_kit::field::range_text(-90.0, 90.0), "-90–90");
/// ```
pub fn range_text(min: impl Display, max: impl Display) -> String {
    format!(
        "{}–{}",
        grouped(&min.to_string()),
        grouped(&max.to_string())
    )
}

/// `100000` → `100 000`; text that is not a plain whole number is returned as it is.
fn grouped(text: &str) -> String {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.len() <= 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return text.to_string();
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    if text.starts_with('-') {
        format!("-{out}")
    } else {
        out
    }
}

/// A whole-number field with a fixed range: `whole!(key, path.to.field, min, max, doc)`, plus an
/// optional [`Modes`] as the sixth argument. The field may be any integer type; the bounds are
/// of the same type.
#[macro_export]
macro_rules! whole {
    ($key:literal, $($path:ident).+, $min:expr, $max:expr, $doc:literal $(, $modes:expr)?) => {
        $crate::field::Field {
            key: $key,
            doc: $doc,
            modes: $crate::__modes!($($modes)?),
            kind: $crate::field::Kind {
                write: |p| p.$($path).+.to_string(),
                read: |p, text| $crate::field::read_number(&mut p.$($path).+, text, $min, $max),
                allowed: |_| $crate::field::range_text($min, $max),
            },
        }
    };
}

/// A decimal (`f64`) field with a fixed range; arguments as for [`whole!`](crate::whole).
#[macro_export]
macro_rules! decimal {
    ($key:literal, $($path:ident).+, $min:expr, $max:expr, $doc:literal $(, $modes:expr)?) => {
        $crate::field::Field {
            key: $key,
            doc: $doc,
            modes: $crate::__modes!($($modes)?),
            kind: $crate::field::Kind {
                write: |p| p.$($path).+.to_string(),
                read: |p, text| $crate::field::read_number::<f64>(&mut p.$($path).+, text, $min, $max),
                allowed: |_| $crate::field::range_text($min, $max),
            },
        }
    };
}

/// A field whose type implements [`Word`]: `word!(key, path.to.field, doc)`, plus an optional
/// [`Modes`].
#[macro_export]
macro_rules! word {
    ($key:literal, $($path:ident).+, $doc:literal $(, $modes:expr)?) => {
        $crate::field::Field {
            key: $key,
            doc: $doc,
            modes: $crate::__modes!($($modes)?),
            kind: $crate::field::Kind {
                write: |p| $crate::field::Word::word(p.$($path).+).to_string(),
                read: |p, text| $crate::field::read_word(&mut p.$($path).+, text),
                allowed: |p| $crate::field::words_allowed(&p.$($path).+),
            },
        }
    };
}

/// `Modes::All` when no modes are given (used by the field macros).
#[doc(hidden)]
#[macro_export]
macro_rules! __modes {
    () => {
        $crate::field::Modes::All
    };
    ($modes:expr) => {
        $modes
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, PartialEq, Debug)]
    enum Dist {
        Cities,
        Uniform,
    }
    impl Word for Dist {
        const WORDS: &'static [(Self, &'static str)] =
            &[(Dist::Cities, "cities"), (Dist::Uniform, "uniform")];
    }

    struct Inner {
        radius: f64,
    }
    struct P {
        n: u8,
        dist: Dist,
        inner: Inner,
    }

    const FIELDS: &[Field<P>] = &[
        crate::whole!("n", n, 1, 200, "a count"),
        crate::word!("dist", dist, "spread", Modes::Own(&["a"])),
        crate::decimal!(
            "radius",
            inner.radius,
            0.01,
            50.0,
            "km",
            Modes::Only(&["b"])
        ),
    ];

    fn p() -> P {
        P {
            n: 4,
            dist: Dist::Cities,
            inner: Inner { radius: 1.5 },
        }
    }

    #[test]
    fn a_bad_value_is_refused_and_the_old_one_kept() {
        let mut p = p();
        assert_eq!(
            (FIELDS[0].kind.read)(&mut p, "300"),
            Err("must be between 1 and 200 (got 300)".into())
        );
        assert_eq!(p.n, 4);
        assert_eq!(
            (FIELDS[1].kind.read)(&mut p, "moon"),
            Err("must be cities or uniform (got moon)".into())
        );
        assert_eq!(
            (FIELDS[2].kind.read)(&mut p, "inf"),
            Err("must be between 0.01 and 50 (got inf)".into())
        );
    }

    #[test]
    fn values_round_trip_through_text() {
        let mut q = p();
        q.n = 9;
        q.dist = Dist::Uniform;
        q.inner.radius = 0.1 + 0.2;
        let mut r = p();
        for f in FIELDS {
            (f.kind.read)(&mut r, &(f.kind.write)(&q)).unwrap();
        }
        assert_eq!((r.n, r.dist, r.inner.radius), (9, Dist::Uniform, 0.1 + 0.2));
    }

    #[test]
    fn modes_say_who_reads_and_writes() {
        assert!(FIELDS[1].modes.reads("b") && !FIELDS[1].modes.owned_by("b"));
        assert!(FIELDS[2].modes.reads("b") && !FIELDS[2].modes.reads("a"));
        assert_eq!((FIELDS[0].kind.allowed)(&p()), "1–200");
        assert_eq!((FIELDS[1].kind.allowed)(&p()), "`cities`, `uniform`");
    }
}
