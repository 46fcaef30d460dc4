//! The auth-flow runner: the set-up form, the timeline of requests and responses (secrets
//! masked) with what Cognito did and why, the prompt being answered (QR code for MFA set-up),
//! and the token inspector. It draws only; its tests drive `update` to reach each state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use serde_json::Value;

use crate::auth::totp;
use crate::auth::{Prompt, Retry, request_explanation};
use crate::core::model::derive::seconds_left;
use crate::core::model::runner::{
    AuthState, FLOWS, SetupField, Stage, TokenTab, TokenView, flow_label,
};
use crate::core::model::workshop::Revealable;
use crate::core::model::{LoadState, Model};
use crate::domain::jwt;
use crate::ui::format::spinner;
use crate::ui::theme::theme;
use crate::ui::widgets::{input, message, qr, table};

/// Borders and secondary text.
fn faint() -> Style {
    Style::new().fg(theme().muted)
}

/// Titles and key labels.
fn keycap() -> Style {
    Style::new().fg(theme().accent).add_modifier(Modifier::BOLD)
}

/// Field labels and captions.
fn caption() -> Style {
    Style::new().fg(theme().dim)
}

/// What has the focus or must be seen: the focused field, the active tab, a secret code.
fn highlight() -> Style {
    Style::new().fg(theme().focus).add_modifier(Modifier::BOLD)
}

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let Some(s) = &model.auth else {
        return;
    };
    let busy = if s.is_busy() {
        format!(" {}", spinner(model.ticks))
    } else {
        String::new()
    };
    let step = if s.step_through {
        " · step-through"
    } else {
        ""
    };
    let outer = table::titled(format!(" Sign-in runner · {}{step}{busy} ", s.pool.label()));
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    match &s.stage {
        Stage::Setup => setup(model, s, frame, inner),
        _ => run(model, s, frame, inner),
    }
}

