//! `TextInput`: the one single-line text field every prompt and form uses (the `/` and server
//! filters, the `:` line, the admin forms, the runner's fields). A value with a cursor over
//! `tui_input::Input`: editing keys, bracketed paste, masking. Pure: no I/O, no drawing
//! (`ui::widgets::input` draws it), and it never decides what Enter, Esc or Tab mean.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthStr;

/// What a field is handed: a key no binding claimed, or a bracketed paste.
#[derive(Debug, Clone, Copy)]
pub enum Edit<'a> {
    Key(&'a KeyEvent),
    Paste(&'a str),
}

/// A one-line text value with a cursor.
///
/// `masked` fields are drawn as dots. A masked or `secret` input never shows its value in
/// `Debug` (passwords and codes live in these).
#[derive(Clone, Default)]
pub struct TextInput {
    input: Input,
    /// Drawn as one `•` per char (a password being typed).
    pub masked: bool,
    /// Kept out of `Debug` even while shown on screen (a password the user chose to show).
    secret: bool,
}

impl TextInput {
    /// A plain field holding `value`, the cursor at its end.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            input: Input::new(value.into()),
            masked: false,
            secret: false,
        }
    }

    /// An empty masked field whose value `Debug` never shows, even once unmasked.
    pub fn secret() -> Self {
        Self {
            input: Input::default(),
            masked: true,
            secret: true,
        }
    }

    /// Builder: mask (or unmask) the field.
    pub fn with_masked(mut self, masked: bool) -> Self {
        self.masked = masked;
        self
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn is_empty(&self) -> bool {
        self.input.value().is_empty()
    }

    /// Whether `Debug` hides the value (masked now, or made with `secret`).
    pub fn is_secret(&self) -> bool {
        self.secret || self.masked
    }

    /// Replace the value; the cursor goes to its end.
    pub fn set(&mut self, value: impl Into<String>) {
        self.input = Input::new(value.into());
    }

    pub fn clear(&mut self) {
        self.input.reset();
    }

    /// The value, leaving the field empty.
    pub fn take(&mut self) -> String {
        self.input.value_and_reset()
    }

    /// The cursor, in chars (Unicode scalar values) before it.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// The cursor, in display columns before it, as drawn (one per char when masked).
    pub fn cursor_column(&self) -> usize {
        if self.masked {
            self.input.cursor()
        } else {
            self.input.visual_cursor()
        }
    }

    /// The value's width in display columns, as drawn.
    pub fn width(&self) -> usize {
        if self.masked {
            self.input.value().chars().count()
        } else {
            self.input.value().width()
        }
    }

    /// Move the cursor to `chars` chars from the start (clamped to the end).
    pub fn set_cursor(&mut self, chars: usize) {
        self.input.handle(InputRequest::SetCursor(chars));
    }

    /// Apply an editing key. True when the key is one the field takes (even if nothing
    /// changed, e.g. ← at the start); false for keys it leaves to the caller (Enter, Esc,
    /// Tab, arrows up/down, function keys, other control chords) and for key releases.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        match request(key) {
            Some(req) => {
                self.input.handle(req);
                true
            }
            None => false,
        }
    }

    /// Apply an edit: a key (as `handle_key`) or a paste (always taken).
    pub fn edit(&mut self, edit: Edit) -> bool {
        match edit {
            Edit::Key(key) => self.handle_key(key),
            Edit::Paste(text) => {
                self.paste(text);
                true
            }
        }
    }

    /// Insert pasted text at the cursor. One line only: a trailing newline is stripped,
    /// other newlines, tabs and control chars are dropped.
    pub fn paste(&mut self, text: &str) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        if clean.is_empty() {
            return;
        }
        let cursor = self.input.cursor();
        let mut value = self.input.value().to_string();
        let at = value
            .char_indices()
            .nth(cursor)
            .map_or(value.len(), |(i, _)| i);
        value.insert_str(at, &clean);
        self.input = Input::new(value).with_cursor(cursor + clean.chars().count());
    }
}

