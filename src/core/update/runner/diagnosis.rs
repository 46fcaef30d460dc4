//! The runner's pre-flight and diagnosis: the facts (pool, client, user) are read when the
//! clients arrive and whenever the set-up moves on to another client or username, so the
//! set-up shows what the sign-in will meet before it is sent; the run keeps the pre-flight
//! it started with; every failed step gets its diagnosis (after reading the facts of its
//! sign-in, when they are not at hand yet), and a failed sign-in on a pool with threat
//! protection the user's latest auth events. Pure like `update`.

use crate::auth::diagnose::{self, AuthEvent, Fact, SignInFacts};
use crate::core::effect::{Effect, Request};
use crate::core::model::Model;
use crate::core::model::diagnosis::{Events, FactsKey, key_of};
use crate::core::model::preflight::setup_config;
use crate::core::model::runner::Stage;
use crate::core::update::admin::auth_events;
use crate::domain::{CognitoError, Page};

fn read(model: &mut Model, key: FactsKey) -> Vec<Effect> {
    let id = model.fresh_id();
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let request = Request::SignInFacts {
        pool_id: s.pool.id.clone(),
        client_id: key.0.clone(),
        username: key.1.clone(),
    };
    s.diag.reading = Some((id, key));
    vec![Effect::Call(id, request)]
}

/// After a set-up change (clients loaded, another client, the focus off the username): read
/// the facts for the set-up unless they are at hand or on their way.
pub fn setup_changed(model: &mut Model) -> Vec<Effect> {
    let Some(s) = model.auth.as_ref() else {
        return vec![];
    };
    if !matches!(s.stage, Stage::Setup) {
        return vec![];
    }
    let Some(key) = setup_config(s).map(|c| key_of(&c)) else {
        return vec![];
    };
    if s.diag.has(&key) {
        return vec![];
    }
    read(model, key)
}

/// A run starts: keep the pre-flight it starts with, forget the last run's failures. When
/// the facts for its client and username are not at hand (Enter straight from the username
/// field, before any look-up), they are read now and the pre-flight is completed when they
/// arrive.
pub fn run_started(model: &mut Model) -> Vec<Effect> {
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let Some(config) = s.runner.as_ref().map(|r| r.config().clone()) else {
        return vec![];
    };
    s.diag.diagnoses.clear();
    s.diag.events = None;
    s.diag.waiting = false;
    let key = key_of(&config);
    s.diag.preflight = s
        .diag
        .facts_for(&key)
        .map(|f| diagnose::preflight(&config, &f))
        .unwrap_or_default();
    if s.diag.has(&key) {
        return vec![];
    }
    read(model, key)
}

/// Facts arrived: kept for the set-up (and a failure waiting for them is diagnosed).
pub fn on_facts(model: &mut Model, id: u64, facts: SignInFacts) -> Vec<Effect> {
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let Some((_, key)) = s.diag.reading.take_if(|(want, _)| *want == id) else {
        return vec![];
    };
    s.diag.facts = Some((key.clone(), facts));
    // Facts for the run under way come only from the read its start made when they were not
    // at hand (the set-up cannot change during a run): its pre-flight is completed.
    let run = s.runner.as_ref().map(|r| r.config().clone());
    if let Some(config) = run.filter(|c| key_of(c) == key) {
        s.diag.preflight = s
            .diag
            .facts_for(&key)
            .map(|f| diagnose::preflight(&config, &f))
            .unwrap_or_default();
    }
    if s.diag.waiting {
        s.diag.waiting = false;
        return diagnose_failure(model);
    }
    vec![]
}

/// The step that just failed (the stage is `Failed`): diagnosed now when the facts of its
/// sign-in are at hand, else once they are read.
pub fn on_failed(model: &mut Model) -> Vec<Effect> {
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let (Stage::Failed(err), Some(runner)) = (&s.stage, &s.runner) else {
        return vec![];
    };
    if err.code.is_none() {
        return vec![]; // the input or the machine, not Cognito, was the problem
    }
    let key = key_of(runner.config());
    if s.diag.facts.as_ref().is_some_and(|(k, _)| *k == key) {
        return diagnose_failure(model);
    }
    s.diag.waiting = true;
    if s.diag.reading.as_ref().is_some_and(|(_, k)| *k == key) {
        return vec![];
    }
    read(model, key)
}

fn diagnose_failure(model: &mut Model) -> Vec<Effect> {
    let id = model.fresh_id();
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let (Stage::Failed(err), Some(runner)) = (&s.stage, &s.runner) else {
        return vec![];
    };
    let key = key_of(runner.config());
    let facts = s
        .diag
        .facts_for(&key)
        .unwrap_or_else(|| SignInFacts::unknown("not read for this sign-in"));
    let at = runner.transcript().len();
    let d = diagnose::diagnose(
        err,
        runner.config(),
        runner.failed_password_attempts(),
        &facts,
    );
    s.diag.diagnoses.retain(|(n, _)| *n != at);
    s.diag.diagnoses.push((at, d));
    let (Some(pool), Fact::Known(Some(user))) = (facts.pool.known(), &facts.user) else {
        s.diag.events = None;
        return vec![];
    };
    if !matches!(
        pool.advanced_security.as_deref(),
        Some("AUDIT" | "ENFORCED")
    ) {
        s.diag.events = Some((at, Events::None(auth_events::NO_THREAT_PROTECTION.into())));
        return vec![];
    }
    let request = Request::AuthEvents {
        pool_id: s.pool.id.clone(),
        username: user.username.clone(),
    };
    s.diag.events = Some((at, Events::Loading(id)));
    vec![Effect::Call(id, request)]
}

/// Auth events arrived: beside the failed step that asked for them, else for the user
/// detail.
pub fn on_events(
    model: &mut Model,
    id: u64,
    result: Result<Page<AuthEvent>, CognitoError>,
) -> Vec<Effect> {
    if let Some(s) = model.auth.as_mut()
        && let Some((_, events)) = s.diag.events.as_mut()
        && *events == Events::Loading(id)
    {
        *events = auth_events::events_of(result);
        return vec![];
    }
    auth_events::on_events(model, id, result)
}

#[cfg(test)]
#[path = "diagnosis_tests.rs"]
pub(crate) mod tests;
