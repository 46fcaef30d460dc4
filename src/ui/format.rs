//! Small text formatters shared by the panes.

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

pub fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

pub fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn spinner(ticks: u64) -> &'static str {
    SPINNER[(ticks % SPINNER.len() as u64) as usize]
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
