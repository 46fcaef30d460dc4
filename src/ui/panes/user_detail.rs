//! One user: status, enabled, MFA, every attribute (custom ones marked), groups and devices
//! (or "not supported by this endpoint").

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::core::model::{LoadState, Loadable, Model, UserState, View};
use crate::domain::{Device, ErrorKind, Group, User};
use crate::ui::format::{date, list_or_none, spinner, yes_no};
use crate::ui::theme::theme;
use crate::ui::widgets::detail::{self, LABEL_WIDTH, field, note, section};
use crate::ui::widgets::table;

/// The lines of a part loaded on its own (groups, devices): loading, failed, or `f(data)`.
fn part<T>(
    l: &Loadable<T>,
    ticks: u64,
    f: impl Fn(&T) -> Vec<Line<'static>>,
) -> Vec<Line<'static>> {
    match (&l.data, &l.state) {
        (_, LoadState::Failed(e)) if e.kind == ErrorKind::Unsupported => {
            vec![note("not supported by this endpoint")]
        }
        (_, LoadState::Failed(e)) => vec![Line::styled(
            format!("  ✗ {}  [r] retry", e.headline()),
            Style::default().fg(theme().error),
        )],
        (Some(d), _) => f(d),
        (None, _) => vec![note(format!("{} loading…", spinner(ticks)))],
    }
}

pub fn lines(u: &User, state: &UserState, ticks: u64) -> Vec<Line<'static>> {
    let mut out = vec![
        section("User"),
        field("Username", u.username.clone()),
        field("sub", u.attribute("sub").unwrap_or("—").to_string()),
        field("Status", u.status.clone().unwrap_or_else(|| "—".into())),
        Line::from(vec![
            detail::label("Enabled", LABEL_WIDTH),
            if u.enabled {
                Span::styled("yes", Style::default().fg(theme().ok))
            } else {
                Span::styled("no (disabled)", Style::default().fg(theme().error))
            },
        ]),
        field("Created", date(u.created)),
        field("Last modified", date(u.modified)),
        Line::raw(""),
        section("MFA"),
        field(
            "Preferred",
            u.preferred_mfa.clone().unwrap_or_else(|| "none".into()),
        ),
        field("Enabled methods", list_or_none(&u.mfa_settings)),
    ];
    if !u.mfa_options.is_empty() {
        out.push(field("SMS options (legacy)", list_or_none(&u.mfa_options)));
    }
    out.push(Line::raw(""));
    out.push(section(&format!("Attributes ({})", u.attributes.len())));
    for (k, v) in &u.attributes {
        let custom = k.starts_with("custom:") || k.starts_with("dev:");
        out.push(Line::from(vec![
            Span::styled(
                format!("  {k:<26}"),
                Style::default().fg(if custom { theme().special } else { theme().dim }),
            ),
            Span::raw(v.clone()),
            if custom {
                Span::styled("  (custom)", Style::default().fg(theme().special))
            } else {
                Span::raw("")
            },
        ]));
    }
    out.push(Line::raw(""));
    out.push(section("Groups"));
    out.extend(part(&state.groups, ticks, |gs: &Vec<Group>| {
        if gs.is_empty() {
            return vec![note("none")];
        }
        gs.iter()
            .map(|g| {
                field(
                    &g.name,
                    format!(
                        "precedence {}{}",
                        g.precedence.map_or("—".into(), |p| p.to_string()),
                        g.description
                            .as_deref()
                            .map(|d| format!(" · {d}"))
                            .unwrap_or_default()
                    ),
                )
            })
            .collect()
    }));
    out.push(Line::raw(""));
    out.push(section("Devices"));
    out.extend(part(&state.devices, ticks, |ds: &Vec<Device>| {
        if ds.is_empty() {
            return vec![note("none remembered")];
        }
        ds.iter()
            .map(|d| {
                field(
                    d.name.as_deref().unwrap_or(&d.key),
                    format!("{} · last sign-in {}", d.key, date(d.last_authenticated)),
                )
            })
            .collect()
    }));
    out.push(Line::raw(""));
    out.extend(super::diagnosis::user_events(state.events.as_ref(), ticks));
    out.push(note(format!(
        "a: every schema attribute with this user's value · o: the pool's groups · enabled {}",
        yes_no(u.enabled)
    )));
    out
}

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let (View::UserDetail { username, pool }, Some(state)) = (model.view(), &model.user) else {
        return;
    };
    let loading =
        state.user.is_loading() || state.groups.is_loading() || state.devices.is_loading();
    detail::render(
        frame,
        area,
        table::block(
            format!("User {username} — {}", pool.label()),
            loading,
            model.ticks,
        ),
        &state.user,
        format!("{} Loading {username}…", spinner(model.ticks)),
        state.scroll,
        |u| lines(u, state, model.ticks),
    );
}