/// The editing request a key stands for, if any.
fn request(key: &KeyEvent) -> Option<InputRequest> {
    use InputRequest::*;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let plain = !ctrl && !alt;
    Some(match key.code {
        KeyCode::Left if ctrl || alt => GoToPrevWord,
        KeyCode::Right if ctrl || alt => GoToNextWord,
        KeyCode::Left => GoToPrevChar,
        KeyCode::Right => GoToNextChar,
        KeyCode::Home => GoToStart,
        KeyCode::End => GoToEnd,
        KeyCode::Backspace if ctrl || alt => DeletePrevWord,
        KeyCode::Backspace => DeletePrevChar,
        KeyCode::Delete if ctrl => DeleteNextWord,
        KeyCode::Delete => DeleteNextChar,
        // AltGr arrives as Ctrl+Alt on some terminals: a typed char.
        KeyCode::Char(c) if plain || (ctrl && alt) => InsertChar(c),
        KeyCode::Char(c) if ctrl => match c {
            'a' => GoToStart,
            'e' => GoToEnd,
            'b' => GoToPrevChar,
            'f' => GoToNextChar,
            'h' => DeletePrevChar,
            'w' => DeletePrevWord,
            'u' => DeleteFromStart,
            'k' => DeleteTillEnd,
            'y' => Yank,
            _ => return None,
        },
        KeyCode::Char(c) => match c {
            'b' => GoToPrevWord,
            'f' => GoToNextWord,
            'd' => DeleteNextWord,
            _ => return None,
        },
        _ => return None,
    })
}

/// Equal when value, cursor and masking are (the cut buffer for ctrl-y is not compared).
impl PartialEq for TextInput {
    fn eq(&self, other: &Self) -> bool {
        self.input.value() == other.input.value()
            && self.input.cursor() == other.input.cursor()
            && self.masked == other.masked
            && self.secret == other.secret
    }
}

impl fmt::Debug for TextInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("TextInput");
        if self.is_secret() {
            d.field("value", &"••••••");
        } else {
            d.field("value", &self.input.value());
        }
        d.field("cursor", &self.input.cursor())
            .field("masked", &self.masked)
            .finish()
    }
}

impl From<&str> for TextInput {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for TextInput {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn alt(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::ALT)
    }

    fn typed(s: &str) -> TextInput {
        let mut t = TextInput::default();
        for c in s.chars() {
            assert!(t.handle_key(&key(KeyCode::Char(c))));
        }
        t
    }

    fn press(t: &mut TextInput, keys: &[KeyEvent]) {
        for k in keys {
            assert!(t.handle_key(k), "{k:?} not taken");
        }
    }

    #[test]
    fn home_then_a_char_inserts_at_the_start() {
        let mut t = typed("alker007");
        press(&mut t, &[key(KeyCode::Home), key(KeyCode::Char('w'))]);
        assert_eq!(t.value(), "walker007");
        assert_eq!(t.cursor(), 1);
    }

    #[test]
    fn ctrl_a_and_ctrl_e_go_to_start_and_end() {
        let mut t = typed("bob");
        press(&mut t, &[ctrl('a')]);
        assert_eq!(t.cursor(), 0);
        press(&mut t, &[ctrl('e'), key(KeyCode::Char('!'))]);
        assert_eq!(t.value(), "bob!");
        press(&mut t, &[key(KeyCode::Home), key(KeyCode::End)]);
        assert_eq!(t.cursor(), 4);
    }

    #[test]
    fn left_and_right_move_one_char_and_stop_at_the_ends() {
        let mut t = typed("ab");
        press(&mut t, &[key(KeyCode::Left), key(KeyCode::Char('x'))]);
        assert_eq!(t.value(), "axb");
        press(
            &mut t,
            &[key(KeyCode::Left), key(KeyCode::Left), key(KeyCode::Left)],
        );
        assert_eq!(t.cursor(), 0, "← at the start is taken and does nothing");
        press(&mut t, &[key(KeyCode::Right), key(KeyCode::Right)]);
        assert_eq!(t.cursor(), 2);
        press(&mut t, &[key(KeyCode::Right), key(KeyCode::Right)]);
        assert_eq!(t.cursor(), 3);
        press(&mut t, &[ctrl('b')]);
        assert_eq!(t.cursor(), 2);
        press(&mut t, &[ctrl('f')]);
        assert_eq!(t.cursor(), 3);
    }

