//! Workshop mode's state: presenter mode (and the one item revealed for a short while, until
//! a tick count: `core` reads no clock), and the guided tour (its chapters, where it is, whether
//! its panel or list is open, and what the live step still has to do). Plain data.

use crate::core::model::chapters::{Chapter, Tour};
use crate::domain::identity::CredentialsView;
use crate::domain::secret::Secret;

/// How long a revealed item stays readable: 40 ticks of 250 ms, 10 s.
pub const REVEAL_TICKS: u64 = 40;

/// What presenter mode hides behind a short reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revealable {
    /// The TOTP secret of an MFA set-up and its QR code.
    TotpSecret,
    /// A one-time code being typed (or filled in by the demo key).
    Code,
}

#[derive(Debug, Default)]
pub struct Workshop {
    /// `--presenter` / `:presenter`: nothing secret or replayable is drawn.
    pub presenter: bool,
    /// The item revealed in presenter mode, and the tick at which it masks again.
    pub revealed: Option<(Revealable, u64)>,
    /// The chapters to tour (`--chapters FILE`); `None`: the bundled ones.
    pub chapters: Option<Tour>,
    /// The tour, once `:workshop` opened it.
    pub tour: Option<TourState>,
}

impl Workshop {
    /// Whether `item` may be drawn at tick `ticks`: always outside presenter mode, else only
    /// while it is revealed.
    pub fn shows(&self, item: Revealable, ticks: u64) -> bool {
        !self.presenter || matches!(self.revealed, Some((i, until)) if i == item && ticks < until)
    }

    /// Whether the tour's panel is on screen.
    pub fn touring(&self) -> bool {
        self.tour.as_ref().is_some_and(|t| t.shown)
    }

    /// The rows the tour's panel takes at the bottom of a pane area `main_height` rows high.
    pub fn panel_height(&self, main_height: u16) -> u16 {
        if self.touring() {
            9.min(main_height / 2)
        } else {
            0
        }
    }

    /// An access key id as drawn: in presenter mode only its first four and last two
    /// characters (`ASIA…XY`), so a screen shows which key it is but not the key.
    pub fn key_id(&self, id: &str) -> String {
        if self.presenter {
            short_key(id)
        } else {
            id.to_string()
        }
    }

    /// The credentials box as drawn: in presenter mode the access key id shortened, in its
    /// field and in every step line that names it.
    pub fn credentials(&self, v: &CredentialsView) -> CredentialsView {
        let mut v = v.clone();
        if self.presenter {
            shorten_key_in(&mut v);
        }
        v
    }
}

/// `ASIAEXAMPLEKEY12` → `ASIA…12`: which key it is, not the key.
pub fn short_key(id: &str) -> String {
    let n = id.chars().count();
    if n <= 6 {
        return id.to_string();
    }
    let head: String = id.chars().take(4).collect();
    let tail: String = id.chars().skip(n - 2).collect();
    format!("{head}…{tail}")
}

/// The access key id of `v` shortened, in its field and in its step lines.
pub fn shorten_key_in(v: &mut CredentialsView) {
    if let Some(key) = v.access_key_id.clone().filter(|k| !k.is_empty()) {
        let short = short_key(&key);
        for l in &mut v.lines {
            *l = l.replace(&key, &short);
        }
        v.access_key_id = Some(short);
    }
}

#[derive(Debug)]
pub struct TourState {
    pub tour: Tour,
    /// The chapter on (index).
    pub at: usize,
    /// The chapter's narration panel is shown (Esc hides it; the place is kept).
    pub shown: bool,
    /// The chapter list is open, with its cursor.
    pub list: Option<usize>,
    /// The chapter's step was performed (Enter then goes to the pane below).
    pub performed: bool,
    /// The pool the chapter needs, when it is not in the pools list (no step then).
    pub missing: Option<String>,
    /// What the live step still has to do once the screen gets there.
    pub then: Vec<Then>,
}

impl TourState {
    /// A tour not yet on any chapter's panel: at the first chapter.
    pub fn new(tour: Tour) -> Self {
        Self {
            tour,
            at: 0,
            shown: false,
            list: None,
            performed: false,
            missing: None,
            then: vec![],
        }
    }

    pub fn chapter(&self) -> Option<&Chapter> {
        self.tour.chapters.get(self.at)
    }

    /// The chapter's step can be done live now: it has one, not done yet, its pool is there.
    pub fn live(&self) -> bool {
        !self.performed
            && self.missing.is_none()
            && self.chapter().is_some_and(|c| c.step.is_some())
    }

    /// `chapter 5 of 10`.
    pub fn position(&self) -> String {
        format!("chapter {} of {}", self.at + 1, self.tour.chapters.len())
    }
}

/// A follow-up of a chapter's step, done when its moment comes.
#[derive(Debug)]
pub enum Then {
    /// Select this row once the pane's rows are loaded.
    Select(String),
    /// Once the runner's clients are loaded: set it up (client, flow, user).
    Setup {
        client: String,
        /// Its place in the runner's flow cycle (`chapters::flow_index`).
        flow: usize,
        username: String,
    },
    /// Answer the runner's password prompt with this.
    Password(Secret),
    /// Once signed in: this runner action (REFRESH_TOKEN_AUTH, the credentials exchange).
    SignedIn(crate::core::input::action::Action),
}
