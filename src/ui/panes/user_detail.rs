//! One user: status, enabled, MFA, every attribute (custom ones marked), groups and devices
//! (or "not supported by this endpoint").

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::core::model::{LoadState, Loadable, Model, UserState, View};
use crate::domain::{Device, ErrorKind, Group, User};
use crate::ui::format::{date, list_or_none, spinner, yes_no};
use crate::ui::theme::theme;
use crate::ui::widgets::message;
use crate::ui::widgets::table;

fn section(title: &str) -> Line<'static> {
    Line::styled(
        title.to_string(),
        Style::default()
            .fg(theme().warn)
            .add_modifier(Modifier::BOLD),
    )
}

fn field(label: &str, value: impl Into<String>) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {label:<26}"), Style::default().fg(theme().dim)),
        Span::raw(value.into()),
    ])
}

fn dim(text: impl Into<String>) -> Line<'static> {
    Line::styled(
        format!("  {}", text.into()),
        Style::default().fg(theme().muted),
    )
}

/// The lines of a part loaded on its own (groups, devices): loading, failed, or `f(data)`.
fn part<T>(
    l: &Loadable<T>,
    ticks: u64,
    f: impl Fn(&T) -> Vec<Line<'static>>,
) -> Vec<Line<'static>> {
    match (&l.data, &l.state) {
        (_, LoadState::Failed(e)) if e.kind == ErrorKind::Unsupported => {
            vec![dim("not supported by this endpoint")]
        }
        (_, LoadState::Failed(e)) => vec![Line::styled(
            format!("  ✗ {}  [r] retry", e.headline()),
            Style::default().fg(theme().error),
        )],
        (Some(d), _) => f(d),
        (None, _) => vec![dim(format!("{} loading…", spinner(ticks)))],
    }
}

pub fn lines(u: &User, state: &UserState, ticks: u64) -> Vec<Line<'static>> {
    let mut out = vec![
        section("User"),
        field("Username", u.username.clone()),
        field("sub", u.attribute("sub").unwrap_or("—").to_string()),
        field("Status", u.status.clone().unwrap_or_else(|| "—".into())),
        Line::from(vec![
            Span::styled(
                format!("  {:<26}", "Enabled"),
                Style::default().fg(theme().dim),
            ),
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
            return vec![dim("none")];
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
            return vec![dim("none remembered")];
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
    out.push(dim(format!(
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
    let block = table::block(
        format!("User {username} — {}", pool.label()),
        loading,
        model.ticks,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match (&state.user.data, &state.user.state) {
        (None, LoadState::Failed(err)) => {
            message::centered(frame, inner, message::error_lines(err))
        }
        (None, _) => message::centered(
            frame,
            inner,
            vec![table::note(format!(
                "{} Loading {username}…",
                spinner(model.ticks)
            ))],
        ),
        (Some(u), st) => {
            let mut all = Vec::new();
            if let LoadState::Failed(err) = st {
                all.push(Line::styled(
                    format!("✗ {}  [r] retry", err.headline()),
                    Style::default().fg(theme().error),
                ));
            }
            all.extend(lines(u, state, model.ticks));
            let max = (all.len() as u16).saturating_sub(inner.height);
            frame.render_widget(
                Paragraph::new(all)
                    .wrap(Wrap { trim: false })
                    .scroll((state.scroll.min(max), 0)),
                inner,
            );
        }
    }
}
