//! The `?` overlay: every binding of the current view, straight from the live keymap; in two
//! columns when one does not fit the screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::core::input::keymap::{Key, Keymap};
use crate::core::model::{Mode, Model};
use crate::ui::theme::theme;

const COLUMN: u16 = 64;

pub fn render(model: &Model, keymap: &Keymap, frame: &mut Frame, area: Rect) {
    let view_mode = model.view_mode();
    let bindings: Vec<Line> = keymap
        .for_mode(view_mode)
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
            Line::from(vec![
                Span::styled(
                    format!("  {:<18}", keys.join(" / ")),
                    Style::default()
                        .fg(theme().accent)
                        .add_modifier(Modifier::BOLD),
                ),
                Span::raw(b.action.describe()),
            ])
        })
        .collect();
    let mut footer = vec![Line::raw("")];
    if keymap.read_only {
        footer.push(Line::styled(
            "  read-only (--read-only): the write keys are hidden",
            Style::default().fg(theme().warn),
        ));
        if matches!(view_mode, Mode::Auth | Mode::Tokens | Mode::AuthForm) {
            footer.push(Line::styled(
                "  and sign out / revoke; a step changing the user is refused",
                Style::default().fg(theme().warn),
            ));
        }
    }
    if matches!(
        view_mode,
        Mode::PoolDetail
            | Mode::Clients
            | Mode::ClientDetail
            | Mode::Auth
            | Mode::Tokens
            | Mode::AuthForm
    ) {
        footer.push(Line::styled(
            "  :domain :scopes :providers  the pool's managed login",
            Style::default().fg(theme().muted),
        ));
    }
    footer.push(Line::styled(
        "  esc / ? / q  close this help",
        Style::default().fg(theme().muted),
    ));
    // One column when it fits, else two side by side.
    let room = area.height.saturating_sub(3 + footer.len() as u16) as usize;
    let two = bindings.len() > room && area.width >= 2 * COLUMN + 2;
    let rows = if two {
        bindings.len().div_ceil(2)
    } else {
        bindings.len()
    };
    let height = (rows as u16 + footer.len() as u16 + 3).min(area.height);
    let width = if two { 2 * COLUMN + 2 } else { COLUMN + 2 };
    let [v] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(theme().accent))
        .title(" Help ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [body, foot] = Layout::vertical([
        Constraint::Length(rows as u16 + 1),
        Constraint::Length(footer.len() as u16),
    ])
    .areas(inner);
    let column = |lines: &[Line<'static>]| {
        let mut v = vec![Line::raw("")];
        v.extend(lines.iter().cloned());
        Paragraph::new(v)
    };
    if two {
        let [left, right] =
            Layout::horizontal([Constraint::Length(COLUMN), Constraint::Fill(1)]).areas(body);
        frame.render_widget(column(&bindings[..rows]), left);
        frame.render_widget(column(&bindings[rows..]), right);
    } else {
        frame.render_widget(column(&bindings), body);
    }
    frame.render_widget(Paragraph::new(footer), foot);
}