fn setup(model: &Model, s: &AuthState, frame: &mut Frame, area: Rect) {
    match (&s.clients.data, &s.clients.state) {
        (None, LoadState::Failed(err)) => {
            return message::centered(frame, area, message::error_lines(err));
        }
        (None, _) => {
            return message::centered(
                frame,
                area,
                vec![Line::styled(
                    format!("{} Loading the pool's app clients…", spinner(model.ticks)),
                    caption(),
                )],
            );
        }
        _ => {}
    }
    let label = |f: SetupField, text: &str| {
        if s.focus == f {
            Span::styled(format!(" ▸ {text:<13}"), highlight())
        } else {
            Span::styled(format!("   {text:<13}"), caption())
        }
    };
    let mut lines = vec![Line::raw("")];
    let flow = s.selected_flow();
    match s.selected_client() {
        Some(c) => {
            lines.push(Line::from(vec![
                label(SetupField::Client, "App client"),
                Span::styled(
                    format!("◀ {} ▶", c.name),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::styled(format!("  {}", c.id), faint()),
                Span::raw(if c.has_secret() {
                    "  has a secret: SECRET_HASH is added to every call"
                } else {
                    "  no secret"
                }),
            ]));
            lines.push(Line::from(vec![
                Span::raw("                  "),
                Span::styled(
                    format!("flows: {}", c.explicit_auth_flows.join(" ")),
                    faint(),
                ),
            ]));
        }
        None => lines.push(Line::from(vec![
            label(SetupField::Client, "App client"),
            Span::styled(
                "this pool has no app client",
                Style::new().fg(theme().error),
            ),
        ])),
    }
    let hosted = s.selected_hosted();
    let allowed = s.selected_client().map(|c| c.allows(flow.client_setting()));
    lines.push(Line::from(vec![
        label(SetupField::Flow, "Flow"),
        Span::styled(
            format!(
                "◀ {} ▶",
                hosted.map_or_else(|| flow_label(flow), |k| k.label())
            ),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        match allowed.filter(|_| hosted.is_none()) {
            Some(true) => Span::styled("  ✓ enabled for this client", Style::new().fg(theme().ok)),
            Some(false) => Span::styled(
                format!(
                    "  ✗ {} is not enabled for this client: Cognito will refuse",
                    flow.client_setting()
                ),
                Style::new().fg(theme().error),
            ),
            None if hosted.is_some() => Span::styled(
                "  the client's OAuth settings are checked when it starts",
                faint(),
            ),
            None => Span::raw(""),
        },
    ]));
    let focused = s.focus == SetupField::Username;
    let before = 16;
    let room = if focused {
        area.width.saturating_sub(before as u16)
    } else {
        u16::MAX
    };
    let username = input::spans(&s.username, room, Style::new(), focused);
    let username_row = lines.len();
    let mut line = vec![label(SetupField::Username, "Username")];
    line.extend(username.spans.iter().cloned());
    lines.push(Line::from(line));
    lines.push(Line::from(vec![
        label(SetupField::StepThrough, "Step-through"),
        Span::raw(if s.step_through {
            "[x] on: Enter sends each request (for presenting)"
        } else {
            "[ ] off"
        }),
    ]));
    lines.push(Line::raw(""));
    if let Some(text) = request_explanation(hosted.map_or(flow.name(), |k| k.name())) {
        lines.push(Line::styled(format!("   {text}"), faint()));
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::styled("   enter", keycap()),
        Span::raw(" start   "),
        Span::styled("tab", keycap()),
        Span::raw(" next field   "),
        Span::styled("←/→", keycap()),
        Span::raw(" change   "),
        Span::styled("ctrl-t", keycap()),
        Span::raw(" step-through"),
    ]));
    lines.extend(super::diagnosis::setup_lines(s));
    let _ = FLOWS;
    if focused {
        input::place_cursor(frame, area, &lines, username_row, before, &username);
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn timeline(s: &AuthState, ticks: u64, presenter: bool) -> Vec<Line<'static>> {
    if let Some(h) = &s.hosted {
        return super::runner_hosted::timeline(h);
    }
    let mut out = super::diagnosis::timeline_top(s);
    let Some(runner) = &s.runner else {
        return out;
    };
    let srp_line = |out: &mut Vec<Line<'static>>, i: usize| {
        for v in s.srp_values.iter().filter(|v| v.at == i) {
            // The password proof, even shortened, is not drawn in presenter mode.
            let v = if presenter && v.name == "PASSWORD_CLAIM_SIGNATURE" {
                format!("{} = •••••• (hidden in presenter mode)", v.name)
            } else {
                format!("{} = {}", v.name, v.shown)
            };
            out.push(Line::styled(
                format!("  ⚙ SRP computed locally: {v}"),
                Style::new().fg(theme().special),
            ));
        }
    };
    for (i, e) in runner.transcript().iter().enumerate() {
        srp_line(&mut out, i);
        out.push(Line::from(vec![
            Span::styled("→ ", keycap()),
            Span::styled(e.request.to_string(), Style::new().fg(theme().text)),
        ]));
        if let Some(x) = e.request_explanation {
            out.push(Line::styled(format!("  {x}"), faint()));
        }
        if let Some(r) = &e.response {
            let mut spans = vec![
                Span::styled("← ", Style::new().fg(theme().ok)),
                Span::styled(
                    r.kind.clone(),
                    Style::new().fg(theme().ok).add_modifier(Modifier::BOLD),
                ),
            ];
            for (k, v) in &r.params {
                spans.push(Span::styled(format!(" {k}="), caption()));
                spans.push(Span::raw(v.clone()));
            }
            if r.session_returned {
                spans.push(Span::styled(" Session=••••••", caption()));
            }
            out.push(Line::from(spans));
            if let Some(x) = r.explanation {
                out.push(Line::styled(format!("  {x}"), faint()));
            }
        }
        if let Some(err) = &e.error {
            out.push(Line::styled(
                format!("✗ {err}"),
                Style::new().fg(theme().error),
            ));
        }
        out.extend(super::diagnosis::beside(s, i, ticks));
    }
    out
}

