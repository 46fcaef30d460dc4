//! The guided tour on screen: the chapter's narration panel under the pane (its title,
//! "chapter 5 of 12", the narration, and what Enter does live), and the chapter list popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::core::model::workshop::TourState;
use crate::ui::theme::theme;

/// The chapter's narration panel.
pub fn panel(t: &TourState, frame: &mut Frame, area: Rect) {
    let Some(c) = t.chapter() else { return };
    let key = |k: &str| {
        Span::styled(
            format!("<{k}>"),
            Style::default()
                .fg(theme().accent)
                .add_modifier(Modifier::BOLD),
        )
    };
    let mut lines: Vec<Line> = c.narration.iter().map(|p| Line::raw(p.clone())).collect();
    let mut keys = vec![];
    match &c.step {
        _ if t.missing.is_some() => keys.push(Span::styled(
            format!(
                "needs the pool {}, not in this region's list   ",
                t.missing.as_deref().unwrap_or_default()
            ),
            Style::default().fg(theme().warn),
        )),
        Some(step) if !t.performed => {
            keys.push(key("enter"));
            keys.push(Span::raw(format!(
                " do it live: {}   ",
                step.label(c.select.as_deref())
            )));
        }
        Some(_) => keys.push(Span::styled(
            "done live   ",
            Style::default().fg(theme().ok),
        )),
        None => {}
    }
    keys.extend([
        key("]"),
        Span::raw(" next   "),
        key("["),
        Span::raw(" previous   "),
        key("esc"),
        Span::raw(" leave the tour"),
    ]);
    lines.push(Line::raw(""));
    lines.push(Line::from(keys));
    let title = Line::from(vec![
        Span::styled(
            format!(" {} ", t.position()),
            Style::default()
                .fg(theme().badge_fg)
                .bg(theme().special)
                .add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!(" {} ", c.title),
            Style::default().add_modifier(Modifier::BOLD),
        ),
    ]);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(Style::default().fg(theme().special))
                .title(title),
        ),
        area,
    );
}

/// The chapter list popup, its cursor on `cursor`.
pub fn list(t: &TourState, cursor: usize, frame: &mut Frame, area: Rect) {
    let rows: Vec<Line> = t
        .tour
        .chapters
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mark = if i == t.at && t.shown { "•" } else { " " };
            let text = format!("{mark} {:>2}. {}", i + 1, c.title);
            if i == cursor {
                Line::styled(text, crate::ui::widgets::table::selected_style())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    let title = format!(" {} — {} chapters ", t.tour.title, t.tour.chapters.len());
    let width = rows
        .iter()
        .map(|l| l.width() as u16 + 4)
        .max()
        .unwrap_or(20)
        .max(title.chars().count() as u16 + 4)
        .min(area.width);
    let height = (rows.len() as u16 + 4).min(area.height);
    let popup = crate::ui::widgets::overlay::centered(area, width, height);
    let visible = popup.height.saturating_sub(4) as usize;
    let start = cursor.saturating_sub(visible.saturating_sub(1));
    let mut lines: Vec<Line> = rows.into_iter().skip(start).take(visible).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "enter go to the chapter · esc close",
        Style::default().fg(theme().muted),
    ));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(Style::default().fg(theme().special))
                .title(title),
        ),
        popup,
    );
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::core::input::keymap::Keymap;
    use crate::core::model::Model;
    use crate::core::model::workshop::TourState;
    use crate::core::update::runner::tests as runner;

    fn touring(list: Option<usize>) -> Model {
        let mut m = runner::model();
        runner::opened(&mut m);
        m.workshop.presenter = true;
        m.workshop.tour = Some(TourState {
            at: 4,
            shown: true,
            list,
            ..TourState::new(crate::core::model::chapters::bundled())
        });
        m
    }

    fn draw(m: &Model) -> String {
        let mut t = Terminal::new(TestBackend::new(120, 34)).unwrap();
        t.draw(|f| crate::ui::render(m, &Keymap::default(), f))
            .unwrap();
        t.backend().to_string()
    }

    #[test]
    fn the_chapter_panel_under_the_runner_with_the_presenter_badge() {
        insta::assert_snapshot!(draw(&touring(None)));
    }

    #[test]
    fn the_chapter_list_marks_the_chapter_the_tour_is_on() {
        let screen = draw(&touring(Some(6)));
        assert!(
            screen.contains("•  5. ADMIN_USER_PASSWORD_AUTH → tokens"),
            "{screen}"
        );
        assert!(screen.contains("12 chapters"), "{screen}");
    }
}
