//! Times of day in milliseconds: parsing `HH:MM:SS(.mmm)` or plain milliseconds, and formatting.
//!
//! Every time in this crate (event time, processing time, watermark) is an `i64` count of
//! milliseconds since midnight of the scenario's day. Hours may go past 23 (a long stream runs
//! into the next day: `26:00:00`), up to [`MAX_TIME_MS`].

use sdp_kit::lab::ParamError;
use sdp_kit::query::shorten;

/// Milliseconds in a second.
pub const SECOND: i64 = 1_000;
/// Milliseconds in a minute.
pub const MINUTE: i64 = 60 * SECOND;
/// Milliseconds in an hour.
pub const HOUR: i64 = 60 * MINUTE;
/// Where generated streams start, in event time and processing time: 10:00:00.
pub const START_MS: i64 = 10 * HOUR;
/// The latest time a hand-injected event may carry: 99:59:59.999.
pub const MAX_TIME_MS: i64 = 100 * HOUR - 1;
/// The final watermark a bounded source emits at the end of its input ("+∞").
pub const END_OF_TIME: i64 = i64::MAX;

/// Formats a time of day: `10:00:02`, or `10:00:02.500` when there are milliseconds; a leading
/// `−` for negative times and `+∞` for [`END_OF_TIME`].
///
/// ```
/// use sdp_lab_watermarks::time::format_time;
/// assert_eq!(format_time(36_002_000), "10:00:02");
/// assert_eq!(format_time(36_002_050), "10:00:02.050");
/// assert_eq!(format_time(-5_000), "−00:00:05");
/// ```
pub fn format_time(ms: i64) -> String {
    if ms == END_OF_TIME {
        return "+∞".to_string();
    }
    let sign = if ms < 0 { "−" } else { "" };
    let a = ms.unsigned_abs();
    let (h, m, s, f) = (a / 3_600_000, a / 60_000 % 60, a / 1_000 % 60, a % 1_000);
    if f == 0 {
        format!("{sign}{h:02}:{m:02}:{s:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{s:02}.{f:03}")
    }
}

/// Formats an optional watermark: `−∞` when there is none yet.
pub fn format_watermark(w: Option<i64>) -> String {
    w.map_or_else(|| "−∞".to_string(), format_time)
}

/// Formats a duration: `250 ms`, `5 s`, `1.5 s`, `2 min`, `2 min 30 s`, `1 h 5 min`.
///
/// ```
/// use sdp_lab_watermarks::time::format_duration;
/// assert_eq!(format_duration(5_000), "5 s");
/// assert_eq!(format_duration(1_500), "1.5 s");
/// assert_eq!(format_duration(150_000), "2 min 30 s");
/// ```
pub fn format_duration(ms: i64) -> String {
    let sign = if ms < 0 { "−" } else { "" };
    let a = ms.unsigned_abs();
    let text = if a < 1_000 {
        format!("{a} ms")
    } else if a < 60_000 {
        if a % 1_000 == 0 {
            format!("{} s", a / 1_000)
        } else {
            let s = format!("{:.3}", a as f64 / 1_000.0);
            format!("{} s", s.trim_end_matches('0'))
        }
    } else if a < 3_600_000 {
        let (m, rest) = (a / 60_000, a % 60_000);
        if rest == 0 {
            format!("{m} min")
        } else {
            format!("{m} min {}", format_duration(rest as i64))
        }
    } else {
        let (h, rest) = (a / 3_600_000, a % 3_600_000);
        if rest == 0 {
            format!("{h} h")
        } else {
            format!("{h} h {}", format_duration(rest as i64))
        }
    };
    format!("{sign}{text}")
}

/// What [`parse_time`] accepts, for error messages.
pub const TIME_SYNTAX: &str =
    "HH:MM:SS, HH:MM:SS.mmm (1–3 digits) or whole milliseconds, e.g. 10:00:02";

/// Parses `HH:MM:SS`, `H:MM:SS`, `HH:MM:SS.m`, `.mm`, `.mmm` or plain milliseconds (`36002000`),
/// surrounding spaces allowed. Hours 0–99, minutes and seconds 0–59, result ≤ [`MAX_TIME_MS`].
///
/// ```
/// use sdp_lab_watermarks::time::parse_time;
/// assert_eq!(parse_time("10:00:02"), Ok(36_002_000));
/// assert_eq!(parse_time("10:00:02.5"), Ok(36_002_500));
/// assert_eq!(parse_time("36002000"), Ok(36_002_000));
/// assert!(parse_time("10:61:00").is_err());
/// assert!(parse_time("10:00").is_err());
/// ```
pub fn parse_time(text: &str) -> Result<i64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("empty time; expected {TIME_SYNTAX}"));
    }
    let value = if t.contains(':') {
        parse_clock(t)?
    } else {
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "“{}” is not a time; expected {TIME_SYNTAX}",
                shorten(t)
            ));
        }
        t.parse::<i64>()
            .map_err(|_| format!("“{}” is too large; at most {MAX_TIME_MS} ms", shorten(t)))?
    };
    if value > MAX_TIME_MS {
        return Err(format!(
            "“{}” is after {}, the latest time allowed",
            shorten(t),
            format_time(MAX_TIME_MS)
        ));
    }
    Ok(value)
}

fn parse_clock(t: &str) -> Result<i64, String> {
    let bad = || format!("“{}” is not a time; expected {TIME_SYNTAX}", shorten(t));
    let parts: Vec<&str> = t.split(':').collect();
    let [h, m, s] = parts.as_slice() else {
        return Err(bad());
    };
    let (s, frac) = match s.split_once('.') {
        Some((s, f)) => (s, Some(f)),
        None => (*s, None),
    };
    let digits = |x: &str, min: usize, max: usize| {
        (min..=max).contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 1, 2) || !digits(m, 2, 2) || !digits(s, 2, 2) {
        return Err(bad());
    }
    let num = |x: &str| x.parse::<i64>().map_err(|_| bad());
    let (h, m, s) = (num(h)?, num(m)?, num(s)?);
    if m > 59 || s > 59 {
        return Err(format!(
            "“{}”: minutes and seconds must be 00–59",
            shorten(t)
        ));
    }
    let ms = match frac {
        None => 0,
        Some(f) if digits(f, 1, 3) => num(f)? * 10i64.pow(3 - f.len() as u32),
        Some(_) => {
            return Err(format!(
                "“{}”: the fraction of a second must have 1–3 digits",
                shorten(t)
            ));
        }
    };
    Ok(h * HOUR + m * MINUTE + s * SECOND + ms)
}

/// [`parse_time`] with the error as a [`ParamError`] on `field`.
///
/// ```
/// let e = sdp_lab_watermarks::time::parse_timestamp("a[0]", "10:0x:00").unwrap_err();
/// assert_eq!(e.field, "a[0]");
/// ```
pub fn parse_timestamp(field: &str, text: &str) -> Result<i64, ParamError> {
    parse_time(text).map_err(|m| ParamError::new(field, m))
}

/// The canonical text of a time for URLs: [`format_time`] for non-negative times within range
/// (which [`parse_time`] reads back exactly), plain milliseconds otherwise.
pub fn time_text(ms: i64) -> String {
    if (0..=MAX_TIME_MS).contains(&ms) {
        format_time(ms)
    } else {
        ms.to_string()
    }
}