    #[test]
    fn backspace_and_delete_remove_either_side_of_the_cursor() {
        let mut t = typed("abcd");
        press(&mut t, &[key(KeyCode::Left), key(KeyCode::Left)]);
        press(&mut t, &[key(KeyCode::Backspace)]);
        assert_eq!((t.value(), t.cursor()), ("acd", 1));
        press(&mut t, &[key(KeyCode::Delete)]);
        assert_eq!((t.value(), t.cursor()), ("ad", 1));
        press(&mut t, &[ctrl('h')]);
        assert_eq!((t.value(), t.cursor()), ("d", 0));
        press(&mut t, &[key(KeyCode::Backspace)]);
        assert_eq!(t.value(), "d", "backspace at the start does nothing");
        press(&mut t, &[key(KeyCode::End), key(KeyCode::Delete)]);
        assert_eq!(t.value(), "d", "delete at the end does nothing");
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut t = typed("email ^= alice@exa");
        press(&mut t, &[ctrl('w')]);
        assert_eq!(t.value(), "email ^= alice@");
        let mut t = typed("given_name = Bob");
        press(&mut t, &[ctrl('w')]);
        assert_eq!(t.value(), "given_name = ");
        press(&mut t, &[ctrl('w')]);
        assert_eq!(t.value(), "");
        let mut t = typed("one two three");
        press(&mut t, &[alt(KeyCode::Left), key(KeyCode::Left)]);
        press(&mut t, &[alt(KeyCode::Backspace)]);
        assert_eq!((t.value(), t.cursor()), ("one  three", 4));
    }

    #[test]
    fn ctrl_u_deletes_to_the_start_and_ctrl_k_to_the_end() {
        let mut t = typed("hello world");
        press(
            &mut t,
            &[
                ctrl('a'),
                ctrl('f'),
                ctrl('f'),
                ctrl('f'),
                ctrl('f'),
                ctrl('f'),
            ],
        );
        press(&mut t, &[ctrl('u')]);
        assert_eq!((t.value(), t.cursor()), (" world", 0));
        press(&mut t, &[key(KeyCode::Right), ctrl('k')]);
        assert_eq!((t.value(), t.cursor()), (" ", 1));
        press(&mut t, &[ctrl('y')]);
        assert_eq!(t.value(), " world", "ctrl-y puts back what ctrl-k cut");
    }

