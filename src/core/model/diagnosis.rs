//! What the runner knows about why a sign-in will or did fail: the facts read for the set-up
//! (pool, client, user), the pre-flight made of them (for the set-up as it stands, and for
//! the run as it started), the diagnosis of each failed step, and the user's auth events
//! beside the last one. Plain data; `preflight` derives the set-up's checks from it.

use crate::auth::diagnose::{AuthEvent, Check, Diagnosis, Fact, SignInFacts};
use crate::auth::{Flow, FlowConfig};
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
