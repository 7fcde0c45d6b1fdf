//! Points as exact hundredths, so that 19.99 stays 19.99 and sums never drift.

use std::fmt;

/// A score or a weight in hundredths of a point (9550 is 95.5 points).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Points(pub i64);

/// Why a typed value is not a valid number of points.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PointsError {
    /// Nothing was typed.
    #[error("请输入分值")]
    Empty,
    /// The text is not a decimal number.
    #[error("“{0}”不是有效的数字")]
    NotANumber(String),
    /// A comma where the decimal point goes ("5,5").
    #[error("“{0}”不是有效的数字：小数点请用“.”（如 5.5）")]
    CommaForPoint(String),
    /// A minus sign was typed.
    #[error("分值不能为负数")]
    Negative,
    /// More than two decimal places were typed.
    #[error("分值最多保留两位小数")]
    TooManyDecimals,
    /// The value is absurdly large.
    #[error("分值过大（整数部分最多 9 位）")]
    TooLarge,
}

impl PointsError {
    /// The reason said of a score typed (得分), where "分值" would read as the indicator's
    /// points: "得分不能为负数".
    #[must_use]
    pub fn of_score(&self) -> String {
        match self {
            Self::Negative => "得分不能为负数".to_owned(),
            Self::TooManyDecimals => "得分最多保留两位小数".to_owned(),
            Self::TooLarge => "得分过大（整数部分最多 9 位）".to_owned(),
            Self::Empty => "请输入得分".to_owned(),
            other => other.to_string(),
        }
    }
}

impl Points {
    /// Zero points.
    pub const ZERO: Self = Self(0);

    /// Whole points, e.g. `Points::whole(20)` is 20.00.
    #[must_use]
    pub const fn whole(points: i64) -> Self {
        Self(points * 100)
    }

    /// Parses a clerk's typed value: digits with at most two decimals, no sign, perhaps "分" after.
    pub fn parse(text: &str) -> Result<Self, PointsError> {
        // A Chinese input method in full-width mode types ５．５ and －１: read them as 5.5 and -1.
        let typed = text.trim();
        let text = super::collation::ascii_number(typed);
        // "5分": the unit written after the number, as units and clerks often type it.
        let text = match text.strip_suffix('分').map(str::trim_end) {
            Some(number) if !number.is_empty() => number,
            _ => text.as_str(),
        };
        if text.is_empty() {
            return Err(PointsError::Empty);
        }
        if text.starts_with('-') {
            return Err(PointsError::Negative);
        }
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let is_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !is_digits(whole) || !is_digits(fraction) {
            // "5,5" and "5，5": a decimal comma, as some keyboards and habits write it.
            let is_decimal_comma = text.split_once([',', '，']).is_some_and(|(a, b)| {
                !a.is_empty() && !b.is_empty() && is_digits(a) && is_digits(b)
            });
            return Err(if is_decimal_comma {
                PointsError::CommaForPoint(typed.to_owned())
            } else {
                PointsError::NotANumber(typed.to_owned())
            });
        }
        // "2.000" is 2: zeros past the second decimal say nothing more.
        let fraction = match fraction.get(2..) {
            Some(beyond) if beyond.bytes().all(|b| b == b'0') => fraction.get(..2).unwrap_or(""),
            Some(_) => return Err(PointsError::TooManyDecimals),
            None => fraction,
        };
        // "007" is 7: leading zeros make no number too large.
        let whole = whole.trim_start_matches('0');
        if whole.len() > 9 {
            return Err(PointsError::TooLarge);
        }
        let whole_value: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| PointsError::TooLarge)?
        };
        let mut fraction_value: i64 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().map_err(|_| PointsError::TooLarge)?
        };
        if fraction.len() == 1 {
            fraction_value *= 10;
        }
        Ok(Self(whole_value * 100 + fraction_value))
    }

    /// The smaller of two values.
    #[must_use]
    pub fn min(self, other: Self) -> Self {
        Ord::min(self, other)
    }

    /// The value as a number, for spreadsheets and charts: 1999 hundredths as 19.99.
    #[must_use]
    pub fn as_number(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Subtracts without going below zero (扣完为止).
    #[must_use]
    pub fn saturating_sub(self, other: Self) -> Self {
        Self((self.0 - other.0).max(0))
    }
}

