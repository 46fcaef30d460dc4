//! Plain-text formatting that both the screen (`ui`) and the text the update layer writes
//! (describe overlays, `:errors` details) need: dates, yes/no, rates. No styling, no terminal
//! types, no clock.

/// Unix seconds as `2026-11-22 01:02:03 UTC`; "—" when unknown.
pub fn date(secs: Option<i64>) -> String {
    let Some(secs) = secs else {
        return "—".into();
    };
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(secs) else {
        return "—".into();
    };
    let fmt =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    t.format(&fmt).unwrap_or_else(|_| "—".into())
}

/// `yes` or `no`.
pub fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// A rate in calls a second as people write it: `25`, `12.5`, `3.1`.
pub fn rate(per_second: f64) -> String {
    if per_second.fract() == 0.0 {
        format!("{per_second:.0}")
    } else {
        format!("{per_second:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates() {
        assert_eq!(date(Some(0)), "1970-01-01 00:00:00 UTC");
        assert_eq!(date(None), "—");
    }
}
