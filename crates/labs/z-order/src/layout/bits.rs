//! The weave of `bits` mode: each column's bit sits right above the Z bit it goes to, the most
//! significant bit on the left.

use crate::BitsState;

pub use crate::curves::binary;

/// Width of one bit slot (SVG units).
pub const PITCH: f64 = 34.0;
/// Side of a bit box.
pub const BOX: f64 = 28.0;
/// Room for the row labels on the left.
pub const LABEL_W: f64 = 150.0;
/// Height of one column's row.
pub const ROW_H: f64 = 54.0;

/// Left edge of Z bit `t` (of `width` bits; the most significant bit is on the left).
///
/// ```
/// use sdp_lab_z_order::layout::bits::slot_x;
/// assert!(slot_x(8, 7) < slot_x(8, 0));
/// ```
pub fn slot_x(width: u32, t: u32) -> f64 {
    LABEL_W + f64::from(width.saturating_sub(1).saturating_sub(t)) * PITCH
}

/// The Z bit that column `column`'s bit `bit` goes to, with `columns` columns.
///
/// ```
/// assert_eq!(sdp_lab_z_order::layout::bits::target(3, 1, 2), 7);
/// ```
pub fn target(bit: u32, column: u32, columns: u32) -> u32 {
    bit * columns + column
}

/// Top of the Z-value row, below `columns` column rows.
pub fn z_row_y(columns: u32) -> f64 {
    28.0 + f64::from(columns) * ROW_H + 34.0
}

/// Top of column `c`'s row.
pub fn column_row_y(c: usize) -> f64 {
    28.0 + c as f64 * ROW_H
}

/// The size of the weave drawing for `columns` columns of `bits` bits: `(width, height)`.
pub fn weave_size(columns: u32, bits: u32) -> (f64, f64) {
    let w = columns * bits;
    (
        LABEL_W + f64::from(w) * PITCH + 8.0,
        z_row_y(columns) + BOX + 34.0,
    )
}

/// The column values read back from the placed Z bits (`name = value`).
pub fn decode(s: &BitsState) -> Vec<String> {
    let n = s.values.len() as u32;
    s.names
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let v = (0..u32::from(s.bits)).fold(0u64, |acc, i| {
                acc | (((s.z >> (i * n + c as u32)) & 1) << i)
            });
            format!("{name} = {v}")
        })
        .collect()
}

/// Ordinal for "every 2nd / 3rd bit".
pub fn every(columns: u32) -> &'static str {
    if columns == 2 { "2nd" } else { "3rd" }
}