impl std::ops::Add for Points {
    type Output = Self;
    fn add(self, other: Self) -> Self {
        Self(self.0 + other.0)
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::ZERO, |a, b| a + b)
    }
}

impl fmt::Display for Points {
    /// Writes the shortest exact form: `95`, `95.5`, `95.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, cents) = (abs / 100, abs % 100);
        if cents == 0 {
            write!(f, "{sign}{whole}")
        } else if cents % 10 == 0 {
            write!(f, "{sign}{whole}.{}", cents / 10)
        } else {
            write!(f, "{sign}{whole}.{cents:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exact_values() {
        assert_eq!(Points::parse("19.99"), Ok(Points(1999)));
        assert_eq!(Points::parse("90"), Ok(Points(9000)));
        assert_eq!(Points::parse("90.0"), Ok(Points(9000)));
        assert_eq!(Points::parse(" 0.5 "), Ok(Points(50)));
        assert_eq!(Points::parse(".5"), Ok(Points(50)));
        assert_eq!(
            Points::parse("0000000000.5"),
            Ok(Points(50)),
            "leading zeros"
        );
        assert_eq!(Points::parse("007"), Ok(Points(700)));
        assert_eq!(
            Points::parse("１９．５"),
            Ok(Points(1950)),
            "full-width digits"
        );
        assert_eq!(Points::parse("５。５"), Ok(Points(550)));
        assert_eq!(Points::parse("－１"), Err(PointsError::Negative));
    }

    #[test]
    fn refuses_bad_values() {
        assert_eq!(Points::parse(""), Err(PointsError::Empty));
        assert_eq!(Points::parse("-1"), Err(PointsError::Negative));
        assert_eq!(Points::parse("1.234"), Err(PointsError::TooManyDecimals));
        assert_eq!(Points::parse("1.2301"), Err(PointsError::TooManyDecimals));
        // Zeros past the second decimal say nothing more.
        assert_eq!(Points::parse("2.0000"), Ok(Points::whole(2)));
        assert_eq!(Points::parse("3.500"), Points::parse("3.5"));
        assert!(matches!(
            Points::parse("abc"),
            Err(PointsError::NotANumber(_))
        ));
        assert!(matches!(
            Points::parse("."),
            Err(PointsError::NotANumber(_))
        ));
        assert!(matches!(
            Points::parse("1e5"),
            Err(PointsError::NotANumber(_))
        ));
        assert_eq!(Points::parse("12345678901"), Err(PointsError::TooLarge));
        // A decimal comma is named as one, with the point to use instead.
        for typed in ["5,5", "5，5"] {
            let error = Points::parse(typed).unwrap_err();
            assert_eq!(error, PointsError::CommaForPoint(typed.to_owned()));
            assert!(error.to_string().ends_with("小数点请用“.”（如 5.5）"));
        }
        assert!(matches!(
            Points::parse("5,5,5"),
            Err(PointsError::NotANumber(_))
        ));
        // A number with its unit, as clerks and units often type it, is the number.
        assert_eq!(Points::parse("5分"), Ok(Points::whole(5)));
        assert_eq!(Points::parse(" 2.5 分"), Ok(Points(250)));
        assert_eq!(Points::parse("５分"), Ok(Points::whole(5)));
        assert!(matches!(
            Points::parse("分"),
            Err(PointsError::NotANumber(_))
        ));
        assert!(matches!(
            Points::parse("5分分"),
            Err(PointsError::NotANumber(_))
        ));
    }

    #[test]
    fn displays_shortest_form() {
        assert_eq!(Points(9000).to_string(), "90");
        assert_eq!(Points(9550).to_string(), "95.5");
        assert_eq!(Points(1999).to_string(), "19.99");
        assert_eq!(Points(5).to_string(), "0.05");
    }

    #[test]
    fn deductions_stop_at_zero() {
        assert_eq!(Points(300).saturating_sub(Points(500)), Points::ZERO);
    }
}
