//! Number formatting for narration and metrics.

/// Groups digits in threes with commas.
///
/// ```
/// assert_eq!(sdp_kit::fmt::group(1234567), "1,234,567");
/// assert_eq!(sdp_kit::fmt::group(12), "12");
/// ```
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `part` as a percentage of `whole`, one decimal ("25.3%"); "0.0%" when `whole` is 0.
///
/// ```
/// assert_eq!(sdp_kit::fmt::percent(2534, 10000), "25.3%");
/// ```
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "0.0%".to_string()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}