fn run(model: &Model, s: &AuthState, frame: &mut Frame, area: Rect) {
    let bottom_height = match &s.stage {
        Stage::SignedIn => area.height.saturating_mul(2) / 3,
        Stage::Prompt(Prompt::MfaSetup { .. }) => {
            area.height.saturating_sub(6).max(area.height / 2)
        }
        Stage::Failed(_) => (area.height / 2).max(10),
        _ => (area.height / 2).max(7),
    };
    let [top, bottom] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(bottom_height)]).areas(area);
    let lines = timeline(s, model.ticks, model.workshop.presenter);
    // Keep the newest steps in view: count wrapped rows from the end.
    let h = top.height.saturating_sub(2) as usize;
    let w = top.width.saturating_sub(2).max(1) as usize;
    let mut rows = 0;
    let mut skip = lines.len();
    while skip > 0 {
        let r = lines[skip - 1].width().div_ceil(w).max(1);
        if rows + r > h {
            break;
        }
        rows += r;
        skip -= 1;
    }
    let tl = table::titled(" Timeline ".into());
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>())
            .block(tl)
            .wrap(Wrap { trim: false }),
        top,
    );
    match &s.stage {
        Stage::Waiting(_)
            if s.hosted.as_ref().is_some_and(|h| {
                h.step == crate::core::model::hosted::HostedStep::WaitingForBrowser
            }) =>
        {
            if let Some(h) = &s.hosted {
                super::runner_hosted::waiting(model.ticks, h, frame, bottom);
            }
        }
        Stage::Waiting(_) => frame.render_widget(
            Paragraph::new(Line::styled(
                format!("{} waiting for Cognito…", spinner(model.ticks)),
                caption(),
            ))
            .block(table::titled(" Next ".into())),
            bottom,
        ),
        Stage::Computing(_) => frame.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    "{} computing SRP (3072-bit modular exponentiation, off the UI thread)…",
                    spinner(model.ticks)
                ),
                caption(),
            ))
            .block(table::titled(" Next ".into())),
            bottom,
        ),
        Stage::Queued(req) => {
            let mut l = vec![
                Line::styled("Step-through: this request is ready.", caption()),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("→ ", keycap()),
                    Span::raw(req.masked().to_string()),
                ]),
            ];
            let key = req.masked().subject.unwrap_or_default();
            if let Some(x) =
                request_explanation(&key).or_else(|| request_explanation(req.operation()))
            {
                l.push(Line::styled(x, faint()));
            }
            l.push(Line::raw(""));
            l.push(Line::from(vec![
                Span::styled("enter", keycap()),
                Span::raw(" send it"),
            ]));
            frame.render_widget(
                Paragraph::new(l)
                    .block(table::titled(" Next request ".into()))
                    .wrap(Wrap { trim: false }),
                bottom,
            );
        }
        Stage::Prompt(p) => prompt(model, s, p, frame, bottom),
        Stage::Failed(e) => {
            let mut l = vec![
                Line::styled(
                    format!("✗ {}", e.message),
                    Style::new().fg(theme().error).add_modifier(Modifier::BOLD),
                ),
                Line::styled(format!("at {}", e.step), caption()),
            ];
            // A read-only refusal is the gateway's own sentence, already shown above.
            let read_only = e.kind == crate::auth::ErrorKind::ReadOnly;
            if let Some(code) = e.code.as_ref().filter(|_| !read_only) {
                l.push(Line::styled(
                    format!("{code}: {}", e.cognito_message.clone().unwrap_or_default()),
                    caption(),
                ));
            }
            if let Some(w) = &e.warning {
                l.push(Line::styled(
                    format!("⚠ {w}"),
                    Style::new().fg(theme().warn),
                ));
            }
            l.extend(super::diagnosis::headline(s));
            l.push(Line::raw(""));
            l.push(match e.retry {
                Retry::SameStep => Line::from(vec![
                    Span::styled("enter", keycap()),
                    Span::raw(" try this step again (same session)   "),
                    Span::styled("n", keycap()),
                    Span::raw(" new run"),
                ]),
                Retry::Restart => Line::from(vec![
                    Span::styled("enter", keycap()),
                    Span::raw(" start over   "),
                    Span::styled("n", keycap()),
                    Span::raw(" new run"),
                ]),
                Retry::No if read_only => Line::from(vec![
                    Span::raw("Nothing was sent: cognito-tui runs with --read-only.   "),
                    Span::styled("n", keycap()),
                    Span::raw(" new run"),
                ]),
                Retry::No => Line::from(vec![
                    Span::raw("Change the client, flow or user settings first.   "),
                    Span::styled("n", keycap()),
                    Span::raw(" new run"),
                ]),
            });
            frame.render_widget(
                Paragraph::new(l)
                    .block(table::titled(" Failed ".into()))
                    .wrap(Wrap { trim: false }),
                bottom,
            );
        }
        Stage::SignedIn => tokens(model, s, frame, bottom),
        Stage::Setup => {}
    }
}

