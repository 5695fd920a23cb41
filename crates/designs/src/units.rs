//! Units: what an estimation number means, how a value typed in a unit becomes a base value, and
//! how a base value is displayed ("1.16 K/s", "3.65 TB", "$200K/mo").
//!
//! Every value inside the evaluator is in **base units**: bytes, bits, seconds, dollars, plain
//! counts, plain ratios, and fractions for percentages. A unit string names a family and a scale:
//!
//! | Unit string | Family | Factor to base |
//! |-------------|--------|----------------|
//! | `""`, `K`, `M`, `bn`, `tn`, a noun (`slots`), `M users` | count | 1, 10³, 10⁶, 10⁹, 10¹² |
//! | `B`, `KB`, `MB`, `GB`, `TB`, `PB`, `EB` | bytes | 1, 10³ … 10¹⁸ (decimal SI: 1 KB = 1 000 B) |
//! | `bit`, `Kbit`, `Mbit`, `Gbit`, `Tbit`, `Pbit` | bits | 1, 10³ … 10¹⁵ |
//! | `$`, `$K`, `$M`, `$bn` | money (US dollars) | 1, 10³, 10⁶, 10⁹ |
//! | `ms`, `s`, `min`, `h`, `day`, `yr` | duration | seconds; `yr` = 365.25 days |
//! | `x` | ratio | 1 |
//! | `%` | percent | 0.01 (so `10 %` is 0.1 in a formula) |
//!
//! Anything after the first `/` is a "per" label shown after the value (`/s`, `/day`, `/TB/mo`);
//! it does not change the number. Display always rescales within the family: a figure whose
//! unit is `B/yr` and whose value is 1.825e13 shows as "18.3 TB/yr".

use serde::{Deserialize, Serialize};

/// Seconds in a day (the documents' 86 400).
pub const DAY: f64 = 86_400.0;
/// Seconds in a Julian year (365.25 days), used for durations such as "69 years".
pub const YEAR: f64 = 365.25 * DAY;

/// The kind of quantity a unit measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// A plain count (users, requests, slots), possibly per something.
    Count,
    /// Bytes, with decimal SI prefixes.
    Bytes,
    /// Bits, with decimal SI prefixes.
    Bits,
    /// US dollars.
    Money,
    /// A duration in seconds.
    Duration,
    /// A multiplier ("5×").
    Ratio,
    /// A percentage, held as a fraction.
    Percent,
}

/// A parsed unit string.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// What it measures.
    pub family: Family,
    /// A value in this unit times `factor` is the base value.
    pub factor: f64,
    /// Noun shown after a count ("slots"); empty if none.
    pub noun: String,
    /// The "per" label after the first `/` ("s", "day", "TB/mo"); empty if none.
    pub per: String,
    /// The unit string as written.
    pub text: String,
}

const COUNT_SCALES: &[(&str, f64)] =
    &[("", 1.0), ("K", 1e3), ("M", 1e6), ("bn", 1e9), ("tn", 1e12)];
const BYTE_SCALES: &[(&str, f64)] = &[
    ("B", 1.0),
    ("KB", 1e3),
    ("MB", 1e6),
    ("GB", 1e9),
    ("TB", 1e12),
    ("PB", 1e15),
    ("EB", 1e18),
];
const BIT_SCALES: &[(&str, f64)] = &[
    ("bit", 1.0),
    ("Kbit", 1e3),
    ("Mbit", 1e6),
    ("Gbit", 1e9),
    ("Tbit", 1e12),
    ("Pbit", 1e15),
];
const MONEY_SCALES: &[(&str, f64)] = &[("$", 1.0), ("$K", 1e3), ("$M", 1e6), ("$bn", 1e9)];
const DURATIONS: &[(&str, f64)] = &[
    ("ms", 0.001),
    ("s", 1.0),
    ("min", 60.0),
    ("h", 3600.0),
    ("day", DAY),
    ("yr", YEAR),
];
/// Longest unit string accepted.
pub const MAX_UNIT_LEN: usize = 24;

fn lookup(table: &[(&str, f64)], key: &str) -> Option<f64> {
    table.iter().find(|(k, _)| *k == key).map(|(_, f)| *f)
}

fn is_noun(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ')
}

