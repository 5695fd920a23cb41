//! URL query strings: parsing, encoding and typed field readers that fall back to a default and
//! report a [`ParamError`] instead of failing.

use crate::lab::ParamError;
use std::fmt::{Display, Write as _};
use std::str::FromStr;

/// Query keys that belong to the player, not to a lab's scenario: the step, embed mode, and an
/// embed's settings (locked range, controls, autoplay, speed, loop).
pub const PLAYER_KEYS: &[&str] = &[
    "step", "embed", "from", "to", "controls", "autoplay", "speed", "loop", "quiz",
];

/// The message for a key no one reads ([`Reader::report_unknown`]).
pub const UNKNOWN: &str = "unknown parameter, ignored";

/// True when the query carries nothing but player keys: labs then show their default scenario.
///
/// ```
/// use sdp_kit::query::{only_player_keys, parse};
/// assert!(only_player_keys(&parse("step=3&embed=1")));
/// assert!(!only_player_keys(&parse("step=3&seed=1")));
/// ```
pub fn only_player_keys(pairs: &[(String, String)]) -> bool {
    pairs.iter().all(|(k, _)| PLAYER_KEYS.contains(&k.as_str()))
}

/// Splits `a=1&b=x%20y` into decoded pairs. A leading `?` is ignored, empty pieces are skipped,
/// a piece without `=` has an empty value.
///
/// ```
/// let pairs = sdp_kit::query::parse("?servers=4&name=cache%3A1&flag");
/// assert_eq!(pairs[1], ("name".to_string(), "cache:1".to_string()));
/// assert_eq!(pairs[2], ("flag".to_string(), String::new()));
/// ```
pub fn parse(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| match piece.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(piece), String::new()),
        })
        .collect()
}

/// Joins pairs into `a=1&b=x%20y`, percent-encoding everything but unreserved characters.
///
/// ```
/// let q = sdp_kit::query::encode(&[("a".into(), "x y:1".into())]);
/// assert_eq!(q, "a=x%20y%3A1");
/// ```
pub fn encode(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes one component (RFC 3986 unreserved characters pass through).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (as a space). Malformed escapes are kept as text; invalid UTF-8
/// is replaced, so decoding never fails.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Reads typed fields out of query pairs, collecting errors for the fields it had to default.
#[derive(Debug)]
pub struct Reader<'a> {
    pairs: &'a [(String, String)],
    /// Errors found so far.
    pub errors: Vec<ParamError>,
    used: Vec<bool>,
}

impl<'a> Reader<'a> {
    /// A reader over `pairs`.
    pub fn new(pairs: &'a [(String, String)]) -> Self {
        Reader {
            pairs,
            errors: Vec::new(),
            used: vec![false; pairs.len()],
        }
    }

    /// The last value of `key`, if present (marks it as used).
    pub fn raw(&mut self, key: &str) -> Option<&'a str> {
        let mut found = None;
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if k == key {
                self.used[i] = true;
                found = Some(v.as_str());
            }
        }
        found
    }

    /// Every value of `key`, in order (marks them as used).
    pub fn all(&mut self, key: &str) -> Vec<&'a str> {
        let mut out = Vec::new();
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if k == key {
                self.used[i] = true;
                out.push(v.as_str());
            }
        }
        out
    }

    /// A number in `[min, max]`; `default` (and an error naming the field) if it is missing the
    /// range or is not a number. A missing key silently gives `default`.
    ///
    /// ```
    /// let pairs = sdp_kit::query::parse("vnodes=9999&seed=x");
    /// let mut r = sdp_kit::query::Reader::new(&pairs);
    /// assert_eq!(r.number("vnodes", 1u32, 500, 150), 150);
    /// assert_eq!(r.number("seed", 0u64, u64::MAX, 42), 42);
    /// assert_eq!(r.errors.len(), 2);
    /// ```
    pub fn number<T>(&mut self, key: &str, min: T, max: T, default: T) -> T
    where
        T: FromStr + PartialOrd + Display + Copy,
    {
        let Some(text) = self.raw(key) else {
            return default;
        };
        match text.trim().parse::<T>() {
            Ok(v) if v >= min && v <= max => v,
            _ => {
                self.errors
                    .push(ParamError::range(key, min, max, &shorten(text)));
                default
            }
        }
    }

    /// Reads the repeated action key `a`, in order, keeping at most `max`. `read(field, text)`
    /// parses and checks one action (`field` is `a[i]`); each refusal is reported with "; dropped"
    /// appended, so nothing the URL held is lost silently. `noun` names the actions in the cap
    /// message ("at most 64 actions; the rest are dropped").
    ///
    /// ```
    /// use sdp_kit::lab::ParamError;
    /// let pairs = sdp_kit::query::parse("a=1&a=x&a=3&a=4");
    /// let mut r = sdp_kit::query::Reader::new(&pairs);
    /// let got = r.actions(2, "actions", |field, text| {
    ///     text.parse::<u32>().map_err(|_| vec![ParamError::new(field, "not a number")])
    /// });
    /// assert_eq!(got, vec![1, 3]);
    /// assert_eq!(r.errors[0].to_string(), "a[1]: not a number; dropped");
    /// assert_eq!(r.errors[1].to_string(), "a[3]: at most 2 actions; the rest are dropped");
    /// ```
    pub fn actions<A>(
        &mut self,
        max: usize,
        noun: &str,
        mut read: impl FnMut(&str, &str) -> Result<A, Vec<ParamError>>,
    ) -> Vec<A> {
        let mut actions = Vec::new();
        for (i, text) in self.all("a").into_iter().enumerate() {
            let field = format!("a[{i}]");
            if actions.len() >= max {
                self.errors.push(ParamError::new(
                    field,
                    format!("at most {max} {noun}; the rest are dropped"),
                ));
                break;
            }
            match read(&field, text) {
                Ok(action) => actions.push(action),
                Err(errors) => self.errors.extend(errors.into_iter().map(|mut e| {
                    e.message.push_str("; dropped");
                    e
                })),
            }
        }
        actions
    }

    /// Reports every key not read so far (and not in `ignored`) as unknown.
    pub fn report_unknown(&mut self, ignored: &[&str]) {
        for (i, (k, _)) in self.pairs.iter().enumerate() {
            if !self.used[i] && !ignored.contains(&k.as_str()) {
                self.errors.push(ParamError::new(shorten(k), UNKNOWN));
            }
        }
    }
}

/// The message every lab gives for an action it cannot read: “TEXT” is not EXPECTED.
///
/// ```
/// let m = sdp_kit::query::not_an("fly:3", "an action (add:NAME)");
/// assert_eq!(m, "“fly:3” is not an action (add:NAME)");
/// ```
pub fn not_an(text: &str, expected: &str) -> String {
    format!("“{}” is not {expected}", shorten(text))
}

/// Cuts user text to 40 characters for messages.
pub fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_of_awkward_text() {
        let pairs = vec![("a".to_string(), "x&y=z %/é+".to_string())];
        assert_eq!(parse(&encode(&pairs)), pairs);
    }

    #[test]
    fn malformed_escapes_are_kept() {
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%41"), "A");
    }

    #[test]
    fn unknown_keys_are_reported() {
        let pairs = parse("a=1&junk=2");
        let mut r = Reader::new(&pairs);
        r.number("a", 0u32, 5, 0);
        r.report_unknown(&[]);
        assert_eq!(
            r.errors,
            vec![ParamError::new("junk", "unknown parameter, ignored")]
        );
    }
}
