//! What the timeline and the transcript show of a sign-in: one [`TranscriptEntry`] per round
//! trip (the masked request, a [`ResponseSummary`] of the reply, the error), the
//! explanations of every step (from `assets/auth-steps.json`), and the Markdown export.
//! It must never show a secret: values come masked (see [`MASK`]) or are masked here.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::auth::flows::FlowConfig;
use crate::auth::requests::{AuthResponse, MASK, MaskedRequest, shorten};

/// What came back for a request, without secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseSummary {
    /// E.g. `challenge PASSWORD_VERIFIER`, `tokens`, `SecretCode`, `Status SUCCESS`.
    pub kind: String,
    /// Returned values, masked and shortened.
    pub params: Vec<(String, String)>,
    /// Whether a `Session` came back.
    pub session_returned: bool,
    /// What Cognito did and why.
    pub explanation: Option<&'static str>,
}

/// One round trip to Cognito.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptEntry {
    /// What was sent.
    pub request: MaskedRequest,
    /// What the request does.
    pub request_explanation: Option<&'static str>,
    /// What came back, if a reply did.
    pub response: Option<ResponseSummary>,
    /// The error, if one came back (code, Cognito's message, and the runner's explanation).
    pub error: Option<String>,
}

#[derive(Deserialize)]
struct Explanations {
    request: BTreeMap<String, String>,
    response: BTreeMap<String, String>,
}

static EXPLANATIONS: LazyLock<Explanations> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../assets/auth-steps.json"))
        .expect("assets/auth-steps.json is valid (checked by a unit test)")
});

/// What a request does: keyed by [`Flow::name`](crate::auth::Flow::name), challenge name, or operation name.
pub fn request_explanation(key: &str) -> Option<&'static str> {
    EXPLANATIONS.request.get(key).map(String::as_str)
}

/// What Cognito did: keyed by the challenge returned, `TOKENS`, or operation name.
pub fn response_explanation(key: &str) -> Option<&'static str> {
    EXPLANATIONS.response.get(key).map(String::as_str)
}

/// Challenge parameters that are secret-like and never shown.
fn secret_param(name: &str) -> bool {
    matches!(name, "SECRET_BLOCK" | "PASSWORD_CLAIM_SECRET_BLOCK")
}

pub(super) fn summarise_auth(r: &AuthResponse) -> ResponseSummary {
    if let Some(t) = &r.tokens {
        let mut params = Vec::new();
        if t.id_token.is_some() {
            params.push(("IdToken".to_owned(), MASK.to_owned()));
        }
        params.push(("AccessToken".to_owned(), MASK.to_owned()));
        if t.refresh_token.is_some() {
            params.push(("RefreshToken".to_owned(), MASK.to_owned()));
        }
        params.push(("ExpiresIn".to_owned(), t.expires_in.to_string()));
        params.push(("TokenType".to_owned(), t.token_type.clone()));
        return ResponseSummary {
            kind: "tokens".to_owned(),
            params,
            session_returned: r.session.is_some(),
            explanation: response_explanation("TOKENS"),
        };
    }
    let name = r.challenge_name.clone().unwrap_or_default();
    let mut params: Vec<(String, String)> = r
        .challenge_parameters
        .iter()
        .map(|(k, v)| {
            let shown = if secret_param(k) {
                MASK.to_owned()
            } else {
                shorten(v)
            };
            (k.clone(), shown)
        })
        .collect();
    if !r.available_challenges.is_empty() {
        params.push((
            "AvailableChallenges".to_owned(),
            r.available_challenges.join(", "),
        ));
    }
    ResponseSummary {
        kind: if name.is_empty() {
            "nothing".to_owned()
        } else {
            format!("challenge {name}")
        },
        params,
        session_returned: r.session.is_some(),
        explanation: response_explanation(&name),
    }
}

/// A runner's transcript as Markdown (its configuration, outcome and round trips), with no
/// secret in it.
pub(super) fn markdown(
    c: &FlowConfig,
    outcome: Option<&str>,
    entries: &[TranscriptEntry],
) -> String {
    use fmt::Write as _;
    let mut md = String::new();
    let _ = writeln!(md, "# Sign-in transcript\n");
    let _ = writeln!(md, "- Flow: {}", c.flow.name());
    let _ = writeln!(md, "- User pool: {}", cell(&c.pool_id));
    let _ = writeln!(
        md,
        "- App client: {}{}",
        cell(&c.client_id),
        if c.client_secret.is_some() {
            " (with a client secret: calls carry SECRET_HASH)"
        } else {
            ""
        }
    );
    let _ = writeln!(md, "- Username: {}", cell(&c.username));
    let outcome = outcome.unwrap_or("in progress");
    let _ = writeln!(md, "- Result: {}", cell(outcome));
    for (i, e) in entries.iter().enumerate() {
        entry(&mut md, "##", &(i + 1).to_string(), None, e);
    }
    md
}

/// One round trip as a Markdown section: `level` is its heading (`##`), `number` its number,
/// `at` when its answer came (UTC text), if known.
pub(super) fn entry(
    md: &mut String,
    level: &str,
    number: &str,
    at: Option<&str>,
    e: &TranscriptEntry,
) {
    use fmt::Write as _;
    let r = &e.request;
    let _ = write!(md, "\n{level} {number}. ");
    if let Some(at) = at {
        let _ = write!(md, "{at} · ");
    }
    let _ = write!(md, "{}", r.operation);
    if let Some(s) = &r.subject {
        let _ = write!(md, " · {}", cell(s));
    }
    md.push_str("\n\n");
    if let Some(x) = e.request_explanation {
        let _ = writeln!(md, "{x}\n");
    }
    let mut rows = r.params.clone();
    if r.session {
        rows.push(("Session".to_owned(), MASK.to_owned()));
    }
    table(md, &rows);
    if let Some(resp) = &e.response {
        let _ = writeln!(
            md,
            "**Cognito answered:** {} · session returned: {}\n",
            cell(&resp.kind),
            if resp.session_returned { "yes" } else { "no" }
        );
        table(md, &resp.params);
        if let Some(x) = resp.explanation {
            let _ = writeln!(md, "{x}\n");
        }
    }
    if let Some(err) = &e.error {
        let _ = writeln!(md, "**Error:** {}\n", cell(err));
    }
}

/// Text safe inside a Markdown table cell or line.
pub(super) fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn table(md: &mut String, rows: &[(String, String)]) {
    use fmt::Write as _;
    if rows.is_empty() {
        return;
    }
    md.push_str("| Parameter | Value |\n|---|---|\n");
    for (k, v) in rows {
        let _ = writeln!(md, "| {} | {} |", cell(k), cell(v));
    }
    md.push('\n');
}
