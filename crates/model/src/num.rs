//! Numbers as text without core's float formatting (`{}` on an `f64`): its code and tables
//! (`core::num::flt2dec`) are some 8 KB of the reader's brotli bytes, and the reader writes
//! numbers only in a few places (CSS, SVG, messages about data). `shortest` uses the formatter
//! serde_json brings along (`zmij`); `fixed` is integer arithmetic.

/// The shortest text that reads back as `v`, as `{}` writes it for everyday numbers ("12.5",
/// "12", "-0.001"); the very large and the very small with an exponent ("1e308", "1e-7");
/// "NaN", "inf", "-inf".
pub fn shortest(v: f64) -> String {
    let mut buf = zmij::Buffer::new();
    let s = buf.format(v);
    s.strip_suffix(".0").unwrap_or(s).replace("e+", "e")
}

/// `v` rounded to `decimals` places (at most 9), trailing zeros left out: `fixed(12.5, 2)` is
/// "12.5", `fixed(-0.004, 2)` is "0". A value too large for that (beyond 1e15) or not finite is
/// written as `shortest` writes it.
pub fn fixed(v: f64, decimals: u32) -> String {
    let decimals = decimals.min(9);
    let scale = 10u64.pow(decimals);
    let n = (v.abs() * scale as f64).round();
    if !v.is_finite() || n >= 1e15 {
        return shortest(v);
    }
    let n = n as u64;
    let (int, frac) = (n / scale, n % scale);
    let sign = if v < 0.0 && n != 0 { "-" } else { "" };
    if frac == 0 {
        return format!("{sign}{int}");
    }
    let digits = format!("{frac:0width$}", width = decimals as usize);
    format!("{sign}{int}.{}", digits.trim_end_matches('0'))
}

/// `v` kept within `lo..=hi`, as `f64::clamp` does, but without its check that `lo <= hi`,
/// whose message formats both (and so brings in core's float formatting); `lo` wins when
/// `lo > hi`. NaN stays NaN.
pub fn within(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo
    } else if v > hi {
        hi
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_writes_what_display_writes_for_everyday_numbers() {
        for v in [0.0, 1.0, 12.5, -0.001, 123456.789, 0.1 + 0.2, 4096.0, -3.0] {
            assert_eq!(shortest(v), format!("{v}"), "{v}");
        }
        assert_eq!(shortest(1e308), "1e308");
        assert_eq!(shortest(1e-7), "1e-7");
        assert_eq!(shortest(f64::NAN), "NaN");
        assert_eq!(shortest(f64::INFINITY), "inf");
        assert_eq!(shortest(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn fixed_rounds_and_leaves_out_trailing_zeros() {
        assert_eq!(fixed(12.5, 2), "12.5");
        assert_eq!(fixed(12.0, 2), "12");
        assert_eq!(fixed(0.123456, 4), "0.1235");
        assert_eq!(fixed(-4.56789, 2), "-4.57");
        assert_eq!(fixed(-0.004, 2), "0");
        assert_eq!(fixed(0.05, 4), "0.05");
        assert_eq!(fixed(1.0 / 3.0, 9), "0.333333333");
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(1e20, 2), "1e20");
        assert_eq!(fixed(f64::NAN, 2), "NaN");
        // What `{:.N}` writes, trailing zeros aside, over a sweep of values.
        for i in -2000..2000 {
            let v = i as f64 * 0.37 + 0.0001;
            let want = format!("{v:.3}");
            let want =
                if want.contains('.') { want.trim_end_matches('0').trim_end_matches('.').to_string() } else { want };
            let want = if want == "-0" { "0".to_string() } else { want };
            assert_eq!(fixed(v, 3), want, "{v}");
        }
    }

    #[test]
    fn within_keeps_a_value_in_its_bounds() {
        assert_eq!(within(5.0, 0.0, 1.0), 1.0);
        assert_eq!(within(-5.0, 0.0, 1.0), 0.0);
        assert_eq!(within(0.5, 0.0, 1.0), 0.5);
        assert_eq!(within(0.5, 1.0, 0.0), 1.0);
        assert!(within(f64::NAN, 0.0, 1.0).is_nan());
    }
}
