//! Tests for `ui::widgets::input`: scrolling to the cursor, masking, the drawn and terminal cursor.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

use super::*;

fn text(d: &Drawn) -> String {
    d.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// A focused field's text in `width` columns, and its cursor column.
fn shown(t: &TextInput, width: u16) -> (String, Option<u16>) {
    let d = spans(t, width, WHITE, true);
    (text(&d), d.cursor)
}

fn at(value: &str, cursor: usize) -> TextInput {
    let mut t = TextInput::new(value);
    t.set_cursor(cursor);
    t
}

const WHITE: Style = Style::new().fg(Color::White);

#[test]
fn cursor_at_the_end_is_a_block_after_the_value() {
    let d = spans(&TextInput::new("abc"), 20, WHITE, true);
    assert_eq!(text(&d), "abc█");
    assert_eq!(d.cursor, Some(3));
    assert_eq!(d.spans[0].style, WHITE);
}

#[test]
fn cursor_inside_reverses_the_cell_under_it() {
    let d = spans(&at("abc", 1), 20, WHITE, true);
    assert_eq!(text(&d), "abc");
    assert_eq!(d.cursor, Some(1));
    assert_eq!(d.spans.len(), 3);
    assert_eq!(d.spans[1].content, "b");
    assert!(d.spans[1].style.add_modifier.contains(Modifier::REVERSED));
    assert_eq!(d.spans[1].style.fg, Some(Color::White));
    assert!(!d.spans[0].style.add_modifier.contains(Modifier::REVERSED));
}

#[test]
fn masked_fields_draw_a_dot_per_char() {
    let mut t = TextInput::secret();
    t.paste("pä日s");
    assert_eq!(shown(&t, 20), ("••••█".into(), Some(4)));
    t.set_cursor(1);
    assert_eq!(shown(&t, 20), ("••••".into(), Some(1)));
}

#[test]
fn a_long_value_scrolls_to_keep_the_cursor_in_view() {
    assert_eq!(
        shown(&TextInput::new("abcdefghij"), 5),
        ("ghij█".into(), Some(4))
    );
    assert_eq!(shown(&at("abcdefghij", 0), 5), ("abcde".into(), Some(0)));
    let d = spans(&at("abcdefghij", 7), 5, WHITE, true);
    assert_eq!((text(&d).as_str(), d.cursor), ("defgh", Some(4)));
    assert_eq!(d.spans.last().unwrap().content, "h", "the cursor cell");
}

#[test]
fn wide_chars_scroll_whole() {
    assert_eq!(shown(&TextInput::new("日本語"), 4), ("語█".into(), Some(2)));
    assert_eq!(shown(&at("日本語", 1), 4), ("日本".into(), Some(2)));
}

#[test]
fn unfocused_fields_show_their_start_and_no_cursor() {
    let d = spans(&TextInput::new("abcdefghij"), 4, WHITE, false);
    assert_eq!((text(&d).as_str(), d.cursor), ("abcd", None));
    let d = spans(&TextInput::new(""), 4, WHITE, false);
    assert_eq!((text(&d).as_str(), d.cursor), ("", None));
    assert_eq!(d.cursor_at(Position::new(3, 3)), None);
}

#[test]
fn an_empty_focused_field_is_just_the_cursor() {
    assert_eq!(shown(&TextInput::default(), 10), ("█".into(), Some(0)));
    let d = spans(&TextInput::new("ab"), 10, WHITE, true);
    assert_eq!(d.cursor_at(Position::new(3, 2)), Some(Position::new(5, 2)));
    let d = spans(&TextInput::default(), 0, WHITE, true);
    assert_eq!(text(&d), "");
}

#[test]
fn render_puts_the_terminal_cursor_on_the_field() {
    let mut t = TextInput::new("alker007");
    t.handle_key(&KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
    t.handle_key(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE));
    let mut term = Terminal::new(TestBackend::new(12, 1)).unwrap();
    let mut pos = None;
    term.draw(|f| pos = render(&t, f, Rect::new(2, 0, 8, 1), WHITE, true))
        .unwrap();
    assert_eq!(pos, Some(Position::new(3, 0)));
    term.backend_mut()
        .assert_cursor_position(Position::new(3, 0));
    // The text view shows the scrolled value; the buffer's styles show the reversed cursor.
    insta::assert_snapshot!(term.backend().to_string(), @r#""  walker00  ""#);
    let cell = &term.backend().buffer()[(3, 0)];
    assert_eq!(cell.symbol(), "a");
    assert!(cell.modifier.contains(Modifier::REVERSED));
    insta::assert_debug_snapshot!("cursor_cell_reversed", term.backend().buffer());
}

#[test]
fn render_unfocused_leaves_the_terminal_cursor_alone() {
    let mut term = Terminal::new(TestBackend::new(6, 1)).unwrap();
    let mut pos = Some(Position::ORIGIN);
    term.draw(|f| pos = render(&TextInput::new("bob"), f, f.area(), WHITE, false))
        .unwrap();
    assert_eq!(pos, None);
    insta::assert_snapshot!(term.backend().to_string(), @r#""bob   ""#);
}
