//! App clients (ListUserPoolClients) and one client's detail (DescribeUserPoolClient; the
//! secret only after an explicit reveal).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use crate::core::model::{LoadState, Model, View};
use crate::domain::AppClient;
use crate::ui::format::{date, list_or_none, spinner, yes_no};
use crate::ui::panes::users::status;
use crate::ui::theme::theme;
use crate::ui::widgets::detail::{self, section};
use crate::ui::widgets::table::{self, Rows, Spec};

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let (View::Clients(pool), Some(pane)) = (model.view(), &model.clients) else {
        return;
    };
    table::render(
        frame,
        area,
        Spec {
            title: format!("App clients — {}", pool.label()),
            status: status(pane, "clients"),
            what: "app clients",
            headers: &["NAME", "CLIENT ID"],
            widths: &[Constraint::Fill(1), Constraint::Fill(1)],
            rows: Rows::of(pane),
            empty: vec![table::note("This pool has no app clients.")],
            ticks: model.ticks,
        },
        |i| {
            pane.get(i)
                .map(|c| vec![Cell::from(c.name.clone()), Cell::from(c.id.clone())])
                .unwrap_or_default()
        },
    );
}

/// The client's labels are longer than the other details'.
const LABEL: usize = 30;

fn field(label: &str, value: impl Into<String>) -> Line<'static> {
    detail::field_in(LABEL, label, value)
}

fn validity(v: &Option<crate::domain::TokenValidity>) -> String {
    v.as_ref()
        .map(|v| v.to_string())
        .unwrap_or_else(|| "— (default)".into())
}

pub fn lines(c: &AppClient, secret: Line<'static>) -> Vec<Line<'static>> {
    vec![
        section("App client"),
        field("Name", c.name.clone()),
        field("Client id", c.id.clone()),
        field("Pool", c.pool_id.clone()),
        field("Created", date(c.created)),
        field("Last modified", date(c.modified)),
        secret,
        Line::raw(""),
        section("Authentication"),
        field("Explicit auth flows", list_or_none(&c.explicit_auth_flows)),
        field(
            "Prevent user existence errors",
            c.prevent_user_existence_errors
                .clone()
                .unwrap_or_else(|| "LEGACY".into()),
        ),
        field(
            "Token revocation",
            c.enable_token_revocation
                .map(|b| if b { "enabled" } else { "disabled" })
                .unwrap_or("—"),
        ),
        field(
            "Auth session validity",
            c.auth_session_validity
                .map(|m| format!("{m} minutes"))
                .unwrap_or_else(|| "—".into()),
        ),
        Line::raw(""),
        section("Token validity"),
        field("Access token", validity(&c.access_token_validity)),
        field("ID token", validity(&c.id_token_validity)),
        field("Refresh token", validity(&c.refresh_token_validity)),
        Line::raw(""),
        section("Attributes"),
        field("Read", list_or_none(&c.read_attributes)),
        field("Write", list_or_none(&c.write_attributes)),
        Line::raw(""),
        section("OAuth / hosted UI"),
        field(
            "OAuth enabled",
            yes_no(c.allowed_oauth_flows_user_pool_client),
        ),
        field("Flows", list_or_none(&c.allowed_oauth_flows)),
        field("Scopes", list_or_none(&c.allowed_oauth_scopes)),
        field("Callback URLs", list_or_none(&c.callback_urls)),
        field("Sign-out URLs", list_or_none(&c.logout_urls)),
        field(
            "Default redirect URI",
            c.default_redirect_uri.clone().unwrap_or_else(|| "—".into()),
        ),
        field(
            "Identity providers",
            list_or_none(&c.supported_identity_providers),
        ),
    ]
}

pub fn render_detail(model: &Model, frame: &mut Frame, area: Rect) {
    let (View::ClientDetail { name, .. }, Some(state)) = (model.view(), &model.client) else {
        return;
    };
    let loading = state.client.is_loading() || state.secret.is_loading();
    let label = detail::label("Secret", LABEL);
    let secret = match (&state.secret.data, &state.secret.state) {
        (_, LoadState::Loading(_)) => Line::from(vec![
            label,
            Span::raw(format!("{} revealing…", spinner(model.ticks))),
        ]),
        (_, LoadState::Failed(e)) => Line::from(vec![
            label,
            Span::styled(
                format!("✗ {}", e.headline()),
                Style::default().fg(theme().error),
            ),
        ]),
        (Some(Some(_)), _) if model.workshop.presenter => {
            Line::from(vec![label, Span::raw("•••••• hidden in presenter mode")])
        }
        (Some(Some(s)), _) => Line::from(vec![
            label,
            Span::styled(s.expose().to_string(), Style::default().fg(theme().special)),
        ]),
        (Some(None), _) => Line::from(vec![label, Span::raw("none")]),
        (None, _) => match &state.client.data {
            Some(c) if c.has_secret && model.workshop.presenter => {
                Line::from(vec![label, Span::raw("•••••• not shown in presenter mode")])
            }
            Some(c) if c.has_secret => Line::from(vec![
                label,
                Span::raw("•••••• "),
                Span::styled("[s] reveal", Style::default().fg(theme().accent)),
            ]),
            _ => Line::from(vec![label, Span::raw("none (public client)")]),
        },
    };
    detail::render(
        frame,
        area,
        table::block(format!("App client {name}"), loading, model.ticks),
        &state.client,
        format!("{} Describing {}…", spinner(model.ticks), state.client_id),
        state.scroll,
        |c| lines(c, secret),
    );
}