fn field_lines(model: &Model, s: &AuthState) -> Vec<Line<'static>> {
    let Some(form) = &s.form else {
        return vec![];
    };
    form.fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let focus = i == form.focus;
            // Masked when hidden; the width is the pane's, the line wraps as before.
            // Presenter mode masks a one-time code too, unless it is revealed for a moment.
            let hidden = f.hidden
                || (f.key == "code" && !model.workshop.shows(Revealable::Code, model.ticks));
            let value = f.value.clone().with_masked(hidden);
            let shown = input::spans(&value, u16::MAX, Style::new(), focus);
            let mut spans = vec![Span::styled(
                format!("{} {:<18}", if focus { "▸" } else { " " }, f.label),
                if focus { highlight() } else { caption() },
            )];
            spans.extend(shown.spans);
            spans.push(Span::styled(
                if form.generated && i == 0 {
                    "  ← computed by cognito-tui from the secret set up above (demo only)"
                } else {
                    ""
                },
                Style::new().fg(theme().special),
            ));
            Line::from(spans)
        })
        .collect()
}

fn prompt(model: &Model, s: &AuthState, p: &Prompt, frame: &mut Frame, area: Rect) {
    let title = format!(" {} ", p.question());
    let mut l: Vec<Line<'static>> = Vec::new();
    match p {
        Prompt::MfaSetup {
            secret_code,
            otpauth_uri,
            account,
            issuer,
        } => {
            let b = table::titled(title);
            let inner = b.inner(area);
            frame.render_widget(b, area);
            let shown = model.workshop.shows(Revealable::TotpSecret, model.ticks);
            let qr_lines = if shown {
                qr::lines(otpauth_uri.expose()).unwrap_or_else(|e| vec![e])
            } else {
                vec![
                    "┌──────────────┐".into(),
                    "│ QR code      │".into(),
                    "│ hidden in    │".into(),
                    "│ presenter    │".into(),
                    "│ mode         │".into(),
                    "└──────────────┘".into(),
                ]
            };
            let qr_w = qr_lines.first().map_or(0, |l| l.chars().count()) as u16;
            let [left, right] =
                Layout::horizontal([Constraint::Length(qr_w + 1), Constraint::Min(20)])
                    .areas(inner);
            frame.render_widget(
                Paragraph::new(qr_lines.into_iter().map(Line::raw).collect::<Vec<_>>()),
                left,
            );
            let left_s = totp::seconds_left(model.now.max(0) as u64);
            let mut r = vec![
                Line::styled(
                    "Scan the code with an authenticator app, or type the secret:",
                    caption(),
                ),
                if shown {
                    Line::styled(secret_code.expose().to_string(), highlight())
                } else {
                    Line::from(vec![
                        Span::raw("•••••••••••••••• hidden in presenter mode   "),
                        Span::styled("ctrl-r", keycap()),
                        Span::raw(" shows it and the QR code for 10 s"),
                    ])
                },
                Line::styled(format!("account {account} · issuer {issuer}"), faint()),
                Line::raw(""),
            ];
            r.extend(field_lines(model, s));
            r.push(Line::raw(""));
            r.push(Line::from(vec![
                Span::styled("ctrl-g", keycap()),
                Span::raw(format!(
                    " fill in the current code (demo; {left_s} s left in this window)   "
                )),
                Span::styled("enter", keycap()),
                Span::raw(" verify"),
            ]));
            frame.render_widget(Paragraph::new(r).wrap(Wrap { trim: false }), right);
            return;
        }
        Prompt::NewPassword {
            current_attributes, ..
        } => {
            if !current_attributes.is_empty() {
                let attrs: Vec<String> = current_attributes
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                l.push(Line::styled(
                    format!("current attributes: {}", attrs.join(" ")),
                    faint(),
                ));
            }
            l.extend(field_lines(model, s));
        }
        Prompt::CustomChallenge { parameters } => {
            for (k, v) in parameters {
                l.push(Line::from(vec![
                    Span::styled(format!("{k:<18}"), caption()),
                    Span::styled(v.clone(), highlight()),
                ]));
            }
            l.push(Line::raw(""));
            l.extend(field_lines(model, s));
        }
        Prompt::Choose { options, .. } => {
            let sel = s.form.as_ref().map_or(0, |f| f.choice);
            for (i, o) in options.iter().enumerate() {
                let style = if i == sel {
                    highlight()
                } else if o.supported {
                    Style::new()
                } else {
                    faint()
                };
                l.push(Line::styled(
                    format!(
                        "{} {}. {} — {}{}",
                        if i == sel { "▸" } else { " " },
                        i + 1,
                        o.value,
                        o.label,
                        if o.supported {
                            ""
                        } else {
                            " (not supported here)"
                        }
                    ),
                    style,
                ));
            }
        }
        Prompt::Code { kind, .. } => {
            l.extend(field_lines(model, s));
            if *kind == crate::auth::CodeKind::Totp && s.totp_secret.is_some() {
                l.push(Line::raw(""));
                l.push(Line::from(vec![
                    Span::styled("ctrl-g", keycap()),
                    Span::raw(
                        " fill in the current code from the secret set up in this run (demo)",
                    ),
                ]));
            }
        }
        _ => l.extend(field_lines(model, s)),
    }
    l.push(Line::raw(""));
    l.push(Line::from(vec![
        Span::styled("enter", keycap()),
        Span::raw(" submit   "),
        Span::styled("esc", keycap()),
        Span::raw(" abandon the run"),
    ]));
    frame.render_widget(
        Paragraph::new(l)
            .block(table::titled(title))
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn json_lines(value: &Value, now: i64) -> Vec<Line<'static>> {
    let times: Vec<jwt::TimeClaim> = jwt::time_claims(value, now);
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    pretty
        .lines()
        .map(|line| {
            let key = line
                .trim_start()
                .strip_prefix('"')
                .and_then(|r| r.split_once('"'))
                .map(|(k, _)| k.to_string())
                .unwrap_or_default();
            let hot = key == "cognito:groups" || key.starts_with("custom:") || key == "role";
            let mut spans = vec![Span::styled(
                line.to_string(),
                if hot { highlight() } else { Style::new() },
            )];
            if let Some(t) = times.iter().find(|t| t.name == key) {
                spans.push(Span::styled(
                    format!("   {} ({})", t.utc, t.relative),
                    faint(),
                ));
            }
            Line::from(spans)
        })
        .collect()
}

fn verdict_line(v: &TokenView, jwks_url_state: &LoadState) -> Line<'static> {
    match (&v.verdict, jwks_url_state) {
        (Some(Ok(())), _) => Line::styled(
            "signature ✓ verified against the pool's JWKS (issuer, expiry and audience checked)",
            Style::new().fg(theme().ok),
        ),
        (Some(Err(why)), _) => {
            Line::styled(format!("signature ✗ {why}"), Style::new().fg(theme().error))
        }
        (None, LoadState::Failed(e)) => Line::styled(
            format!("signature not checked: {}", e.headline()),
            Style::new().fg(theme().warn),
        ),
        (None, _) => Line::styled("checking the signature against the JWKS…", caption()),
    }
}

