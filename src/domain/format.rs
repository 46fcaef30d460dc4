//! Plain-text formatting that both the screen (`ui`) and the text the update layer writes
//! (describe overlays, `:errors` details) need: dates, yes/no. No styling, no terminal
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates() {
        assert_eq!(date(Some(0)), "1970-01-01 00:00:00 UTC");
        assert_eq!(date(None), "—");
    }
}
