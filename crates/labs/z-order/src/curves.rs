//! Space-filling curves as plain, fast functions: Z-order (Morton) and Hilbert.
//!
//! * Z-order (catalogue M17.1, F0 DP12 "Z-Ordering Algorithm"): bit `i` of column `c` of `n`
//!   columns goes to bit `i·n + c` of the Z-value, so the first column (`x`) holds the least
//!   significant bit. With columns `[x, y]` this is the document's layout
//!   `y3 x3 y2 x2 y1 x1 y0 x0`, and (x=5, y=3) gives **27**, not the 29 the document states.
//! * Hilbert (catalogue M2.6): the standard `xy2d` / `d2xy` with a rotate/flip per quadrant
//!   (Wikipedia's orientation: the curve starts at (0, 0) and ends at (n−1, 0)); the
//!   `fast_hilbert` crate uses the same orientation. Three columns use Skilling's transpose
//!   algorithm ([`hilbert3_index`]).
//!
//! ```
//! use sdp_lab_z_order::curves::{hilbert_xy2d, z_decode2, z_encode2};
//! assert_eq!(z_encode2(5, 3), 27);
//! assert_eq!(z_decode2(27), (5, 3));
//! assert_eq!(hilbert_xy2d(2, 3, 0), 15);
//! ```

/// Largest coordinate [`z_encode3`] keeps (21 bits per column, 63 bits in all).
pub const Z3_MAX: u32 = (1 << 21) - 1;