fn tokens(model: &Model, s: &AuthState, frame: &mut Frame, area: Rect) {
    let Some((t, at)) = &s.tokens else {
        return;
    };
    let left = seconds_left(t, *at, model.now);
    let countdown = if left > 0 {
        format!("expires in {}:{:02}", left / 60, left % 60)
    } else {
        "expired".to_string()
    };
    let tab = |name: &str, on: bool| {
        if on {
            Span::styled(format!(" [{name}] "), highlight())
        } else {
            Span::styled(format!("  {name}  "), caption())
        }
    };
    let title = Line::from(vec![
        Span::styled(" Tokens ", keycap()),
        tab("ID token", s.tab == TokenTab::Id),
        tab("Access token", s.tab == TokenTab::Access),
        tab("Refresh token", s.tab == TokenTab::Refresh),
        Span::styled(format!(" {countdown} "), Style::new().fg(theme().accent)),
    ]);
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(faint())
        .title(title);
    let mut l: Vec<Line<'static>> = Vec::new();
    // What the token actions did, newest last, above the token itself.
    for (level, text) in &s.notes {
        let color = theme().level(*level);
        l.push(Line::styled(format!("• {text}"), Style::new().fg(color)));
    }
    l.extend(super::pool_choice::lines(s));
    let credentials = s
        .credentials
        .as_ref()
        .filter(|_| s.chooser.is_none())
        .map(|v| model.workshop.credentials(v));
    l.extend(super::credentials::lines(
        credentials.as_ref(),
        s.exchange.is_some(),
        model.now,
    ));
    let show = |v: Option<&TokenView>, l: &mut Vec<Line<'static>>| match v {
        Some(v) => {
            l.push(verdict_line(v, &s.jwks.state));
            match &v.decoded {
                Some(d) => {
                    l.push(Line::styled("header", caption()));
                    l.extend(json_lines(&d.header, model.now));
                    l.push(Line::styled("claims", caption()));
                    l.extend(json_lines(&d.claims, model.now));
                }
                None => l.push(Line::styled(
                    format!(
                        "cannot decode: {}",
                        v.decode_error.clone().unwrap_or_default()
                    ),
                    Style::new().fg(theme().error),
                )),
            }
        }
        None => l.push(Line::styled("no such token in this response", caption())),
    };
    match s.tab {
        TokenTab::Id => show(s.id_token.as_ref(), &mut l),
        TokenTab::Access => show(s.access_token.as_ref(), &mut l),
        TokenTab::Refresh => match &t.refresh_token {
            Some(r) => {
                l.push(Line::raw(format!(
                    "opaque to clients: {} characters (not shown). Use it with f (REFRESH_TOKEN_AUTH) or v (RevokeToken).",
                    r.len()
                )));
            }
            None => l.push(Line::styled("no refresh token", caption())),
        },
    }
    frame.render_widget(
        Paragraph::new(l)
            .block(b)
            .wrap(Wrap { trim: false })
            .scroll((s.scroll, 0)),
        area,
    );
}

