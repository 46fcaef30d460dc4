//! The state of the admin work: a form being filled in, a confirmation being answered, a
//! bulk run's progress. Plain data: the forms' keys are handled in `update`, drawn by
//! `ui::widgets::{form, confirm, bulk}`.

use crate::core::effect::{BulkOp, Write};
use crate::core::input::text::TextInput;
use crate::core::msg::RequestId;
use crate::domain::TriggerSlot;

/// What kind of input a field takes.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text,
    /// Drawn as dots unless `shown`.
    Secret {
        shown: bool,
    },
    /// One of a few values; ←/→/space cycles.
    Choice(&'static [&'static str]),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    /// What is typed (a choice's current option); a secret's value never shows in `Debug`.
    pub value: TextInput,
    pub kind: FieldKind,
    /// A dim note after the field.
    pub help: String,
}

impl Field {
    pub fn text(label: &'static str, value: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            label,
            value: TextInput::new(value),
            kind: FieldKind::Text,
            help: help.into(),
        }
    }

    pub fn secret(label: &'static str, help: impl Into<String>) -> Self {
        Self {
            label,
            value: TextInput::secret(),
            kind: FieldKind::Secret { shown: false },
            help: help.into(),
        }
    }

    pub fn choice(
        label: &'static str,
        options: &'static [&'static str],
        help: impl Into<String>,
    ) -> Self {
        Self {
            label,
            value: TextInput::new(options.first().copied().unwrap_or_default()),
            kind: FieldKind::Choice(options),
            help: help.into(),
        }
    }

    /// A choice starting on `value`.
    pub fn with(mut self, value: impl Into<String>) -> Self {
        self.value.set(value);
        self
    }

    /// Move a choice one step (`forward` or back); text fields are left alone.
    pub fn cycle(&mut self, forward: bool) {
        if let FieldKind::Choice(opts) = self.kind
            && !opts.is_empty()
        {
            let i = opts
                .iter()
                .position(|o| *o == self.value.value())
                .unwrap_or(0);
            let n = opts.len();
            let j = if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            self.value.set(opts[j]);
        }
    }
}

/// What a form does when submitted.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    CreateUser,
    SetPassword {
        username: String,
    },
    /// Set one attribute of a user (name and value).
    EditAttribute {
        username: String,
    },
    AddToGroup {
        usernames: Vec<String>,
    },
    RemoveFromGroup {
        username: String,
    },
    Mfa {
        username: String,
    },
    CreateGroup,
    EditGroup {
        name: String,
    },
    AddMember {
        group: String,
    },
    CustomAttribute,
    SetTrigger {
        slot: TriggerSlot,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub title: String,
    pub kind: FormKind,
    pub pool_id: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last submit was refused or failed; the form stays as typed.
    pub error: Option<String>,
    /// The write in flight for this form.
    pub pending: Option<RequestId>,
    /// The generate-password request in flight.
    pub generating: Option<RequestId>,
}

impl Form {
    pub fn new(
        title: impl Into<String>,
        kind: FormKind,
        pool_id: String,
        fields: Vec<Field>,
    ) -> Self {
        Self {
            title: title.into(),
            kind,
            pool_id,
            fields,
            focus: 0,
            error: None,
            pending: None,
            generating: None,
        }
    }

    /// The value of the field labelled `label` (trimmed, except secrets).
    pub fn value(&self, label: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| match f.kind {
                FieldKind::Secret { .. } => f.value.value(),
                _ => f.value.value().trim(),
            })
            .unwrap_or("")
    }

    pub fn field_mut(&mut self, label: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.label == label)
    }

    pub fn focused(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }
}

/// What a confirmed action does.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    Write(Write),
    Bulk {
        op: BulkOp,
        usernames: Vec<String>,
    },
    /// Quit, abandoning the writes in flight the lines name.
    Quit,
}

/// A destructive action waiting for y/n — or for its target's name to be typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    pub pool_id: String,
    pub then: Confirmed,
    /// When set, the name that must be typed (and what is typed so far).
    pub typed: Option<(String, TextInput)>,
    pub pending: Option<RequestId>,
    pub error: Option<String>,
}

/// How one item of a bulk run ended.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemEnd {
    Done,
    /// Refused; the error's headline.
    Failed(String),
    /// The answer was lost and a read checked: `done` as in `WriteOutcome::Checked`, `story`
    /// the whole line ("…: checking… zed is disabled — disabled").
    Checked {
        done: Option<bool>,
        story: String,
    },
    /// The run was cancelled before this item.
    NotRun,
}

/// One bulk run: the items, each one's outcome as it arrives.
#[derive(Debug, Clone, PartialEq)]
pub struct Bulk {
    pub id: RequestId,
    pub op: BulkOp,
    pub items: Vec<String>,
    /// `None` until the item has ended.
    pub results: Vec<Option<ItemEnd>>,
    pub finished: bool,
    /// Cancel was asked: the run stops after the item under way.
    pub cancelling: bool,
    /// Whether the panel is on screen (esc hides it; the run goes on).
    pub shown: bool,
    pub scroll: u16,
    /// The run's pace as the runtime last said: calls a second, and whether throttling
    /// slowed it below the quota. `None` until it says.
    pub pace: Option<(f64, bool)>,
}

impl Bulk {
    pub fn done(&self) -> usize {
        self.results.iter().filter(|r| r.is_some()).count()
    }

    /// Seconds the items not yet done take at the current pace (`None` before the runtime
    /// said its pace, or when it is unpaced).
    pub fn eta_secs(&self) -> Option<u64> {
        let (per_second, _) = self.pace?;
        (per_second.is_finite() && per_second > 0.0).then(|| {
            let left = (self.items.len() - self.done()) as f64;
            (left / per_second).ceil() as u64
        })
    }

    /// Items that ended, one way or another.
    pub fn ended(&self, f: impl Fn(&ItemEnd) -> bool) -> usize {
        self.results.iter().flatten().filter(|r| f(r)).count()
    }

    /// Known carried out (done, or checked and found done).
    pub fn succeeded(&self) -> usize {
        self.ended(|r| {
            matches!(
                r,
                ItemEnd::Done
                    | ItemEnd::Checked {
                        done: Some(true),
                        ..
                    }
            )
        })
    }

    /// Known not carried out because refused, or checked and found not done.
    pub fn failed(&self) -> usize {
        self.ended(|r| {
            matches!(
                r,
                ItemEnd::Failed(_)
                    | ItemEnd::Checked {
                        done: Some(false),
                        ..
                    }
            )
        })
    }

    /// Answer lost, and the check could not tell.
    pub fn unknown(&self) -> usize {
        self.ended(|r| matches!(r, ItemEnd::Checked { done: None, .. }))
    }

    pub fn not_run(&self) -> usize {
        self.ended(|r| *r == ItemEnd::NotRun)
    }

    /// "18 done, 1 failed, 1 unknown, 0 not run" (the zero counts left out, but "done").
    pub fn tally(&self) -> String {
        let mut parts = vec![format!("{} done", self.succeeded())];
        for (n, what) in [
            (self.failed(), "failed"),
            (self.unknown(), "unknown"),
            (self.not_run(), "not run"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        parts.join(", ")
    }
}