    #[test]
    fn word_moves_with_ctrl_or_alt_arrows() {
        let mut t = typed("one two three");
        press(
            &mut t,
            &[KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL)],
        );
        assert_eq!(t.cursor(), 8);
        press(&mut t, &[alt(KeyCode::Char('b'))]);
        assert_eq!(t.cursor(), 4);
        press(&mut t, &[alt(KeyCode::Right)]);
        assert_eq!(t.cursor(), 8);
        press(&mut t, &[alt(KeyCode::Char('d'))]);
        assert_eq!(t.value(), "one two ");
    }

    #[test]
    fn shifted_and_altgr_chars_are_typed() {
        let mut t = TextInput::default();
        press(
            &mut t,
            &[KeyEvent::new(KeyCode::Char('W'), KeyModifiers::SHIFT)],
        );
        press(
            &mut t,
            &[KeyEvent::new(
                KeyCode::Char('@'),
                KeyModifiers::CONTROL | KeyModifiers::ALT,
            )],
        );
        assert_eq!(t.value(), "W@");
    }

    #[test]
    fn keys_the_field_does_not_own_are_left_to_the_caller() {
        let mut t = typed("x");
        for k in [
            key(KeyCode::Enter),
            key(KeyCode::Esc),
            key(KeyCode::Tab),
            key(KeyCode::BackTab),
            key(KeyCode::Up),
            key(KeyCode::Down),
            key(KeyCode::F(1)),
            ctrl('c'),
            ctrl('g'),
            ctrl('r'),
            alt(KeyCode::Char('x')),
        ] {
            assert!(!t.handle_key(&k), "{k:?} was taken");
        }
        let mut release = key(KeyCode::Char('y'));
        release.kind = KeyEventKind::Release;
        assert!(!t.handle_key(&release));
        assert_eq!(t.value(), "x");
    }

    #[test]
    fn multibyte_chars_move_and_delete_whole() {
        let mut t = typed("héllo");
        press(
            &mut t,
            &[ctrl('a'), key(KeyCode::Right), key(KeyCode::Right)],
        );
        assert_eq!(t.cursor(), 2);
        press(&mut t, &[key(KeyCode::Backspace)]);
        assert_eq!(t.value(), "hllo");
        press(&mut t, &[key(KeyCode::Char('ö'))]);
        assert_eq!(t.value(), "höllo");

        // Wide chars: two columns each.
        let mut t = typed("日本語");
        assert_eq!((t.cursor(), t.cursor_column(), t.width()), (3, 6, 6));
        press(&mut t, &[key(KeyCode::Left)]);
        assert_eq!((t.cursor(), t.cursor_column()), (2, 4));
        press(&mut t, &[key(KeyCode::Char('x'))]);
        assert_eq!(t.value(), "日本x語");

        // A letter with a combining accent is one grapheme of two chars.
        let mut t = TextInput::new("ae\u{301}");
        press(&mut t, &[key(KeyCode::Left)]);
        assert_eq!(t.cursor(), 1);
        press(&mut t, &[key(KeyCode::Delete)]);
        assert_eq!(t.value(), "a");
    }

    #[test]
    fn a_masked_cursor_counts_one_column_per_char() {
        let mut t = TextInput::secret();
        press(&mut t, &[key(KeyCode::Char('日')), key(KeyCode::Char('a'))]);
        assert_eq!((t.cursor_column(), t.width()), (2, 2));
        t.masked = false;
        assert_eq!((t.cursor_column(), t.width()), (3, 3));
    }

    #[test]
    fn paste_inserts_at_the_cursor() {
        let mut t = typed("alice@.com");
        press(&mut t, &[key(KeyCode::Left); 4]);
        t.paste("example");
        assert_eq!((t.value(), t.cursor()), ("alice@example.com", 13));
        t.paste("");
        assert_eq!(t.value(), "alice@example.com");
    }

    #[test]
    fn paste_keeps_one_line() {
        let mut t = TextInput::default();
        t.paste("us-east-1_AbC\n");
        assert_eq!((t.value(), t.cursor()), ("us-east-1_AbC", 13));
        let mut t = TextInput::default();
        t.paste("abc\r\n");
        assert_eq!(t.value(), "abc");
        let mut t = TextInput::default();
        t.paste("one\ntwo\r\tthree\u{1b}[A\u{7}");
        assert_eq!(t.value(), "onetwothree[A");
        let mut t = typed("x");
        t.paste("\n");
        assert_eq!((t.value(), t.cursor()), ("x", 1));
    }

    #[test]
    fn paste_counts_multibyte_chars() {
        let mut t = typed("ab");
        press(&mut t, &[key(KeyCode::Left)]);
        t.paste("日本");
        assert_eq!((t.value(), t.cursor(), t.cursor_column()), ("a日本b", 3, 5));
    }

    #[test]
    fn set_clear_take_and_set_cursor() {
        let mut t = TextInput::new("abc");
        assert_eq!(t.cursor(), 3);
        t.set("hello");
        assert_eq!((t.value(), t.cursor()), ("hello", 5));
        t.set_cursor(2);
        assert_eq!(t.cursor(), 2);
        t.set_cursor(99);
        assert_eq!(t.cursor(), 5);
        assert_eq!(t.take(), "hello");
        assert!(t.is_empty());
        t.set("x");
        t.clear();
        assert_eq!((t.value(), t.cursor()), ("", 0));
    }

    #[test]
    fn debug_never_shows_a_masked_or_secret_value() {
        let mut t = TextInput::secret();
        t.paste("hunter2");
        assert!(!format!("{t:?}").contains("hunter2"));
        t.masked = false;
        assert!(t.is_secret());
        assert!(
            !format!("{t:?}").contains("hunter2"),
            "shown but still secret"
        );
        let t = TextInput::new("hunter2").with_masked(true);
        assert!(!format!("{t:?}").contains("hunter2"));
        let t = TextInput::new("alice");
        assert!(format!("{t:?}").contains("alice"));
    }

    #[test]
    fn equal_by_value_cursor_and_masking() {
        let mut a = TextInput::new("ab");
        let b = TextInput::new("ab");
        assert_eq!(a, b);
        a.set_cursor(0);
        assert_ne!(a, b);
        assert_ne!(TextInput::new("ab").with_masked(true), b);
        assert_eq!(a.clone(), a);
    }
}
