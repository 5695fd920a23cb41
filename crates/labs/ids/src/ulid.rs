//! ULIDs (M3.8): a 48-bit millisecond timestamp and 80 random bits, written as 26 characters of
//! Crockford's base32; monotonic within a millisecond.

use rand::RngExt;
use serde::{Deserialize, Serialize};

/// Crockford's base32 alphabet (no I, L, O, U). The document does not state it.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Largest timestamp: 2^48 − 1 ms.
pub const MAX_TIME: u64 = (1 << 48) - 1;
/// Largest random part: 2^80 − 1.
pub const MAX_RANDOM: u128 = (1 << 80) - 1;
/// The document's example ULID (F0 Q16 l.2510).
pub const EXAMPLE: &str = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

/// A ULID's two parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Ulid {
    /// Unix milliseconds (48 bits).
    pub time: u64,
    /// The random part (80 bits).
    pub random: u128,
}

impl Ulid {
    /// The 128-bit value: time in the top 48 bits.
    pub fn value(self) -> u128 {
        u128::from(self.time) << 80 | (self.random & MAX_RANDOM)
    }

    /// The ULID of a 128-bit value.
    pub fn from_value(v: u128) -> Ulid {
        Ulid {
            time: (v >> 80) as u64,
            random: v & MAX_RANDOM,
        }
    }
}

/// The 26 characters: 130 bits in 5-bit groups, most significant first (the first group has
/// only 3 bits, so it is at most `7`).
///
/// ```
/// use sdp_lab_ids::ulid::{encode, Ulid};
/// assert_eq!(encode(Ulid { time: 0, random: 0 }), "00000000000000000000000000");
/// ```
pub fn encode(u: Ulid) -> String {
    let v = u.value();
    (0..26)
        .map(|i| {
            let shift = 5 * (25 - i);
            char::from(ALPHABET[((v >> shift) & 31) as usize])
        })
        .collect()
}

/// The 5-bit value of a character, case-insensitive; Crockford's I and L read as 1, O as 0.
pub fn digit(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'I' | 'L' => '1',
        'O' => '0',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&b| char::from(b) == c)
        .map(|i| i as u8)
}

/// Why a text is not a ULID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not 26 characters.
    Length(usize),
    /// Not a base32 character, at this position (0-based).
    Char(usize, char),
    /// The first character passes `7` (more than 128 bits).
    Overflow,
}

/// The characters' 5-bit values.
pub fn digits(text: &str) -> Result<Vec<u8>, DecodeError> {
    let n = text.chars().count();
    if n != 26 {
        return Err(DecodeError::Length(n));
    }
    let d: Vec<u8> = text
        .chars()
        .enumerate()
        .map(|(i, c)| digit(c).ok_or(DecodeError::Char(i, c)))
        .collect::<Result<_, _>>()?;
    if d[0] > 7 {
        return Err(DecodeError::Overflow);
    }
    Ok(d)
}

/// Decode 26 characters.
///
/// ```
/// use sdp_lab_ids::ulid::{decode, EXAMPLE};
/// assert_eq!(decode(EXAMPLE).map(|u| u.time), Ok(1_469_922_850_259));
/// ```
pub fn decode(text: &str) -> Result<Ulid, DecodeError> {
    let v = digits(text)?
        .iter()
        .fold(0u128, |acc, &d| acc << 5 | u128::from(d));
    Ok(Ulid::from_value(v))
}

/// How a generated ULID came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Made {
    /// A new millisecond: 80 fresh random bits.
    Fresh,
    /// The same millisecond: the last random part + 1.
    Incremented,
    /// The random part would pass 2^80 − 1: waited for the next millisecond, fresh bits.
    Waited,
}

/// The monotonic generator: the last ULID issued.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Monotonic {
    /// The last ULID.
    pub last: Option<Ulid>,
}

impl Monotonic {
    /// The next ULID at clock `now` (ms), and the ms it was issued at (later on overflow).
    /// `fresh` draws 80 random bits.
    pub fn next(&mut self, now: u64, mut fresh: impl FnMut() -> u128) -> (Ulid, Made) {
        let (u, made) = match self.last {
            Some(l) if l.time >= now => {
                if l.random < MAX_RANDOM {
                    (
                        Ulid {
                            time: l.time,
                            random: l.random + 1,
                        },
                        Made::Incremented,
                    )
                } else {
                    (
                        Ulid {
                            time: l.time + 1,
                            random: fresh() & MAX_RANDOM,
                        },
                        Made::Waited,
                    )
                }
            }
            _ => (
                Ulid {
                    time: now,
                    random: fresh() & MAX_RANDOM,
                },
                Made::Fresh,
            ),
        };
        self.last = Some(u);
        (u, made)
    }
}

/// 80 random bits from the lab's seeded generator.
pub fn random80(rng: &mut sdp_kit::rng::LabRng) -> u128 {
    (u128::from(rng.random::<u64>()) << 16 | u128::from(rng.random::<u16>())) & MAX_RANDOM
}

/// Years that 2^48 ms last (365.25-day years): ≈ 8 919.
pub fn span_years() -> f64 {
    crate::snowflake::years(48)
}
