//! `ln`, `exp` and `pow` from IEEE basic operations only (+, −, ×, ÷ are correctly rounded
//! everywhere), so the labs that need them (power laws, Zipf streams, false-positive curves) give
//! bit-identical traces natively and in WebAssembly, whose `f64::exp`/`powf` come from different
//! math libraries.

const LN2: f64 = std::f64::consts::LN_2;
const SQRT2: f64 = std::f64::consts::SQRT_2;
/// 1/(2k+1) for k = 0 … 10 (const-evaluated: exact IEEE division).
const ODD: [f64; 11] = [
    1.0,
    1.0 / 3.0,
    1.0 / 5.0,
    1.0 / 7.0,
    1.0 / 9.0,
    1.0 / 11.0,
    1.0 / 13.0,
    1.0 / 15.0,
    1.0 / 17.0,
    1.0 / 19.0,
    1.0 / 21.0,
];
/// 1/k! for k = 0 … 9.
const FACT: [f64; 10] = [
    1.0,
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
    1.0 / 362_880.0,
];

/// Natural logarithm of a positive finite `x` (NaN or −∞ otherwise), to about 1e-15.
/// The natural logarithm of `x > 0`, from basic operations only.
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    let (mut m, mut e) = (x, 0i32);
    while m < f64::MIN_POSITIVE {
        m *= 2.0;
        e -= 1;
    }
    // Split the bits: x = m · 2^e with m in [1, 2) (exact), then into [√½, √2).
    let bits = m.to_bits();
    e += ((bits >> 52) & 0x7ff) as i32 - 1023;
    m = f64::from_bits((bits & ((1u64 << 52) - 1)) | (1023u64 << 52));
    if m > SQRT2 {
        m /= 2.0;
        e += 1;
    }
    // ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172.
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut sum = 0.0;
    for c in ODD.iter().rev() {
        sum = sum * s2 + c;
    }
    f64::from(e) * LN2 + 2.0 * s * sum
}

/// `e^y`, to about 1e-15 relative; 0 below −700, +∞ above 700.
pub fn exp(y: f64) -> f64 {
    if y.is_nan() {
        return y;
    }
    if y > 700.0 {
        return f64::INFINITY;
    }
    if y < -700.0 {
        return 0.0;
    }
    let k = (y / LN2).round();
    // |r| ≤ ln2/2; exp(r) = exp(r/16)^16 with a degree-9 Taylor polynomial.
    let r = (y - k * LN2) / 16.0;
    let mut p = 0.0;
    for c in FACT.iter().rev() {
        p = p * r + c;
    }
    for _ in 0..4 {
        p *= p;
    }
    // 2^k is exact for |k| ≤ 1010.
    p * f64::from_bits(((k as i64 + 1023) as u64) << 52)
}

/// `a^b` for positive `a`.
pub fn pow(a: f64, b: f64) -> f64 {
    exp(b * ln(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_to_std() {
        for i in 1..5000 {
            let x = f64::from(i) * 0.37;
            assert!(
                (ln(x) - x.ln()).abs() < 1e-13 * (1.0 + x.ln().abs()),
                "ln {x}"
            );
            let y = f64::from(i) / 400.0 - 6.0;
            assert!((exp(y) - y.exp()).abs() <= 1e-14 * y.exp(), "exp {y}");
            assert!((ln(1.0 / x) + x.ln()).abs() < 1e-13 * (1.0 + x.ln().abs()));
            assert!((pow(x, -0.5) - x.powf(-0.5)).abs() <= 1e-13 * x.powf(-0.5));
        }
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(exp(0.0), 1.0);
        assert!(ln(-1.0).is_nan());
    }
}
