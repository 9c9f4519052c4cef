//! Exact numbers: parsing what users type into `Decimal`, and formatting for display.
//! No binary floating point anywhere.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::problem::Refusal;
use super::text::short_value;

/// Significant digits a `Decimal` always holds (some 29-digit numbers fit too); longer numbers
/// would be silently rounded, so they are refused.
pub const MAX_DECIMAL_DIGITS: usize = 28;

/// Most characters a typed number may have (more is certainly a mistake or hostile input).
const MAX_NUMBER_CHARS: usize = 40;

/// Parses a number as a person types it: ASCII or full-width digits, an optional sign,
/// one decimal point, thousands separators (`,` or `,`) and spaces ignored.
/// Errors say in Chinese what is wrong; the caller says where (a [`Refusal`] without a place).
pub fn parse_decimal(raw: &str) -> Result<Decimal, Refusal> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(Refusal::new("未填写"));
    }
    if trimmed.chars().count() > MAX_NUMBER_CHARS {
        return Err(Refusal::new(format!("数字过长(超过{MAX_NUMBER_CHARS}个字符)")));
    }
    let mut s = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        match c {
            '0'..='9' | '.' | '-' | '+' => s.push(c),
            // Full-width digits and signs, as typed with a Chinese input method.
            '\u{FF10}'..='\u{FF19}' => s.push(char::from(b'0' + (c as u32 - 0xFF10) as u8)),
            '\u{FF0E}' | '\u{3002}' => s.push('.'),
            '\u{FF0D}' | '\u{2212}' => s.push('-'),
            '\u{FF0B}' => s.push('+'),
            // Thousands separators and spaces (ASCII and full-width).
            ',' | '\u{FF0C}' | ' ' | '\u{3000}' | '_' => {}
            _ => return Err(Refusal::new(format!("不是有效的数字:「{}」", short_value(trimmed)))),
        }
    }
    let body = s.strip_prefix('+').unwrap_or(&s);
    let valid_shape = {
        let digits = body.strip_prefix('-').unwrap_or(body);
        let mut parts = digits.split('.');
        let int = parts.next().unwrap_or("");
        let frac = parts.next();
        parts.next().is_none()
            && int.chars().all(|c| c.is_ascii_digit())
            && frac.is_none_or(|f| f.chars().all(|c| c.is_ascii_digit()))
            && (!int.is_empty() || frac.is_some_and(|f| !f.is_empty()))
    };
    if !valid_shape {
        return Err(Refusal::new(format!("不是有效的数字:「{}」", short_value(trimmed))));
    }
    let significant = body.chars().filter(|c| c.is_ascii_digit()).count();
    if significant > MAX_DECIMAL_DIGITS {
        return Err(Refusal::new(format!(
            "数字位数过多(最多{MAX_DECIMAL_DIGITS}位有效数字):「{}」",
            short_value(trimmed)
        )));
    }
    body.parse::<Decimal>()
        .map_err(|_| Refusal::new(format!("不是有效的数字:「{}」", short_value(trimmed))))
}

/// A non-negative amount (money, counts of entities).
pub fn parse_amount(raw: &str) -> Result<Decimal, Refusal> {
    let d = parse_decimal(raw)?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(Refusal::new(format!("不能为负数:「{}」", short_value(raw.trim()))));
    }
    Ok(d)
}

/// A rate in %, between 0 and 100 inclusive.
pub fn parse_percent(raw: &str) -> Result<Decimal, Refusal> {
    let d = parse_decimal(raw)?;
    if d < Decimal::ZERO || d > Decimal::ONE_HUNDRED {
        return Err(Refusal::new(format!("比率应在0到100(%)之间,填写的是「{}」", short_value(raw.trim()))));
    }
    Ok(d)
}

/// A growth rate in % as published (may be negative, must be above -100%).
pub fn parse_growth_percent(raw: &str) -> Result<Decimal, Refusal> {
    let d = parse_decimal(raw)?;
    if d <= -Decimal::ONE_HUNDRED {
        return Err(Refusal::new(format!("增速应大于-100%,填写的是「{}」", short_value(raw.trim()))));
    }
    Ok(d)
}

/// A non-negative whole number.
pub fn parse_count(raw: &str) -> Result<u64, Refusal> {
    let d = parse_decimal(raw)?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(Refusal::new(format!("不能为负数:「{}」", short_value(raw.trim()))));
    }
    if d.fract() != Decimal::ZERO {
        return Err(Refusal::new(format!("应为整数:「{}」", short_value(raw.trim()))));
    }
    d.trunc().to_u64().ok_or_else(|| Refusal::new(format!("数字过大:「{}」", short_value(raw.trim()))))
}

/// A judged score between 0 and `max` with at most `decimals` decimal places.
pub fn parse_score(raw: &str, max: Decimal, decimals: u32) -> Result<Decimal, Refusal> {
    let d = parse_decimal(raw)?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(Refusal::new(format!("得分不能为负数:「{}」", short_value(raw.trim()))));
    }
    if d > max {
        return Err(Refusal::new(format!("得分{}超过本项满分{}", fmt(d), fmt(max))));
    }
    if d.normalize().scale() > decimals {
        return Err(Refusal::new(if decimals == 0 {
            format!("得分应为整数:「{}」", short_value(raw.trim()))
        } else {
            format!("得分最多保留{decimals}位小数:「{}」", short_value(raw.trim()))
        }));
    }
    Ok(d)
}

