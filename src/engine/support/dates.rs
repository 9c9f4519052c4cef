//! Civil dates for the creation process (第七条–第十七条, 第二十二条): parsing what users type,
//! day arithmetic, and the periods of the 《民法典》.
//!
//! - 第二百零一条: a period counted in days starts counting the day after the day it begins, so
//!   a 15-day 公示 published on 5 May ends at the end of 20 May: [`Date::period_end_days`].
//! - 第二百零二条: a period counted in months or years ends on the corresponding day of the
//!   final month; when that month has no such day, on its last day: [`Date::add_months`],
//!   [`Date::add_years`] (a creation period approved on 2024-02-29 for one year ends on 2025-02-28).
//!
//! Statutory holidays (第二百零三条: a period ending on a holiday ends on the day after it) are not
//! modelled; wherever such a date is shown, say so ([`HOLIDAYS_NOT_COUNTED`]).
//!
//! Proleptic Gregorian calendar; no time zones (a date is a calendar day as the user typed it).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::problem::Refusal;
use super::text::short_value;

/// The note shown beside every period end date computed here.
pub const HOLIDAYS_NOT_COUNTED: &str = "未计入法定节假日";

/// Earliest year accepted.
pub const MIN_YEAR: i32 = 1900;
/// Latest year accepted.
pub const MAX_YEAR: i32 = 2200;

/// A calendar day (proleptic Gregorian). Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Whether `year` is a leap year (divisible by 4, except centuries not divisible by 400).
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month (1–12) of a year; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date when it exists (any year within `i32` range that the arithmetic can hold).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(-1_000_000..=1_000_000).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month: month as u8, day: day as u8 })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Parses a date as typed: `YYYY-MM-DD` (surrounding spaces ignored; full-width digits and
    /// dashes, as typed with a Chinese input method, are accepted). Errors are Chinese sentences.
    pub fn parse(raw: &str) -> Result<Date, Refusal> {
        let trimmed = raw.trim().trim_matches('\u{3000}');
        if trimmed.is_empty() {
            return Err(Refusal::new("未填写日期"));
        }
        // What was typed, as a message shows it (made only for a message).
        let shown = || short_value(trimmed);
        let format_error = || {
            Refusal::new(format!("日期格式应为YYYY-MM-DD(四位年份-两位月份-两位日期,例如2025-05-05),填写的是「{}」", shown()))
        };
        let mut s = String::with_capacity(trimmed.len());
        for c in trimmed.chars() {
            match c {
                '0'..='9' | '-' => s.push(c),
                '\u{FF10}'..='\u{FF19}' => s.push(char::from(b'0' + (c as u32 - 0xFF10) as u8)),
                '\u{FF0D}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => s.push('-'),
                _ => return Err(format_error()),
            }
        }
        let parts: Vec<&str> = s.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(format_error());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(format_error());
        }
        // Only ASCII digits are left, at most four of them: these parses cannot fail.
        let year: i32 = y.parse().map_err(|_| format_error())?;
        let month: u32 = m.parse().map_err(|_| format_error())?;
        let day: u32 = d.parse().map_err(|_| format_error())?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(Refusal::new(format!("年份{year}不在{MIN_YEAR}年至{MAX_YEAR}年之间:「{}」", shown())));
        }
        if !(1..=12).contains(&month) {
            return Err(Refusal::new(format!("月份{m}无效(应为01至12):「{}」", shown())));
        }
        let last = days_in_month(year, month);
        if day == 0 {
            return Err(Refusal::new(format!("日期{d}无效(应从01日开始):「{}」", shown())));
        }
        if day > last {
            let why = if month == 2 {
                if is_leap_year(year) {
                    format!("{year}年是闰年,2月有29天")
                } else {
                    format!("{year}年不是闰年,2月只有28天")
                }
            } else {
                format!("{month}月只有{last}天")
            };
            return Err(Refusal::new(format!("{year}年{month}月没有{day}日({why}):「{}」", shown())));
        }
        Ok(Date { year, month: month as u8, day: day as u8 })
    }

    /// Days since 1970-01-01 (negative before). Howard Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let era = y.div_euclid(400);
        let yoe = y - era * 400; // [0, 399]
        let mp = (m + 9) % 12; // March = 0
        let doy = (153 * mp + 2) / 5 + d - 1; // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01. Howard Hinnant's `civil_from_days`.
    /// `None` outside the range [`Date::new`] accepts.
    pub fn from_days(days: i64) -> Option<Date> {
        if !(-400_000_000..=400_000_000).contains(&days) {
            return None;
        }
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097; // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
        let mp = (5 * doy + 2) / 153; // [0, 11]
        let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
        let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u32, day as u32)
    }

    /// The date `n` days later (earlier when `n` is negative). `None` out of range.
    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.to_days().checked_add(n)?)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }

    /// The corresponding day `n` months later (earlier when negative), clamped to the last day of
    /// the final month when it has no such day (《民法典》第二百零二条). `None` out of range.
    pub fn add_months(self, n: i32) -> Option<Date> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(n);
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = (index.rem_euclid(12) + 1) as u32;
        let day = self.day().min(days_in_month(year, month));
        Date::new(year, month, day)
    }

    /// The corresponding day `n` years later (第二百零二条: 29 February goes to 28 February in a
    /// year that is not a leap year). `None` out of range.
    pub fn add_years(self, n: i32) -> Option<Date> {
        self.add_months(n.checked_mul(12)?)
    }

    /// The last day of a period of `n` days that begins on `self` (《民法典》第二百零一条: the
    /// first day is not counted). A 15-day period from 2025-05-05 ends on 2025-05-20.
    pub fn period_end_days(self, n: u32) -> Option<Date> {
        self.add_days(i64::from(n))
    }

    /// The last day of a period of `n` years that begins on `self` (第二百零一条, 第二百零二条).
    pub fn period_end_years(self, n: u32) -> Option<Date> {
        self.add_years(i32::try_from(n).ok()?)
    }

    /// The last day of the month this date is in.
    pub fn month_end(self) -> Date {
        Date { day: days_in_month(self.year, self.month()) as u8, ..self }
    }

    /// `2025年5月20日`.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD` (years outside 0–9999 are written with as many digits as they need).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = Refusal;
    fn from_str(s: &str) -> Result<Date, Refusal> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Parses a date field as typed: `Ok(None)` when blank, the date, or a Chinese error.
