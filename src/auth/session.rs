//! The transcript of a whole runner session: every sign-in run (with its challenges), each
//! refresh, GetUser, sign-out and revocation, in order and with times, and the decoded claims
//! of every token issued. Times are handed in (no clock here). It never holds a raw token,
//! secret or code: runs keep the masked [`TranscriptEntry`]s, tokens only their decoded
//! claims (a claim set without its signature cannot be replayed).

use std::fmt::Write as _;

use serde_json::Value;

use crate::auth::transcript::{TranscriptEntry, cell, entry};
use crate::auth::{Runner, Status};
use crate::domain::jwt::utc_string;

/// One thing that happened in the session.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// When (Unix seconds).
    pub at: i64,
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// A sign-in run (a refresh is one too): its configuration, outcome and round trips, each
    /// with when its answer came.
    Run {
        flow: &'static str,
        client_id: String,
        with_secret: bool,
        username: String,
        outcome: String,
        entries: Vec<(Option<i64>, TranscriptEntry)>,
    },
    /// Tokens were issued: the decoded claims of the ID and access tokens.
    Tokens {
        id_claims: Option<Value>,
        access_claims: Option<Value>,
    },
    /// A call made with the tokens (GetUser, GlobalSignOut, RevokeToken, and later the
    /// identity-pool credentials exchange): its one-line outcome.
    Call { operation: String, outcome: String },
    /// A run driven outside the runner's state machine (managed login): its masked
    /// timeline lines.
    Steps { title: String, lines: Vec<String> },
}

/// The session so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Session {
    pub events: Vec<Event>,
    /// The run under way: when it started, when each answer came, and how many of its
    /// round trips are already recorded (a retried step continues the same run).
    started: Option<i64>,
    stamps: Vec<i64>,
    recorded: usize,
}

impl Session {
    /// A new run starts now.
    pub fn begin(&mut self, now: i64) {
        self.started = Some(now);
        self.stamps.clear();
        self.recorded = 0;
    }

    /// An answer of the run under way came now.
    pub fn stamp(&mut self, now: i64) {
        self.stamps.push(now);
    }

    /// The run ended (signed in, failed, or left): record its round trips not yet recorded.
    pub fn finish(&mut self, runner: &Runner, now: i64) {
        let all = runner.transcript();
        if self.recorded >= all.len() {
            return;
        }
        let c = runner.config();
        let outcome = match runner.status() {
            Status::SignedIn => "signed in".to_string(),
            Status::Failed => all
                .last()
                .and_then(|e| e.error.clone())
                .map_or_else(|| "failed".into(), |e| format!("failed: {e}")),
            _ => "left before the end".to_string(),
        };
        let entries = all
            .iter()
            .enumerate()
            .skip(self.recorded)
            .map(|(i, e)| (self.stamps.get(i).copied(), e.clone()))
            .collect();
        self.recorded = all.len();
        self.events.push(Event {
            at: self.started.unwrap_or(now),
            kind: EventKind::Run {
                flow: c.flow.name(),
                client_id: c.client_id.clone(),
                with_secret: c.client_secret.is_some(),
                username: c.username.clone(),
                outcome,
                entries,
            },
        });
    }

    /// Tokens were issued now (their decoded claims).
    pub fn tokens(&mut self, id_claims: Option<Value>, access_claims: Option<Value>, now: i64) {
        self.events.push(Event {
            at: now,
            kind: EventKind::Tokens {
                id_claims,
                access_claims,
            },
        });
    }

    /// Steps done outside the runner's state machine (a managed-login run, an identity-pool
    /// exchange) at `now`.
    pub fn record_steps(&mut self, title: &str, lines: Vec<String>, now: i64) {
        self.events.push(Event {
            at: now,
            kind: EventKind::Steps {
                title: title.to_string(),
                lines,
            },
        });
    }

    /// A call made with the tokens answered now.
    pub fn call(&mut self, operation: &str, outcome: &str, now: i64) {
        self.events.push(Event {
            at: now,
            kind: EventKind::Call {
                operation: operation.to_string(),
                outcome: outcome.to_string(),
            },
        });
    }

    /// The whole session as Markdown, with no secret in it.
    pub fn markdown(&self, pool_id: &str) -> String {
        let mut md = String::new();
        let _ = writeln!(md, "# Sign-in session transcript\n");
        let _ = writeln!(md, "- User pool: {}", cell(pool_id));
        let _ = writeln!(md, "- Steps: {}", self.events.len());
        let _ = writeln!(
            md,
            "- Tokens, secrets, passwords and codes are never written here; tokens appear as their decoded claims."
        );
        for (i, ev) in self.events.iter().enumerate() {
            let n = i + 1;
            let at = utc_string(ev.at);
            match &ev.kind {
                EventKind::Run {
                    flow,
                    client_id,
                    with_secret,
                    username,
                    outcome,
                    entries,
                } => {
                    let _ = writeln!(
                        md,
                        "\n## {n}. {at} · {flow} · {} · {}\n",
                        cell(username),
                        cell(outcome)
                    );
                    let _ = writeln!(
                        md,
                        "App client {}{}.",
                        cell(client_id),
                        if *with_secret {
                            " (with a client secret: calls carry SECRET_HASH)"
                        } else {
                            ""
                        }
                    );
                    for (j, (when, e)) in entries.iter().enumerate() {
                        let when = when.map(utc_string);
                        entry(
                            &mut md,
                            "###",
                            &format!("{n}.{}", j + 1),
                            when.as_deref(),
                            e,
                        );
                    }
                }
                EventKind::Tokens {
                    id_claims,
                    access_claims,
                } => {
                    let _ = writeln!(md, "\n## {n}. {at} · Tokens issued\n");
                    for (name, claims) in [("ID token", id_claims), ("Access token", access_claims)]
                    {
                        let Some(claims) = claims else { continue };
                        let _ = writeln!(
                            md,
                            "{name} claims (decoded; the token itself is not written):\n"
                        );
                        let pretty = serde_json::to_string_pretty(claims).unwrap_or_default();
                        let _ = writeln!(md, "```json\n{pretty}\n```\n");
                        for key in ["custom:role", "role", "cognito:groups"] {
                            if let Some(v) = claims.get(key) {
                                let _ = writeln!(md, "- `{key}`: {}", cell(&v.to_string()));
                            }
                        }
                        md.push('\n');
                    }
                }
                EventKind::Steps { title, lines } => {
                    let _ = writeln!(md, "\n## {n}. {at} · {}\n", cell(title));
                    for l in lines {
                        let _ = writeln!(md, "- {}", cell(l));
                    }
                }
                EventKind::Call { operation, outcome } => {
                    let _ = writeln!(md, "\n## {n}. {at} · {}\n", cell(operation));
                    if let Some(x) = call_explanation(operation) {
                        let _ = writeln!(md, "{x}\n");
                    }
                    let _ = writeln!(md, "{}", cell(outcome));
                }
            }
        }
        md
    }
}

/// What a call made with the tokens does.
fn call_explanation(operation: &str) -> Option<&'static str> {
    Some(match operation {
        "GetUser" => {
            "GetUser with the access token: Cognito answers with the user's attributes if the token is valid and not revoked."
        }
        "GlobalSignOut" => {
            "GlobalSignOut with the access token: every refresh token of the user is revoked, and its access tokens stop working."
        }
        "RevokeToken" => {
            "RevokeToken with the refresh token (and the client secret, if any): that refresh token and the access tokens it issued stop working."
        }
        "GetUser with the old access token" => {
            "After a sign-out or a revocation: the old access token should now be refused."
        }
        _ => return None,
    })
}
