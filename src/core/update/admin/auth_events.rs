//! A user's auth events in the user detail (`H`: AdminListUserAuthEvents, recorded when the
//! pool has threat protection; where the endpoint has none, said in place) and the
//! operator's feedback on one of them (`:feedback N valid|invalid`, a write: refused in
//! read-only mode before anything is sent).

use super::*;
use crate::auth::diagnose::AuthEvent;
use crate::core::model::diagnosis::Events;
use crate::domain::{CognitoError, ErrorKind, Page};

/// `H` in the user detail: (re)load the user's auth events.
pub(in crate::core::update) fn load(model: &mut Model) -> Vec<Effect> {
    let id = model.fresh_id();
    let Some(u) = model.user.as_mut() else {
        return vec![];
    };
    u.events = Some(Events::Loading(id));
    let request = Request::AuthEvents {
        pool_id: u.pool_id.clone(),
        username: u.username.clone(),
    };
    vec![Effect::Call(id, request)]
}

/// Auth events arrived for the user detail.
pub(in crate::core::update) fn on_events(
    model: &mut Model,
    id: RequestId,
    result: Result<Page<AuthEvent>, CognitoError>,
) -> Vec<Effect> {
    if let Some(u) = model.user.as_mut()
        && u.events == Some(Events::Loading(id))
    {
        u.events = Some(events_of(result));
    }
    vec![]
}

/// `:feedback N valid|invalid`: feedback on the user detail's event N (from 1).
pub(in crate::core::update) fn feedback(model: &mut Model, arg: &str) -> Vec<Effect> {
    match feedback_write(model, arg) {
        Ok((pool_id, write)) => write_now(model, pool_id, write),
        Err(why) => {
            model.flash(Level::Warn, why);
            vec![]
        }
    }
}

fn feedback_write(model: &Model, arg: &str) -> Result<(String, Write), String> {
    if model.ctx.read_only {
        return Err(
            "read-only: AdminUpdateAuthEventFeedback is a write, and nothing was sent".into(),
        );
    }
    let (Some(u), View::UserDetail { .. }) = (model.user.as_ref(), model.view()) else {
        return Err(":feedback works in a user's detail, on the events H shows".into());
    };
    let Some(Events::Loaded(events)) = &u.events else {
        return Err("no auth events shown: press H first".into());
    };
    let mut words = arg.split_whitespace();
    let (n, verdict) = (words.next(), words.next());
    let value = match verdict.map(str::to_ascii_lowercase).as_deref() {
        Some("valid") => "Valid",
        Some("invalid") => "Invalid",
        _ => return Err("the verdict is valid or invalid, e.g. :feedback 1 valid".into()),
    };
    let event = n
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| events.get(i))
        .ok_or_else(|| format!("no event {:?}: 1 to {}", n.unwrap_or(""), events.len()))?;
    Ok((
        u.pool_id.clone(),
        Write::AuthEventFeedback {
            username: u.username.clone(),
            event_id: event.id.clone(),
            value: value.into(),
        },
    ))
}

pub(in crate::core::update) const NO_THREAT_PROTECTION: &str = "no auth events: the pool has no threat protection (UserPoolAddOns AUDIT or ENFORCED records them)";

/// Why an AdminListUserAuthEvents call gave no events, in place.
pub(in crate::core::update) fn no_events(e: &CognitoError) -> String {
    match (e.kind, e.code.as_deref()) {
        (_, Some("UserPoolAddOnNotEnabledException")) => NO_THREAT_PROTECTION.into(),
        (ErrorKind::Unsupported, _) => {
            "no auth events: this endpoint does not have AdminListUserAuthEvents".into()
        }
        _ => format!("auth events could not be read: {}", e.headline()),
    }
}

/// What a page of auth events shows.
pub(in crate::core::update) fn events_of(result: Result<Page<AuthEvent>, CognitoError>) -> Events {
    match result {
        Ok(page) if page.items.is_empty() => Events::None("no auth events yet".into()),
        Ok(page) => Events::Loaded(page.items),
        Err(e) => Events::None(no_events(&e)),
    }
}