pub fn parse_optional(raw: &str) -> Result<Option<Date>, Refusal> {
    if raw.trim().trim_matches('\u{3000}').is_empty() {
        Ok(None)
    } else {
        Date::parse(raw).map(Some)
    }
}


/// `YYYY-MM-DD` in ASCII digits with a real month and day, any year from 0000 to 9999 (a
/// reviewer's date as stored; [`Date::parse`] is the forgiving reader of what users type).
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else { return false };
    // Four ASCII digits always fit an i32.
    (1..=days_in_month(y as i32, m)).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn err(s: &str) -> String {
        Date::parse(s).expect_err(s).message
    }

    #[test]
    fn parses_and_formats() {
        let x = d("2025-05-05");
        assert_eq!((x.year(), x.month(), x.day()), (2025, 5, 5));
        assert_eq!(x.to_string(), "2025-05-05");
        assert_eq!(x.chinese(), "2025年5月5日");
        assert_eq!(d("  2025-05-05 "), x);
        assert_eq!(d("\u{FF12}\u{FF10}\u{FF12}\u{FF15}-\u{FF10}\u{FF15}-\u{FF10}\u{FF15}"), x, "full-width digits");
        assert_eq!(d("2025\u{FF0D}05\u{FF0D}05"), x, "full-width dashes");
        assert_eq!(d("\u{3000}2025-05-05\u{3000}"), x, "ideographic spaces");
        assert_eq!("2025-12-31".parse::<Date>(), Ok(Date::new(2025, 12, 31).unwrap()));
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2024));
        assert!(!is_leap_year(2025));
        assert!(!is_leap_year(1900));
        assert!(is_leap_year(2000));
        assert!(!is_leap_year(2100));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2025, 2), 28);
        assert_eq!(days_in_month(2025, 4), 30);
        assert_eq!(days_in_month(2025, 12), 31);
        assert_eq!(days_in_month(2025, 13), 0);
    }

    #[test]
    fn invalid_dates_have_chinese_errors() {
        assert_eq!(err("2025-02-29"), "2025年2月没有29日(2025年不是闰年,2月只有28天):「2025-02-29」");
        assert_eq!(err("2024-02-30"), "2024年2月没有30日(2024年是闰年,2月有29天):「2024-02-30」");
        assert_eq!(err("2100-02-29"), "2100年2月没有29日(2100年不是闰年,2月只有28天):「2100-02-29」");
        assert!(Date::parse("2000-02-29").is_ok());
        assert_eq!(err("2025-04-31"), "2025年4月没有31日(4月只有30天):「2025-04-31」");
        assert_eq!(err("2025-13-01"), "月份13无效(应为01至12):「2025-13-01」");
        assert_eq!(err("2025-00-10"), "月份00无效(应为01至12):「2025-00-10」");
        assert_eq!(err("2025-01-00"), "日期00无效(应从01日开始):「2025-01-00」");
        assert!(err("2025/1/1").starts_with("日期格式应为YYYY-MM-DD"), "{}", err("2025/1/1"));
        assert!(err("2025/1/1").ends_with("填写的是「2025/1/1」"));
        for bad in ["2025-1-1", "25-01-01", "2025-01-01T00:00", "2025年5月5日", "20250505", "2025--05", "-2025-01-01", "abc"] {
            assert!(err(bad).starts_with("日期格式应为YYYY-MM-DD"), "{bad}: {}", err(bad));
        }
        assert_eq!(err(""), "未填写日期");
        assert_eq!(err("   "), "未填写日期");
        assert_eq!(err("1899-12-31"), "年份1899不在1900年至2200年之间:「1899-12-31」");
        assert_eq!(err("2201-01-01"), "年份2201不在1900年至2200年之间:「2201-01-01」");
        let long = "2".repeat(100);
        assert!(err(&long).contains('…'));
    }

    #[test]
    fn parse_optional_blank_is_none() {
        assert_eq!(parse_optional(""), Ok(None));
        assert_eq!(parse_optional("  "), Ok(None));
        assert_eq!(parse_optional("2025-05-05"), Ok(Some(d("2025-05-05"))));
        assert!(parse_optional("2025-02-29").is_err());
    }

    #[test]
    fn days_from_civil_known_values() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("1970-01-02").to_days(), 1);
        assert_eq!(d("1969-12-31").to_days(), -1);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
        assert_eq!(d("2025-01-01").to_days(), 20_089);
        assert_eq!(Date::from_days(20_089), Some(d("2025-01-01")));
        assert_eq!(Date::from_days(-1), Some(d("1969-12-31")));
    }

    #[test]
    fn days_round_trip_over_four_centuries() {
        let start = d("1900-01-01").to_days();
        let end = d("2200-12-31").to_days();
        let mut previous: Option<Date> = None;
        for n in start..=end {
            let x = Date::from_days(n).unwrap();
            assert_eq!(x.to_days(), n);
            if let Some(p) = previous {
                assert!(p < x);
                // The next day is the following day of the month, or the first of the next month.
                if x.day() == 1 {
                    assert_eq!(p, p.month_end());
                    assert!(x.month() == p.month() % 12 + 1);
                } else {
                    assert_eq!((x.year(), x.month(), x.day()), (p.year(), p.month(), p.day() + 1));
                }
            }
            previous = Some(x);
        }
    }

    #[test]
    fn add_days_across_month_and_year_ends() {
        assert_eq!(d("2025-01-31").add_days(1), Some(d("2025-02-01")));
        assert_eq!(d("2025-02-28").add_days(1), Some(d("2025-03-01")));
        assert_eq!(d("2024-02-28").add_days(1), Some(d("2024-02-29")));
        assert_eq!(d("2024-02-29").add_days(1), Some(d("2024-03-01")));
        assert_eq!(d("2025-12-31").add_days(1), Some(d("2026-01-01")));
        assert_eq!(d("2026-01-01").add_days(-1), Some(d("2025-12-31")));
        assert_eq!(d("2024-01-01").add_days(366), Some(d("2025-01-01")));
        assert_eq!(d("2025-01-01").add_days(365), Some(d("2026-01-01")));
        assert_eq!(d("2025-05-05").days_until(d("2025-05-20")), 15);
        assert_eq!(d("2025-05-20").days_until(d("2025-05-05")), -15);
        assert_eq!(d("2025-01-01").add_days(i64::MAX), None);
    }

    #[test]
    fn notice_of_15_days_from_5_may_ends_20_may() {
        // 《民法典》第二百零一条: the day it begins is not counted.
        assert_eq!(d("2025-05-05").period_end_days(15), Some(d("2025-05-20")));
        assert_eq!(d("2025-12-20").period_end_days(15), Some(d("2026-01-04")));
        assert_eq!(d("2024-02-20").period_end_days(15), Some(d("2024-03-06")));
        assert_eq!(d("2025-02-20").period_end_days(15), Some(d("2025-03-07")));
    }

    #[test]
    fn add_months_clamps_to_month_end() {
        // 《民法典》第二百零二条.
        assert_eq!(d("2025-01-31").add_months(1), Some(d("2025-02-28")));
        assert_eq!(d("2024-01-31").add_months(1), Some(d("2024-02-29")));
        assert_eq!(d("2025-03-31").add_months(1), Some(d("2025-04-30")));
        assert_eq!(d("2025-05-31").add_months(-3), Some(d("2025-02-28")));
        assert_eq!(d("2025-11-30").add_months(2), Some(d("2026-01-30")));
        assert_eq!(d("2025-01-15").add_months(-1), Some(d("2024-12-15")));
        assert_eq!(d("2025-08-31").add_months(6), Some(d("2026-02-28")));
        assert_eq!(d("2025-08-31").add_months(18), Some(d("2027-02-28")));
        assert_eq!(d("2025-08-31").add_months(30), Some(d("2028-02-29")));
        assert_eq!(d("2025-06-30").add_months(0), Some(d("2025-06-30")));
        assert_eq!(d("2025-01-01").add_months(i32::MAX), None);
    }

    #[test]
    fn add_years_and_february_29() {
        assert_eq!(d("2024-02-29").add_years(1), Some(d("2025-02-28")));
        assert_eq!(d("2024-02-29").add_years(3), Some(d("2027-02-28")));
        assert_eq!(d("2024-02-29").add_years(4), Some(d("2028-02-29")));
        assert_eq!(d("2096-02-29").add_years(4), Some(d("2100-02-28")));
        assert_eq!(d("2025-02-28").add_years(3), Some(d("2028-02-28")));
        assert_eq!(d("2025-03-10").period_end_years(3), Some(d("2028-03-10")));
        assert_eq!(d("2025-12-31").period_end_years(3), Some(d("2028-12-31")));
        assert_eq!(d("2024-02-29").add_years(-1), Some(d("2023-02-28")));
        assert_eq!(d("2025-01-01").period_end_years(u32::MAX), None);
    }

    #[test]
    fn month_end() {
        assert_eq!(d("2024-02-10").month_end(), d("2024-02-29"));
        assert_eq!(d("2025-02-10").month_end(), d("2025-02-28"));
        assert_eq!(d("2025-09-01").month_end(), d("2025-09-30"));
        assert_eq!(d("2025-12-31").month_end(), d("2025-12-31"));
    }

    #[test]
    fn ordering_and_serde() {
        assert!(d("2025-05-05") < d("2025-05-06"));
        assert!(d("2024-12-31") < d("2025-01-01"));
        assert_eq!(serde_json::to_string(&d("2025-05-05")).unwrap(), "\"2025-05-05\"");
        assert_eq!(serde_json::from_str::<Date>("\"2025-05-05\"").unwrap(), d("2025-05-05"));
        assert!(serde_json::from_str::<Date>("\"2025-02-29\"").is_err());
    }

    #[test]
    fn new_rejects_impossible_dates() {
        assert_eq!(Date::new(2025, 2, 29), None);
        assert_eq!(Date::new(2025, 0, 1), None);
        assert_eq!(Date::new(2025, 1, 0), None);
        assert!(Date::new(2024, 2, 29).is_some());
    }

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2025-13-01"));
        assert!(!is_iso_date("2025-1-01"));
        assert!(!is_iso_date("２025-01-01"));
    }
}
