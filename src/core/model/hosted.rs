//! A managed-login run of the sign-in runner (`HostedKind`): where it is, what it will use
//! (plan, PKCE, state, endpoints), the authorize URL to show and open, and its timeline.
//! Plain data; the verifier and client secret are `Secret`s.

use crate::auth::oauth::{CodePlan, Endpoints, Pkce};
use crate::core::hosted::HostedKind;
use crate::core::model::Level;
use crate::domain::AppClient;
use crate::domain::secret::Secret;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostedStep {
    Preparing,
    /// The browser is expected back at the listener.
    WaitingForBrowser,
    Exchanging,
    Refreshing,
    Done,
    Failed,
}

#[derive(Debug)]
pub struct HostedRun {
    pub kind: HostedKind,
    pub step: HostedStep,
    pub client: Option<AppClient>,
    pub secret: Option<Secret>,
    pub endpoints: Option<Endpoints>,
    pub plan: Option<CodePlan>,
    pub pkce: Option<Pkce>,
    pub state: Option<String>,
    pub url: Option<String>,
    /// The timeline: one line per step, then its explanation (`oauth::explain`).
    pub timeline: Vec<(Level, String, &'static str)>,
    /// Lines of the timeline already in the session transcript.
    pub recorded: usize,
}

impl HostedRun {
    pub fn new(kind: HostedKind, secret: Option<Secret>) -> Self {
        Self {
            kind,
            step: HostedStep::Preparing,
            client: None,
            secret,
            endpoints: None,
            plan: None,
            pkce: None,
            state: None,
            url: None,
            timeline: Vec::new(),
            recorded: 0,
        }
    }

    /// The timeline's lines not in the session transcript yet.
    pub fn unrecorded(&self) -> Vec<String> {
        self.timeline
            .iter()
            .skip(self.recorded)
            .map(|(_, l, _)| l.clone())
            .collect()
    }

    pub fn note(&mut self, level: Level, line: impl Into<String>, key: &str) {
        self.timeline
            .push((level, line.into(), crate::auth::oauth::explain(key)));
    }
}