impl Unit {
    /// Parses a unit string (see the module table).
    ///
    /// ```
    /// use sdp_designs::units::{Family, Unit};
    /// let u = Unit::parse("MB/s").unwrap();
    /// assert_eq!((u.family, u.factor, u.per.as_str()), (Family::Bytes, 1e6, "s"));
    /// assert_eq!(Unit::parse("M users").unwrap().factor, 1e6);
    /// assert!(Unit::parse("MB/").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Unit, String> {
        let text = text.trim();
        if text.len() > MAX_UNIT_LEN {
            return Err(format!(
                "unit “{text}” is longer than {MAX_UNIT_LEN} characters"
            ));
        }
        let (head, per) = match text.split_once('/') {
            Some((h, p)) => {
                let p = p.trim();
                if p.is_empty() {
                    return Err(format!("unit “{text}” has nothing after “/”"));
                }
                (h.trim(), p.to_string())
            }
            None => (text, String::new()),
        };
        let unit = |family, factor, noun: &str| Unit {
            family,
            factor,
            noun: noun.to_string(),
            per: per.clone(),
            text: text.to_string(),
        };
        if let Some(f) = lookup(COUNT_SCALES, head) {
            return Ok(unit(Family::Count, f, ""));
        }
        if let Some(f) = lookup(BYTE_SCALES, head) {
            return Ok(unit(Family::Bytes, f, ""));
        }
        let bits = if head.ends_with("bits") {
            &head[..head.len() - 1]
        } else {
            head
        };
        if let Some(f) = lookup(BIT_SCALES, bits) {
            return Ok(unit(Family::Bits, f, ""));
        }
        if let Some(f) = lookup(MONEY_SCALES, head) {
            return Ok(unit(Family::Money, f, ""));
        }
        if let Some(f) = lookup(DURATIONS, head) {
            return Ok(unit(Family::Duration, f, ""));
        }
        match head {
            "x" | "×" => return Ok(unit(Family::Ratio, 1.0, "")),
            "%" => return Ok(unit(Family::Percent, 0.01, "")),
            _ => {}
        }
        if let Some((scale, noun)) = head.split_once(' ') {
            if let Some(f) = lookup(COUNT_SCALES, scale).filter(|_| is_noun(noun.trim())) {
                return Ok(unit(Family::Count, f, noun.trim()));
            }
        }
        if is_noun(head) {
            return Ok(unit(Family::Count, 1.0, head));
        }
        Err(format!("“{text}” is not a unit (see FORMAT.md, “Units”)"))
    }

    /// A value written in this unit, in base units.
    pub fn to_base(&self, value: f64) -> f64 {
        value * self.factor
    }

    /// A base value, in this unit.
    pub fn from_base(&self, base: f64) -> f64 {
        base / self.factor
    }

    /// Displays a base value, rescaled within the family.
    ///
    /// ```
    /// use sdp_designs::units::Unit;
    /// assert_eq!(Unit::parse("/s").unwrap().format(1157.407), "1.16 K/s");
    /// assert_eq!(Unit::parse("B").unwrap().format(3.65e12), "3.65 TB");
    /// assert_eq!(Unit::parse("$/mo").unwrap().format(200_000.0), "$200K/mo");
    /// assert_eq!(Unit::parse("slots").unwrap().format(4.0), "4 slots");
    /// assert_eq!(Unit::parse("yr").unwrap().format(2f64.powi(41) / 1000.0), "69.7 years");
    /// ```
    pub fn format(&self, base: f64) -> String {
        if !base.is_finite() {
            return "—".to_string();
        }
        let sign = if base < 0.0 { "-" } else { "" };
        let v = base.abs();
        let per = if self.per.is_empty() {
            String::new()
        } else {
            format!("/{}", self.per)
        };
        match self.family {
            Family::Count => {
                // Whole counts below 10 000 are shown exactly (4,096 IDs, not 4.1 K IDs).
                let (m, suffix) = if v.fract() == 0.0 && v < 10_000.0 {
                    (sdp_kit::fmt::group(v as u64), "")
                } else {
                    rescale(v, &["", "K", "M", "bn", "tn"])
                };
                let mut s = format!("{sign}{m}");
                for part in [suffix, self.noun.as_str()] {
                    if !part.is_empty() {
                        s.push(' ');
                        s.push_str(part);
                    }
                }
                s + &per
            }
            Family::Bytes => {
                let (m, suffix) = rescale(v, &["B", "KB", "MB", "GB", "TB", "PB", "EB"]);
                format!("{sign}{m} {suffix}{per}")
            }
            Family::Bits => {
                let (m, suffix) = rescale(v, &["bit", "Kbit", "Mbit", "Gbit", "Tbit", "Pbit"]);
                format!("{sign}{m} {suffix}{per}")
            }
            Family::Money if rounded(v) < 1000.0 => {
                // Cents below $1 000, rounded half away from zero ($20.625 → $20.63).
                format!("{sign}${:.2}{per}", (v * 100.0).round() / 100.0)
            }
            Family::Money => {
                let (m, suffix) = rescale(v, &["", "K", "M", "bn", "tn"]);
                format!("{sign}${m}{suffix}{per}")
            }
            Family::Duration => {
                let (m, name) = duration(v);
                format!("{sign}{m} {name}{per}")
            }
            Family::Ratio => format!("{sign}{}×{per}", mantissa(v)),
            Family::Percent => format!("{sign}{}%{per}", mantissa(v * 100.0)),
        }
    }
}