#[cfg(test)]
pub(crate) mod tests {
    use crossterm::event::KeyCode;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::auth::{FlowError, Prompt};
    use crate::core::input::keymap::Keymap;
    use crate::core::model::Model;
    use crate::core::model::runner::Stage;
    use crate::core::update::runner::tests::{key, model, opened, signed_in, typed};
    use crate::domain::secret::Secret;

    pub(crate) fn draw(m: &Model, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| crate::ui::render(m, &Keymap::default(), f))
            .unwrap();
        t.backend().to_string()
    }

    #[test]
    fn runner_setup() {
        let mut m = model();
        opened(&mut m);
        typed(&mut m, "emma");
        insta::assert_snapshot!(draw(&m, 120, 20));
    }

    #[test]
    fn runner_setup_draws_the_username_cursor_where_it_is() {
        let mut m = model();
        opened(&mut m);
        typed(&mut m, "mma");
        key(&mut m, KeyCode::Home);
        typed(&mut m, "e");
        let mut t = Terminal::new(TestBackend::new(120, 20)).unwrap();
        t.draw(|f| crate::ui::render(&m, &Keymap::default(), f))
            .unwrap();
        let at = t.get_cursor_position().unwrap();
        let buf = t.backend().buffer();
        assert_eq!(buf[(at.x - 1, at.y)].symbol(), "e");
        assert_eq!(buf[(at.x, at.y)].symbol(), "m");
        assert!(
            buf[(at.x, at.y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        );
    }

    #[test]
    fn runner_password_prompt_is_masked() {
        let mut m = model();
        opened(&mut m);
        m.auth.as_mut().unwrap().flow = 1;
        typed(&mut m, "emma");
        key(&mut m, KeyCode::Enter);
        typed(&mut m, "Hunter2-Secret!");
        let screen = draw(&m, 120, 24);
        assert!(!screen.contains("Hunter2"), "{screen}");
        insta::assert_snapshot!(screen);
    }

    #[test]
    fn runner_signed_in_shows_decoded_claims() {
        let mut m = model();
        signed_in(&mut m);
        let screen = draw(&m, 120, 48);
        assert!(
            screen.contains("\"custom:role\": \"instructor\""),
            "{screen}"
        );
        assert!(!screen.contains("opaque-refresh-token-value"));
        insta::assert_snapshot!(screen);
    }

    #[test]
    fn runner_mfa_setup_draws_a_qr_code() {
        let mut m = model();
        opened(&mut m);
        let s = m.auth.as_mut().unwrap();
        let secret = "JBSWY3DPEHPK3PXP";
        s.stage = Stage::Prompt(Prompt::MfaSetup {
            secret_code: Secret::new(secret),
            otpauth_uri: Secret::new(format!(
                "otpauth://totp/Cognito:emma?secret={secret}&issuer=Cognito"
            )),
            account: "emma".into(),
            issuer: "Cognito".into(),
        });
        s.form = Some(crate::core::model::runner::InputForm {
            fields: vec![crate::core::model::runner::Field {
                label: "Code from the app".into(),
                key: "code".into(),
                value: crate::core::input::text::TextInput::secret().with_masked(false),
                hidden: false,
            }],
            focus: 0,
            choice: 0,
            generated: false,
        });
        s.totp_secret = Some(Secret::new(secret));
        // ctrl-g fills in the code for this very second, labelled as a demo.
        crate::core::update::update(
            &mut m,
            &Keymap::default(),
            crate::core::msg::Msg::Key(crossterm::event::KeyEvent::new(
                KeyCode::Char('g'),
                crossterm::event::KeyModifiers::CONTROL,
            )),
        );
        let code = crate::auth::totp::code(secret, m.now as u64).unwrap();
        let screen = draw(&m, 130, 44);
        assert!(screen.contains(&code), "{screen}");
        assert!(screen.contains("computed by cognito-tui"));
        assert!(screen.contains('▀') || screen.contains('▄') || screen.contains('█'));
        insta::assert_snapshot!(screen);
    }

    #[test]
    fn runner_failed_says_what_and_how_to_retry() {
        let mut m = model();
        opened(&mut m);
        let s = m.auth.as_mut().unwrap();
        s.stage = Stage::Failed(FlowError {
            kind: crate::auth::ErrorKind::WrongPassword,
            step: "InitiateAuth USER_PASSWORD_AUTH".into(),
            message: "Wrong password for emma.".into(),
            code: Some("NotAuthorizedException".into()),
            cognito_message: Some("Incorrect username or password.".into()),
            retry: crate::auth::Retry::SameStep,
            warning: Some("Cognito locks the user out for a while after 5 failed attempts".into()),
        });
        insta::assert_snapshot!(draw(&m, 120, 20));
    }

    #[test]
    fn runner_refused_read_only_says_so_once_and_that_nothing_was_sent() {
        let mut m = model();
        opened(&mut m);
        let sentence = "read-only: answering NEW_PASSWORD_REQUIRED would set emma's password";
        m.auth.as_mut().unwrap().stage = Stage::Failed(FlowError {
            kind: crate::auth::ErrorKind::ReadOnly,
            step: "RespondToAuthChallenge NEW_PASSWORD_REQUIRED".into(),
            message: sentence.into(),
            code: Some("ReadOnlyMode".into()),
            cognito_message: Some(sentence.into()),
            retry: crate::auth::Retry::No,
            warning: None,
        });
        let screen = draw(&m, 120, 20);
        assert_eq!(screen.matches(sentence).count(), 1, "{screen}");
        assert!(
            screen.contains("Nothing was sent: cognito-tui runs with --read-only."),
            "{screen}"
        );
        assert!(
            !screen.contains("Change the client, flow or user settings"),
            "{screen}"
        );
    }
}
