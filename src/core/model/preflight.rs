//! The set-up form's pre-flight, derived for `update` and `ui` alike: the sign-in the form
//! describes now, and its checks from the facts read for it. Pure.

use crate::auth::FlowConfig;
use crate::auth::diagnose::{self, Check};
use crate::core::model::diagnosis::key_of;
use crate::core::model::runner::AuthState;

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
