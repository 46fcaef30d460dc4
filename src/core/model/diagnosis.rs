//! What the runner knows about why a sign-in will or did fail: the facts read for the set-up
//! (pool, client, user), the pre-flight made of them (for the set-up as it stands, and for
//! the run as it started), the diagnosis of each failed step, and the user's auth events
//! beside the last one. Plain data and the derivations `update` and `ui` share.

use crate::auth::diagnose::{self, AuthEvent, Check, Diagnosis, Fact, SignInFacts};
use crate::auth::{Flow, FlowConfig};
use crate::core::model::runner::AuthState;
use crate::core::msg::RequestId;

/// The auth events shown beside a failed sign-in.
#[derive(Debug, Clone, PartialEq)]
pub enum Events {
    Loading(RequestId),
    Loaded(Vec<AuthEvent>),
    /// Why there are none to show (no threat protection, the endpoint lacks the call, …).
    None(String),
}

/// Which sign-in facts were read for: the app client and the username (None: none typed).
pub type FactsKey = (String, Option<String>);

#[derive(Debug, Default)]
pub struct RunDiagnosis {
    /// The last facts read, and for what.
    pub facts: Option<(FactsKey, SignInFacts)>,
    /// The read in flight.
    pub reading: Option<(RequestId, FactsKey)>,
    /// The pre-flight of the run, as it started.
    pub preflight: Vec<Check>,
    /// The likely cause of each failed step, with the number of timeline entries before it
    /// (it is shown after entry `n - 1`).
    pub diagnoses: Vec<(usize, Diagnosis)>,
    /// A failed step waits for the facts of its sign-in before it is diagnosed.
    pub waiting: bool,
    /// The auth events beside the last failed sign-in, placed like a diagnosis.
    pub events: Option<(usize, Events)>,
}

/// The key of a sign-in: its client and, unless it is a refresh, its username.
pub fn key_of(config: &FlowConfig) -> FactsKey {
    let name = config.username.trim();
    let username = (config.flow != Flow::RefreshToken && !name.is_empty()).then(|| name.to_owned());
    (config.client_id.clone(), username)
}

impl RunDiagnosis {
    /// The facts for `key`: the pool and client when they were read for the same client, the
    /// user only when read for the same name; `None` when nothing fits.
    pub fn facts_for(&self, key: &FactsKey) -> Option<SignInFacts> {
        let ((client, user), facts) = self.facts.as_ref()?;
        if *client != key.0 {
            return None;
        }
        let mut f = facts.clone();
        if *user != key.1 {
            f.user = Fact::Unknown(match &key.1 {
                Some(name) => {
                    format!("{name:?} not looked up yet (Tab past the field to look it up)")
                }
                None => "no username typed".to_owned(),
            });
        }
        Some(f)
    }

    /// Whether the facts for `key` are read or being read.
    pub fn has(&self, key: &FactsKey) -> bool {
        self.facts.as_ref().is_some_and(|(k, _)| k == key)
            || self.reading.as_ref().is_some_and(|(_, k)| k == key)
    }
}

/// The sign-in the set-up form describes now (no secret: only whether the client has one).
pub fn setup_config(s: &AuthState) -> Option<FlowConfig> {
    let client = s.selected_client()?;
    let mut c = FlowConfig::new(
        s.pool.id.clone(),
        client.id.clone(),
        s.username.value().trim(),
        s.selected_flow(),
    );
    if client.secret.is_some() {
        c = c.with_client_secret("");
    }
    Some(c)
}

/// The pre-flight of the set-up as it stands, once its client's facts are read.
pub fn setup_preflight(s: &AuthState) -> Option<Vec<Check>> {
    let config = setup_config(s)?;
    let facts = s.diag.facts_for(&key_of(&config))?;
    Some(diagnose::preflight(&config, &facts))
}
