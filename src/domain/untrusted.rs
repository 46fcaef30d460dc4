//! Rules for what the server sends, which the app does not trust: text made safe to print
//! ([`printable`]), and page tokens followed only while they are new ([`TokenTrail`]), so a
//! buggy or hostile endpoint can neither drive the terminal nor keep a listing going forever.

use std::collections::HashSet;

use crate::domain::{CognitoError, ErrorKind};

/// `text` without terminal controls, for stderr and the screen: escape sequences (CSI, OSC,
/// and the two-character ones) are dropped whole, other C0 and C1 controls and DEL are
/// dropped, and CR, LF and TAB become a space — server text never starts a line of its own,
/// so the line breaks on stderr are only ever ours.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A CSI sequence's parameters and its final byte (0x40–0x7E).
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return;
        }
    }
}

/// An OSC (or DCS, SOS, PM, APC) string, up to BEL, ST (ESC \) or the C1 ST.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// The page tokens a listing has followed. A token that comes back a second time means the
/// endpoint would send the same pages forever; the listing stops there with an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenTrail {
    seen: HashSet<String>,
}

impl TokenTrail {
    /// The token to follow next (`Ok(None)` when the listing is complete), or the error for a
    /// token already followed.
    pub fn follow(
        &mut self,
        operation: &str,
        next: Option<String>,
    ) -> Result<Option<String>, CognitoError> {
        match next {
            None => Ok(None),
            Some(t) if self.seen.contains(&t) => Err(repeated_token(operation, self.seen.len())),
            Some(t) => {
                self.seen.insert(t.clone());
                Ok(Some(t))
            }
        }
    }

    /// Forget every token (a new listing from the first page).
    pub fn clear(&mut self) {
        self.seen.clear();
    }
}

/// The error for a page token that repeats after `pages` pages.
pub fn repeated_token(operation: &str, pages: usize) -> CognitoError {
    CognitoError::new(
        ErrorKind::Other,
        format!(
            "{operation} sent a page token it had already sent, after {} page{}: stopped there, as following it would loop forever",
            pages + 1,
            if pages == 0 { "" } else { "s" }
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_dropped_whole() {
        assert_eq!(printable("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(printable("a\u{1b}[2J\u{1b}[Hb"), "ab");
        // OSC: a window title, a hyperlink; ended by BEL or by ST.
        assert_eq!(printable("x\u{1b}]0;pwned\u{7}y"), "xy");
        assert_eq!(
            printable("\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        // Two-character escapes: only the ESC and its letter go.
        assert_eq!(printable("a\u{1b}cb"), "ab");
        // An escape cut short at the end.
        assert_eq!(printable("tail\u{1b}["), "tail");
        assert_eq!(printable("tail\u{1b}"), "tail");
    }

    #[test]
    fn c0_and_c1_controls_and_del_are_dropped() {
        assert_eq!(printable("ding\u{7}\u{8}\u{0}\u{7f}!"), "ding!");
        assert_eq!(printable("c1\u{9b}31mred"), "c1red");
        assert_eq!(printable("c1\u{9d}0;t\u{9c}ok"), "c1ok");
        assert_eq!(printable("\u{85}next"), "next");
    }

    #[test]
    fn line_breaks_from_the_server_become_spaces() {
        // A CR would let the server overwrite the line: "ok" over the error.
        assert_eq!(printable("failed\rok    "), "failed ok    ");
        assert_eq!(printable("one\ntwo\tthree"), "one two three");
    }

    #[test]
    fn plain_and_non_latin_text_is_unchanged() {
        for s in ["User does not exist.", "émma — ユーザー ✓", ""] {
            assert_eq!(printable(s), s);
        }
    }

    #[test]
    fn a_repeated_token_stops_the_listing() {
        let mut t = TokenTrail::default();
        assert_eq!(
            t.follow("ListUsers", Some("a".into())).unwrap(),
            Some("a".into())
        );
        assert_eq!(
            t.follow("ListUsers", Some("b".into())).unwrap(),
            Some("b".into())
        );
        let e = t.follow("ListUsers", Some("a".into())).unwrap_err();
        assert!(
            e.message
                .contains("ListUsers sent a page token it had already sent, after 3 pages"),
            "{}",
            e.message
        );
        assert_eq!(t.follow("ListUsers", None).unwrap(), None);
        t.clear();
        assert_eq!(
            t.follow("ListUsers", Some("a".into())).unwrap(),
            Some("a".into())
        );
    }
}