/// Spreads the 32 bits of `v` to the even bit positions of a `u64`.
fn spread2(v: u32) -> u64 {
    let mut x = u64::from(v);
    x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF;
    x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF;
    x = (x | (x << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
    x = (x | (x << 2)) & 0x3333_3333_3333_3333;
    (x | (x << 1)) & 0x5555_5555_5555_5555
}

/// Gathers the even bits of `z` into a `u32` (inverse of [`spread2`]).
fn compact2(z: u64) -> u32 {
    let mut x = z & 0x5555_5555_5555_5555;
    x = (x | (x >> 1)) & 0x3333_3333_3333_3333;
    x = (x | (x >> 2)) & 0x0F0F_0F0F_0F0F_0F0F;
    x = (x | (x >> 4)) & 0x00FF_00FF_00FF_00FF;
    x = (x | (x >> 8)) & 0x0000_FFFF_0000_FFFF;
    x = (x | (x >> 16)) & 0x0000_0000_FFFF_FFFF;
    x as u32
}

/// Spreads the low 21 bits of `v` to every third bit of a `u64`.
fn spread3(v: u32) -> u64 {
    let mut x = u64::from(v & Z3_MAX);
    x = (x | (x << 32)) & 0x001F_0000_0000_FFFF;
    x = (x | (x << 16)) & 0x001F_0000_FF00_00FF;
    x = (x | (x << 8)) & 0x100F_00F0_0F00_F00F;
    x = (x | (x << 4)) & 0x10C3_0C30_C30C_30C3;
    (x | (x << 2)) & 0x1249_2492_4924_9249
}

/// Gathers every third bit of `z` (inverse of [`spread3`]).
fn compact3(z: u64) -> u32 {
    let mut x = z & 0x1249_2492_4924_9249;
    x = (x ^ (x >> 2)) & 0x10C3_0C30_C30C_30C3;
    x = (x ^ (x >> 4)) & 0x100F_00F0_0F00_F00F;
    x = (x ^ (x >> 8)) & 0x001F_0000_FF00_00FF;
    x = (x ^ (x >> 16)) & 0x001F_0000_0000_FFFF;
    x = (x ^ (x >> 32)) & u64::from(Z3_MAX);
    x as u32
}

/// Z-value of `(x, y)`: bit `i` of `x` → bit `2i`, bit `i` of `y` → bit `2i+1`.
///
/// ```
/// // The document's example (F0 DP12): x = 5, y = 3 → 27 (0x1B), not 29.
/// assert_eq!(sdp_lab_z_order::curves::z_encode2(5, 3), 0b0001_1011);
/// ```
pub fn z_encode2(x: u32, y: u32) -> u64 {
    spread2(x) | (spread2(y) << 1)
}

/// `(x, y)` of a Z-value (inverse of [`z_encode2`]).
pub fn z_decode2(z: u64) -> (u32, u32) {
    (compact2(z), compact2(z >> 1))
}

/// Z-value of `(x, y, z)`: bit `i` of the `k`-th column → bit `3i+k`. Only the low 21 bits of
/// each coordinate are used (higher bits are ignored; see [`Z3_MAX`]).
///
/// ```
/// // Catalogue CV: columns (1, 2, 3) → 53 (0b110101).
/// assert_eq!(sdp_lab_z_order::curves::z_encode3(1, 2, 3), 53);
/// ```
pub fn z_encode3(x: u32, y: u32, z: u32) -> u64 {
    spread3(x) | (spread3(y) << 1) | (spread3(z) << 2)
}

/// `(x, y, z)` of a 3-column Z-value (inverse of [`z_encode3`] on 21-bit coordinates).
pub fn z_decode3(v: u64) -> (u32, u32, u32) {
    (compact3(v), compact3(v >> 1), compact3(v >> 2))
}

/// The document's MULTI-COLUMN rule, bit by bit: for each bit position `i` in `0..bits`, for each
/// column `c` in order, bit `i` of column `c` becomes bit `i·n + c` of the result. Columns past
/// the 64th result bit are dropped, so keep `values.len() × bits ≤ 64`.
///
/// ```
/// use sdp_lab_z_order::curves::interleave;
/// assert_eq!(interleave(&[5, 3], 4), 27);
/// assert_eq!(interleave(&[1, 2, 3], 2), 53);
/// ```
pub fn interleave(values: &[u64], bits: u32) -> u64 {
    let n = values.len() as u32;
    let mut z = 0u64;
    for i in 0..bits {
        for (c, &v) in values.iter().enumerate() {
            let target = i * n + c as u32;
            if target < 64 && i < 64 && (v >> i) & 1 == 1 {
                z |= 1 << target;
            }
        }
    }
    z
}

/// Inverse of [`interleave`]: the `columns` values of `bits` bits each.
///
/// ```
/// assert_eq!(sdp_lab_z_order::curves::deinterleave(27, 2, 4), vec![5, 3]);
/// ```
pub fn deinterleave(z: u64, columns: usize, bits: u32) -> Vec<u64> {
    let n = columns as u32;
    let mut out = vec![0u64; columns];
    for i in 0..bits.min(64) {
        for (c, v) in out.iter_mut().enumerate() {
            let source = i * n + c as u32;
            if source < 64 && (z >> source) & 1 == 1 {
                *v |= 1 << i;
            }
        }
    }
    out
}

/// Hilbert index of `(x, y)` on a `2^order × 2^order` grid (standard `xy2d`). `order` is
/// clamped to `0..=32`; coordinates are reduced modulo `2^order`.
///
/// ```
/// use sdp_lab_z_order::curves::hilbert_xy2d;
/// // Catalogue CV (n = 2): (0,0)=0, (0,1)=1, (1,1)=2, (1,0)=3; n = 8: (5,3) = 52.
/// assert_eq!([hilbert_xy2d(1, 0, 0), hilbert_xy2d(1, 0, 1), hilbert_xy2d(1, 1, 1), hilbert_xy2d(1, 1, 0)], [0, 1, 2, 3]);
/// assert_eq!(hilbert_xy2d(3, 5, 3), 52);
/// ```
pub fn hilbert_xy2d(order: u32, x: u32, y: u32) -> u64 {
    let order = order.min(32);
    let n: u64 = 1 << order;
    let mask = n - 1;
    let (mut x, mut y) = (u64::from(x) & mask, u64::from(y) & mask);
    let mut d = 0u64;
    let mut s = n / 2;
    while s > 0 {
        let rx = u64::from(x & s != 0);
        let ry = u64::from(y & s != 0);
        d += s * s * ((3 * rx) ^ ry);
        rotate(mask, &mut x, &mut y, rx, ry);
        s /= 2;
    }
    d
}

/// `(x, y)` of Hilbert index `d` on a `2^order × 2^order` grid (standard `d2xy`, inverse of
/// [`hilbert_xy2d`]). `order` is clamped to `0..=32`; `d` is reduced modulo `4^order`.
///
/// ```
/// assert_eq!(sdp_lab_z_order::curves::hilbert_d2xy(2, 15), (3, 0));
/// ```
pub fn hilbert_d2xy(order: u32, d: u64) -> (u32, u32) {
    let order = order.min(32);
    let n: u64 = 1 << order;
    let mut t = if order == 32 {
        d
    } else {
        d & ((1u64 << (2 * order)) - 1)
    };
    let (mut x, mut y) = (0u64, 0u64);
    let mut s = 1u64;
    while s < n {
        let rx = 1 & (t / 2);
        let ry = 1 & (t ^ rx);
        rotate(s - 1, &mut x, &mut y, rx, ry);
        x += s * rx;
        y += s * ry;
        t /= 4;
        s *= 2;
    }
    (x as u32, y as u32)
}

/// The quadrant rotation of `xy2d` / `d2xy`, without branches: when `ry == 0`, flip both
/// coordinates within `0..=mask` if `rx == 1`, then swap x and y. Both coordinates are
/// `≤ mask`, so `mask − v = mask XOR v`.
fn rotate(mask: u64, x: &mut u64, y: &mut u64, rx: u64, ry: u64) {
    let lower = ry ^ 1;
    let flip = 0u64.wrapping_sub(rx & lower) & mask;
    *x ^= flip;
    *y ^= flip;
    let swap = (*x ^ *y) & 0u64.wrapping_sub(lower);
    *x ^= swap;
    *y ^= swap;
}

/// Hilbert index of a 3-column point with `bits` bits per column (Skilling's `AxesToTranspose`,
/// 2004). `bits` is clamped to `1..=21`; coordinates are reduced modulo `2^bits`. Consecutive
/// indices are always neighbouring cells.
///
/// ```
/// use sdp_lab_z_order::curves::{hilbert3_index, hilbert3_point};
/// let d = hilbert3_index(4, [3, 9, 14]);
/// assert_eq!(hilbert3_point(4, d), [3, 9, 14]);
/// ```
pub fn hilbert3_index(bits: u32, point: [u32; 3]) -> u64 {
    let bits = bits.clamp(1, 21);
    let mask = (1u32 << bits) - 1;
    let mut x = point.map(|v| v & mask);
    axes_to_transpose(&mut x, bits);
    let mut d = 0u64;
    for b in (0..bits).rev() {
        for v in x {
            d = (d << 1) | u64::from((v >> b) & 1);
        }
    }
    d
}

/// The point of 3-column Hilbert index `d` (inverse of [`hilbert3_index`]).
pub fn hilbert3_point(bits: u32, d: u64) -> [u32; 3] {
    let bits = bits.clamp(1, 21);
    let mut x = [0u32; 3];
    let total = 3 * bits;
    for k in 0..total {
        let bit = ((d >> (total - 1 - k)) & 1) as u32;
        let (b, i) = (bits - 1 - k / 3, (k % 3) as usize);
        x[i] |= bit << b;
    }
    transpose_to_axes(&mut x, bits);
    x
}

fn axes_to_transpose(x: &mut [u32; 3], bits: u32) {
    let m = 1u32 << (bits - 1);
    let mut q = m;
    while q > 1 {
        let p = q - 1;
        for i in 0..3 {
            if x[i] & q != 0 {
                x[0] ^= p;
            } else {
                let t = (x[0] ^ x[i]) & p;
                x[0] ^= t;
                x[i] ^= t;
            }
        }
        q >>= 1;
    }
    for i in 1..3 {
        x[i] ^= x[i - 1];
    }
    let mut t = 0;
    q = m;
    while q > 1 {
        if x[2] & q != 0 {
            t ^= q - 1;
        }
        q >>= 1;
    }
    for v in x.iter_mut() {
        *v ^= t;
    }
}

fn transpose_to_axes(x: &mut [u32; 3], bits: u32) {
    let top = 2u32 << (bits - 1);
    let t = x[2] >> 1;
    for i in (1..3).rev() {
        x[i] ^= x[i - 1];
    }
    x[0] ^= t;
    let mut q = 2u32;
    while q != top {
        let p = q - 1;
        for i in (0..3).rev() {
            if x[i] & q != 0 {
                x[0] ^= p;
            } else {
                let t = (x[0] ^ x[i]) & p;
                x[0] ^= t;
                x[i] ^= t;
            }
        }
        q <<= 1;
    }
}

/// `value` as `width` binary digits, most significant first.
///
/// ```
/// assert_eq!(sdp_lab_z_order::curves::binary(27, 8), "00011011");
/// ```
pub fn binary(value: u64, width: u32) -> String {
    (0..width)
        .rev()
        .map(|i| if (value >> i) & 1 == 1 { '1' } else { '0' })
        .collect()
}

/// Grid distance between two cells (`|dx| + |dy|`): 1 between neighbours.
///
/// ```
/// assert_eq!(sdp_lab_z_order::curves::manhattan((1, 0), (0, 1)), 2);
/// ```
pub fn manhattan(a: (u16, u16), b: (u16, u16)) -> u32 {
    u32::from(a.0.abs_diff(b.0)) + u32::from(a.1.abs_diff(b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn z_round_trips_at_the_edges() {
        for (x, y) in [(0, 0), (u32::MAX, 0), (0, u32::MAX), (u32::MAX, u32::MAX)] {
            assert_eq!(z_decode2(z_encode2(x, y)), (x, y));
        }
        assert_eq!(z_decode3(z_encode3(Z3_MAX, 0, Z3_MAX)), (Z3_MAX, 0, Z3_MAX));
    }

    #[test]
    fn hilbert_order_32_round_trips() {
        for (x, y) in [(0, 0), (u32::MAX, 0), (12345, u32::MAX - 7)] {
            assert_eq!(hilbert_d2xy(32, hilbert_xy2d(32, x, y)), (x, y));
        }
        assert_eq!(hilbert_xy2d(0, 5, 5), 0);
    }
}