/// A year as typed (four digits).
pub fn parse_year(raw: &str) -> Result<i32, Refusal> {
    let d = parse_decimal(raw)?;
    if d.fract() != Decimal::ZERO || d < Decimal::from(1900) || d > Decimal::from(2200) {
        return Err(Refusal::new(format!("不是有效的年份:「{}」", short_value(raw.trim()))));
    }
    d.trunc().to_i32().ok_or_else(|| Refusal::new(format!("不是有效的年份:「{}」", short_value(raw.trim()))))
}

/// Formats a decimal without trailing zeros (`3.50` → `3.5`, `2.00` → `2`).
pub fn fmt(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A difference with its sign: `+0.5`, `-1`, `0`.
pub fn fmt_signed(d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{}", fmt(d))
    } else {
        fmt(d)
    }
}

/// Truncates toward zero to `places` decimals (never rounds up across a pass line).
pub fn truncate(d: Decimal, places: u32) -> Decimal {
    d.round_dp_with_strategy(places, RoundingStrategy::ToZero)
}

/// Rounds half up (四舍五入, away from zero at .5) to `places` decimals.
pub fn round_half_up(d: Decimal, places: u32) -> Decimal {
    d.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// A fraction (0.8) as a percentage string truncated to two decimals (`80.00`).
pub fn percent_truncated(fraction: Decimal) -> String {
    let p = truncate(fraction * Decimal::ONE_HUNDRED, 2);
    format!("{:.2}", p)
}

/// Growth `(current / previous - 1) * 100`, exact; `None` when `previous` is zero.
pub fn growth_percent(current: Decimal, previous: Decimal) -> Option<Decimal> {
    if previous.is_zero() {
        return None;
    }
    let ratio = current.checked_div(previous)?;
    (ratio - Decimal::ONE).checked_mul(Decimal::ONE_HUNDRED)
}


#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_decimal("1,234.50").unwrap(), d("1234.50"));
        assert_eq!(parse_decimal(" 12.5 ").unwrap(), d("12.5"));
        assert_eq!(parse_decimal("\u{FF11}\u{FF12}\u{FF0E}\u{FF15}").unwrap(), d("12.5"));
        assert_eq!(parse_decimal("1\u{FF0C}000").unwrap(), d("1000"));
        assert_eq!(parse_decimal("12.5").unwrap(), d("12.5"));
        assert_eq!(parse_decimal("+3").unwrap(), d("3"));
        assert_eq!(parse_decimal("-3").unwrap(), d("-3"));
        assert_eq!(parse_decimal(".5").unwrap(), d("0.5"));
        assert!(parse_decimal("1.2.3").is_err());
        assert!(parse_decimal("abc").is_err());
        assert!(parse_decimal("").is_err());
        assert!(parse_decimal("-").is_err());
        assert!(parse_decimal("1e5").is_err());
        assert!(parse_decimal("1234567890123456789012345678901234567890").is_err());
        assert!(parse_decimal("12345678901234567890123456789").is_err());
    }

    #[test]
    fn percent_range_and_scores() {
        assert!(parse_percent("100").is_ok());
        assert!(parse_percent("0").is_ok());
        assert!(parse_percent("100.01").unwrap_err().message.contains("0到100"));
        assert!(parse_percent("-1").is_err());
        assert_eq!(parse_score("1.5", d("2"), 1).unwrap(), d("1.5"));
        assert!(parse_score("1.55", d("2"), 1).unwrap_err().message.contains("1位小数"));
        assert_eq!(parse_score("1.50", d("2"), 1).unwrap(), d("1.50"));
        assert!(parse_score("2.1", d("2"), 1).unwrap_err().message.contains("超过本项满分2"));
        assert!(parse_score("-0.5", d("2"), 1).is_err());
        assert_eq!(parse_count("12").unwrap(), 12);
        assert!(parse_count("1.5").is_err());
        assert!(parse_count("-1").is_err());
        assert_eq!(parse_year("2024").unwrap(), 2024);
        assert!(parse_year("24.5").is_err());
    }

    #[test]
    fn truncation_never_crosses_the_line() {
        assert_eq!(percent_truncated(d("0.79996")), "79.99");
        assert_eq!(percent_truncated(d("0.8")), "80.00");
        assert_eq!(percent_truncated(d("1")), "100.00");
        assert_eq!(round_half_up(d("2.345"), 2), d("2.35"));
        assert_eq!(round_half_up(d("2.344"), 2), d("2.34"));
    }

    #[test]
    fn growth_is_exact() {
        assert_eq!(growth_percent(d("110"), d("100")).unwrap(), d("10"));
        assert_eq!(growth_percent(d("90"), d("100")).unwrap(), d("-10"));
        assert!(growth_percent(d("1"), d("0")).is_none());
    }
}