/// Picks the largest suffix (steps of 1 000) that keeps the rounded mantissa below 1 000.
fn rescale(v: f64, suffixes: &[&'static str]) -> (String, &'static str) {
    let mut k = 0;
    let mut m = v;
    while k + 1 < suffixes.len() && rounded(m) >= 1000.0 {
        m /= 1000.0;
        k += 1;
    }
    (mantissa(m), suffixes.get(k).copied().unwrap_or(""))
}

fn duration(v: f64) -> (String, &'static str) {
    let table: &[(f64, &str)] = &[
        (YEAR, "years"),
        (DAY, "days"),
        (3600.0, "h"),
        (60.0, "min"),
        (1.0, "s"),
    ];
    for &(size, name) in table {
        if v >= size && rounded(v / size) >= 1.0 {
            return (mantissa(v / size), name);
        }
    }
    (mantissa(v * 1000.0), "ms")
}

/// The value `mantissa` would display, as a number.
fn rounded(m: f64) -> f64 {
    mantissa(m).replace(',', "").parse().unwrap_or(m)
}

/// Three significant digits for values below 100, whole numbers (grouped) from 100 up,
/// trailing zeros trimmed: 1.157 → "1.16", 18.25 → "18.3", 115.7 → "116", 8919.4 → "8,919".
///
/// ```
/// use sdp_designs::units::mantissa;
/// assert_eq!(mantissa(1.157), "1.16");
/// assert_eq!(mantissa(0.004_25), "0.00425");
/// assert_eq!(mantissa(69_683.2), "69,683");
/// assert_eq!(mantissa(20.0), "20");
/// ```
pub fn mantissa(m: f64) -> String {
    if !m.is_finite() {
        return "—".to_string();
    }
    let a = m.abs();
    if a == 0.0 {
        return "0".to_string();
    }
    if a >= 1e18 {
        return format!("{m:.2e}");
    }
    if a >= 99.95 {
        let r = m.round();
        let g = sdp_kit::fmt::group(r.abs() as u64);
        return if r < 0.0 { format!("-{g}") } else { g };
    }
    let decimals = (2 - a.log10().floor() as i32).clamp(0, 12) as usize;
    // Round half away from zero on the decimal value (18.25 → 18.3), then print.
    let scale = 10f64.powi(decimals as i32);
    let r = (m * scale).round() / scale;
    trim(format!("{r:.decimals$}"))
}

fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A plain number for an input field: shortest round-tripping text, no grouping
/// (`100.0` → "100", `0.5` → "0.5").
pub fn plain(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(unit: &str, base: f64) -> String {
        Unit::parse(unit).unwrap().format(base)
    }

    #[test]
    fn counts() {
        assert_eq!(f("/s", 231.48), "231/s");
        assert_eq!(f("/s", 999.7), "1 K/s");
        assert_eq!(f("msg/day", 20e9), "20 bn msg/day");
        assert_eq!(f("", 3_521_614_606_208.0), "3.52 tn");
        assert_eq!(f("IDs", 4096.0), "4,096 IDs");
        assert_eq!(f("/s", 20_000.0), "20 K/s");
        assert_eq!(f("", 0.5), "0.5");
        assert_eq!(f("K", 12.0), "12");
    }

    #[test]
    fn bytes_and_bits() {
        assert_eq!(f("B/yr", 1.825e13), "18.3 TB/yr");
        assert_eq!(f("B/s", 57.87e6), "57.9 MB/s");
        assert_eq!(f("B", 1e15), "1 PB");
        assert_eq!(f("B", 3e18), "3 EB");
        assert_eq!(f("bit", 1e11), "100 Gbit");
        assert_eq!(f("B", 500.0), "500 B");
    }

    #[test]
    fn money_durations_ratios() {
        assert_eq!(f("$/day", 1e9), "$1bn/day");
        assert_eq!(f("$", 20.625), "$20.63");
        assert_eq!(f("$", 8.0), "$8.00");
        assert_eq!(f("s", 600.0), "10 min");
        assert_eq!(f("s", 0.2), "200 ms");
        assert_eq!(f("s", 2f64.powi(48) / 1000.0), "8,919 years");
        assert_eq!(f("x", 1.5), "1.5×");
        assert_eq!(f("%", 0.1), "10%");
        assert_eq!(f("/s", -1200.0), "-1,200/s");
        assert_eq!(f("/s", -1157.4), "-1.16 K/s");
        assert_eq!(f("/s", f64::NAN), "—");
    }

    #[test]
    fn parse_errors() {
        assert!(Unit::parse("/").is_err());
        assert!(Unit::parse("12").is_err());
        assert!(Unit::parse("MB/").is_err());
        assert_eq!(Unit::parse("bits").unwrap().family, Family::Bits);
        assert_eq!(Unit::parse("min").unwrap().factor, 60.0);
        assert_eq!(Unit::parse("%").unwrap().to_base(10.0), 0.1);
        assert_eq!(Unit::parse("MB").unwrap().from_base(3e8), 300.0);
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(plain(100.0), "100");
        assert_eq!(plain(0.5), "0.5");
        assert_eq!(plain(1e12), "1000000000000");
    }
}
