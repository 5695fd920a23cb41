//! Unix milliseconds as UTC dates (`2016-07-30T23:54:10.259Z`), from the proleptic Gregorian
//! calendar's arithmetic (no clock, no library).

/// `(year, month, day)` of a day count since 1970-01-01.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// ISO 8601 UTC text of Unix milliseconds `ms`.
///
/// ```
/// use sdp_lab_ids::date::iso;
/// assert_eq!(iso(1_469_922_850_259), "2016-07-30T23:54:10.259Z");
/// assert_eq!(iso(1_704_067_200_000), "2024-01-01T00:00:00.000Z");
/// assert_eq!(iso(0), "1970-01-01T00:00:00.000Z");
/// ```
pub fn iso(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil(days);
    let (h, min, s, milli) = (
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1_000 % 60,
        rest % 1_000,
    );
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}Z")
}

/// The year of Unix milliseconds `ms`.
pub fn year(ms: i64) -> i64 {
    civil(ms.div_euclid(86_400_000)).0
}
