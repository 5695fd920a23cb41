//! Base62 codes (M3.1): long division by 62, the decode accumulator, and the two character
//! orders the document gives.

use serde::{Deserialize, Serialize};

/// The order of the 62 characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Order {
    /// The document's code (F0 Q1 l.232): `0-9A-Za-z`.
    #[default]
    Code,
    /// The document's prose (l.226): `a-zA-Z0-9`.
    Prose,
}

impl sdp_kit::field::Word for Order {
    const WORDS: &'static [(Self, &'static str)] =
        &[(Order::Code, "code"), (Order::Prose, "prose")];
}

/// `0-9A-Za-z`, the order of the document's implementation.
pub const CODE_CHARS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// `a-zA-Z0-9`, the order of the document's prose.
pub const PROSE_CHARS: &[u8; 62] =
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

impl Order {
    /// The 62 characters in this order.
    pub fn chars(self) -> &'static [u8; 62] {
        match self {
            Order::Code => CODE_CHARS,
            Order::Prose => PROSE_CHARS,
        }
    }

    /// The other order.
    pub fn other(self) -> Order {
        match self {
            Order::Code => Order::Prose,
            Order::Prose => Order::Code,
        }
    }

    /// The character for digit `d` (`d < 62`).
    pub fn char_of(self, d: u64) -> char {
        char::from(self.chars()[(d % 62) as usize])
    }

    /// The digit of character `c`, if it is one of the 62.
    pub fn index_of(self, c: char) -> Option<u64> {
        self.chars()
            .iter()
            .position(|&b| char::from(b) == c)
            .map(|i| i as u64)
    }
}

/// One row of the long-division table: `n`, `n % 62`, its character, `n / 62`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Division {
    /// The dividend.
    pub n: u64,
    /// `n % 62`.
    pub remainder: u64,
    /// The character prepended.
    pub ch: char,
    /// `n / 62`, the next dividend.
    pub quotient: u64,
}

/// The document's loop: `while n > 0: r = n % 62; prepend charset[r]; n = n / 62`. One row per
/// iteration; none for 0.
pub fn divisions(mut n: u64, order: Order) -> Vec<Division> {
    let mut rows = Vec::new();
    while n > 0 {
        let r = n % 62;
        rows.push(Division {
            n,
            remainder: r,
            ch: order.char_of(r),
            quotient: n / 62,
        });
        n /= 62;
    }
    rows
}

/// The document's encode: the characters of [`divisions`], last first. `""` for 0.
pub fn encode_doc(n: u64, order: Order) -> String {
    divisions(n, order).iter().rev().map(|d| d.ch).collect()
}

/// Encode with the fixes: `"0"` for 0, then left-padded with the order's zero digit to `width`.
///
/// ```
/// use sdp_lab_ids::base62::{encode, Order};
/// assert_eq!(encode(123_456_789, Order::Code, 0), "8M0kX");
/// assert_eq!(encode(123_456_789, Order::Prose, 0), "iwaUH");
/// assert_eq!(encode(0, Order::Code, 0), "0");
/// assert_eq!(encode(61, Order::Code, 7), "000000z");
/// ```
pub fn encode(n: u64, order: Order, width: usize) -> String {
    let mut code = encode_doc(n, order);
    if code.is_empty() {
        code.push(order.char_of(0));
    }
    pad(&code, order, width)
}

/// `code` left-padded with the order's zero digit to `width` characters.
pub fn pad(code: &str, order: Order, width: usize) -> String {
    let missing = width.saturating_sub(code.chars().count());
    let mut out: String = std::iter::repeat_n(order.char_of(0), missing).collect();
    out.push_str(code);
    out
}

/// One step of the decode accumulator: `n = n × 62 + index(c)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accumulate {
    /// The character read.
    pub ch: char,
    /// Its digit.
    pub digit: u64,
    /// The accumulator before.
    pub before: u64,
    /// `before × 62 + digit`.
    pub after: u64,
}

/// Why a code does not decode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A character outside the 62, at this position (0-based).
    NotInCharset(usize, char),
    /// The value passes 2^64 − 1.
    TooLarge,
}

/// The decode accumulator, one row per character.
pub fn accumulate(code: &str, order: Order) -> Result<Vec<Accumulate>, DecodeError> {
    let mut n: u64 = 0;
    let mut rows = Vec::new();
    for (i, ch) in code.chars().enumerate() {
        let digit = order.index_of(ch).ok_or(DecodeError::NotInCharset(i, ch))?;
        let after = n
            .checked_mul(62)
            .and_then(|m| m.checked_add(digit))
            .ok_or(DecodeError::TooLarge)?;
        rows.push(Accumulate {
            ch,
            digit,
            before: n,
            after,
        });
        n = after;
    }
    Ok(rows)
}

/// Decode: `n = 0; for c: n = n × 62 + index(c)`.
///
/// ```
/// use sdp_lab_ids::base62::{decode, Order};
/// assert_eq!(decode("8M0kX", Order::Code), Ok(123_456_789));
/// assert_eq!(decode("8M0kX", Order::Prose), Ok(895_837_181));
/// ```
pub fn decode(code: &str, order: Order) -> Result<u64, DecodeError> {
    Ok(accumulate(code, order)?.last().map_or(0, |a| a.after))
}

/// Codes of `width` characters: 62^width (saturating at `u128::MAX`).
pub fn capacity(width: u32) -> u128 {
    62u128.checked_pow(width).unwrap_or(u128::MAX)
}
