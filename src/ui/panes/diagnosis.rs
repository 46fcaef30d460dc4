//! The runner's pre-flight and diagnosis, as lines: the checks under the set-up form and at
//! the top of the timeline, the diagnosis beside each failed step, and the auth events beside
//! the last failed sign-in. It draws only.

use ratatui::style::{Modifier, Style};
use ratatui::text::Line;

use crate::auth::diagnose::{Certainty, Check, Diagnosis, Level, event_lines};
use crate::core::model::diagnosis::Events;
use crate::core::model::preflight::setup_preflight;
use crate::core::model::runner::AuthState;
use crate::domain::format;
use crate::ui::format::spinner;
use crate::ui::theme::theme;

fn check_line(c: &Check, indent: &str) -> Line<'static> {
    let colour = match c.level {
        Level::Ok => theme().ok,
        Level::Note => theme().dim,
        Level::Stop => theme().error,
        Level::Unknown => theme().warn,
    };
    Line::styled(format!("{indent}{c}"), Style::new().fg(colour))
}

fn checks(title: &str, list: &[Check], indent: &str) -> Vec<Line<'static>> {
    if list.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::styled(
        format!("{indent}{title}"),
        Style::new().fg(theme().accent).add_modifier(Modifier::BOLD),
    )];
    out.extend(list.iter().map(|c| check_line(c, indent)));
    out
}

/// Under the set-up form: what this sign-in will meet, once the facts are read.
pub fn setup_lines(s: &AuthState) -> Vec<Line<'static>> {
    let Some(list) = setup_preflight(s) else {
        return Vec::new();
    };
    let mut out = vec![Line::raw("")];
    out.extend(checks("Pre-flight", &list, "   "));
    out
}

/// At the top of the timeline: the pre-flight the run started with.
pub fn timeline_top(s: &AuthState) -> Vec<Line<'static>> {
    let mut out = checks("Pre-flight", &s.diag.preflight, "");
    if !out.is_empty() {
        out.push(Line::raw(""));
    }
    out
}

fn diagnosis_lines(d: &Diagnosis) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (i, line) in d.lines().into_iter().enumerate() {
        let style = match (i, d.causes.get(i).map(|c| c.certainty)) {
            (0, Some(Certainty::Certain | Certainty::Likely)) => {
                Style::new().fg(theme().warn).add_modifier(Modifier::BOLD)
            }
            (_, Some(_)) => Style::new().fg(theme().warn),
            _ => Style::new().fg(theme().dim),
        };
        let lead = if i == 0 { "  ⓘ diagnosis: " } else { "    " };
        out.push(Line::styled(format!("{lead}{line}"), style));
    }
    out
}

/// Beside timeline entry `i`: the diagnosis of its failure and the auth events asked for it.
pub fn beside(s: &AuthState, i: usize, ticks: u64) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (_, d) in s.diag.diagnoses.iter().filter(|(at, _)| *at == i + 1) {
        out.extend(diagnosis_lines(d));
    }
    if s.diag.waiting && i + 1 == s.runner.as_ref().map_or(0, |r| r.transcript().len()) {
        out.push(Line::styled(
            format!(
                "  {} reading the pool, client and user to diagnose this…",
                spinner(ticks)
            ),
            Style::new().fg(theme().dim),
        ));
    }
    let dim = Style::new().fg(theme().dim);
    match &s.diag.events {
        Some((at, events)) if *at == i + 1 => match events {
            Events::Loading(_) => out.push(Line::styled(
                format!("    {} reading the user's auth events…", spinner(ticks)),
                dim,
            )),
            Events::None(why) => out.push(Line::styled(format!("    {why}"), dim)),
            Events::Loaded(list) => {
                out.push(Line::styled("    auth events (latest first):", dim));
                let shown = &list[..list.len().min(3)];
                out.extend(
                    event_lines(shown, &|t| format::date(Some(t)))
                        .into_iter()
                        .map(|l| Line::styled(format!("      {l}"), dim)),
                );
            }
        },
        _ => {}
    }
    out
}

/// In the failure box: the most likely cause of the last failed step, when diagnosed.
pub fn headline(s: &AuthState) -> Option<Line<'static>> {
    let (_, d) = s.diag.diagnoses.last()?;
    Some(Line::styled(
        format!("ⓘ {} (the timeline has the evidence)", d.headline()),
        Style::new().fg(theme().warn),
    ))
}

/// The user detail's auth events (`H`), numbered for `:feedback N valid|invalid`.
pub fn user_events(events: Option<&Events>, ticks: u64) -> Vec<Line<'static>> {
    let Some(events) = events else {
        return Vec::new();
    };
    let title = Style::new().fg(theme().accent).add_modifier(Modifier::BOLD);
    let dim = Style::new().fg(theme().dim);
    let mut out = vec![Line::styled("Auth events (threat protection)", title)];
    match events {
        Events::Loading(_) => out.push(Line::styled(format!("  {} loading…", spinner(ticks)), dim)),
        Events::None(why) => out.push(Line::styled(format!("  {why}"), dim)),
        Events::Loaded(list) => {
            for (i, l) in event_lines(list, &|t| format::date(Some(t)))
                .into_iter()
                .enumerate()
            {
                let failed = list[i].response.as_deref() == Some("Fail");
                let style = if failed {
                    Style::new().fg(theme().warn)
                } else {
                    Style::new()
                };
                out.push(Line::styled(format!("  {:>2}. {l}", i + 1), style));
            }
            out.push(Line::styled(
                "  :feedback N valid|invalid tells threat protection whether event N was the user",
                dim,
            ));
        }
    }
    out.push(Line::raw(""));
    out
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::core::input::keymap::Keymap;
    use crate::core::update::runner::diagnosis::tests::diagnosed;

    #[test]
    fn the_diagnosis_stands_beside_the_failed_step_with_the_pre_flight_above() {
        let m = diagnosed();
        let mut t = Terminal::new(TestBackend::new(140, 70)).unwrap();
        t.draw(|f| crate::ui::render(&m, &Keymap::default(), f))
            .unwrap();
        let screen = t.backend().to_string();
        let at = |needle: &str| {
            screen
                .find(needle)
                .unwrap_or_else(|| panic!("{needle:?} is not on screen:\n{screen}"))
        };
        let preflight = at("Pre-flight");
        let step = at("✗ NotAuthorizedException: Incorrect username or password.");
        let diagnosis = at("ⓘ diagnosis: likely: the password is wrong for emma");
        let events = at("auth events (latest first):");
        assert!(
            preflight < step && step < diagnosis && diagnosis < events,
            "{screen}"
        );
        at("evidence: AdminGetUser: emma exists, CONFIRMED, enabled");
        at("ⓘ likely: the password is wrong for emma (the timeline has the evidence)");
        assert!(
            !screen.contains("wrong\""),
            "the typed password is not shown"
        );
    }
}
