//! What a call's result does to the model: stale results dropped, data stored, errors kept
//! in place and in the `:errors` log, and the next page asked for where a list is followed.

use super::*;

pub(in crate::core::update) fn record_error(
    model: &mut Model,
    operation: &'static str,
    err: &CognitoError,
    at: i64,
) {
    let level = match err.kind {
        ErrorKind::Throttled
        | ErrorKind::ReadOnly
        | ErrorKind::Unsupported
        | ErrorKind::OutcomeUnknown => Level::Warn,
        _ => Level::Error,
    };
    model.flash(level, format!("✗ {operation}: {}", err.headline()));
    model.errors.push(ErrorEntry {
        operation,
        error: err.clone(),
        at,
    });
    if model.errors.len() > MAX_ERRORS {
        model.errors.remove(0);
    }
}

/// A page for a list that follows every page (clients, groups): returns the next call's
/// token, or the error for a token that repeats.
pub(in crate::core::update) fn follow_page<T: crate::core::model::Searchable>(
    pane: &mut ListPane<T>,
    operation: &str,
    page: crate::domain::Page<T>,
    next_id: u64,
) -> Result<Option<String>, CognitoError> {
    pane.page_checked(operation, page.items, page.next_token)?;
    let Some(token) = pane.next_token.clone() else {
        return Ok(None);
    };
    pane.list.start(next_id);
    Ok(Some(token))
}

/// A page of a list that is followed to its end (clients, groups): add it to the pane and
/// ask for the next page, or record the error. Stale pages are dropped.
pub(in crate::core::update) fn on_list_page<T: crate::core::model::Searchable>(
    model: &mut Model,
    id: u64,
    at: i64,
    result: crate::domain::Result<crate::domain::Page<T>>,
    pane: fn(&mut Model) -> Option<&mut ListPane<T>>,
    operation: &'static str,
    next: fn(String, String) -> Request,
) -> Vec<Effect> {
    let next_id = model.next_id;
    let Some(p) = pane(model).filter(|p| p.list.is_current(id)) else {
        return vec![];
    };
    match result.and_then(|page| follow_page(p, operation, page, next_id)) {
        Ok(Some(token)) => {
            let pool_id = p.scope.clone();
            model.fresh_id();
            vec![Effect::Call(next_id, next(pool_id, token))]
        }
        Ok(None) => vec![],
        Err(err) => {
            p.list.failed(err.clone());
            record_error(model, operation, &err, at);
            vec![]
        }
    }
}

/// A result for one `Loadable` slot of the model: stored when it answers the slot's current
/// request (a stale one is dropped), else the failure is kept in the slot and logged.
fn on_loaded<T>(
    model: &mut Model,
    id: RequestId,
    at: i64,
    result: crate::domain::Result<T>,
    slot: fn(&mut Model) -> Option<&mut Loadable<T>>,
    operation: &'static str,
) -> Vec<Effect> {
    let Some(s) = slot(model).filter(|s| s.is_current(id)) else {
        return vec![];
    };
    match result {
        Ok(v) => s.loaded(v),
        Err(err) => {
            s.failed(err.clone());
            record_error(model, operation, &err, at);
        }
    }
    vec![]
}

/// A page for a lazily paged list (users, group members): added to the pane when it answers
/// the pane's current request, else the failure is kept in the pane and logged.
fn on_page<T: crate::core::model::Searchable>(
    model: &mut Model,
    id: RequestId,
    at: i64,
    result: crate::domain::Result<crate::domain::Page<T>>,
    pane: fn(&mut Model) -> Option<&mut ListPane<T>>,
    operation: &'static str,
) -> Vec<Effect> {
    let Some(p) = pane(model).filter(|p| p.list.is_current(id)) else {
        return vec![];
    };
    match result.and_then(|page| p.page_checked(operation, page.items, page.next_token)) {
        Ok(()) => {}
        Err(err) => {
            p.list.failed(err.clone());
            record_error(model, operation, &err, at);
        }
    }
    vec![]
}

pub(in crate::core::update) fn on_response(
    model: &mut Model,
    id: u64,
    response: Response,
    at: i64,
) -> Vec<Effect> {
    match response {
        Response::AuthClients(r) => runner::on_clients(model, id, r),
        Response::SignInFacts(f) => runner::diagnosis::on_facts(model, id, *f),
        Response::AuthEvents(r) => runner::diagnosis::on_events(model, id, r),
        Response::Auth(r) => runner::on_auth(model, id, r),
        Response::Srp(done) => runner::on_srp(model, id, done),
        Response::Jwks(r) => runner::on_jwks(model, id, r),
        Response::AuthAction(r) => runner::on_action(model, id, r),
        Response::IdentityPools(r) => super::identity::on_report(model, id, r),
        Response::TrustingPools(r) => runner::identity::on_pools(model, id, r),
        Response::Credentials(r) => runner::identity::on_credentials(model, id, r),
        Response::Written(result) => admin::on_written(model, id, result, at),
        Response::Generated(secret) => admin::on_generated(model, id, secret),
        Response::BulkItem { index, outcome } => admin::on_bulk_item(model, id, index, outcome, at),
        Response::BulkDone => admin::on_bulk_done(model, id),
        Response::Hosted(r) => runner::hosted::on_response(model, id, r),
        Response::BulkPace { per_second, slowed } => {
            admin::on_bulk_pace(model, id, per_second, slowed)
        }
        Response::Pools(result) => {
            if !model.pools.list.is_current(id) {
                return vec![]; // stale: a newer load superseded it
            }
            match result {
                Ok(page) => {
                    let first = model.pools.pages == 0;
                    model.pools.pages += 1;
                    let rows = if first {
                        page.items
                    } else {
                        let mut rows = model.pools.list.data.take().unwrap_or_default();
                        rows.extend(page.items);
                        rows
                    };
                    let len = rows.len();
                    model.pools.selected = model.pools.selected.min(len.saturating_sub(1));
                    if first {
                        model.pools.trail.clear();
                    }
                    match model.pools.trail.follow("ListUserPools", page.next_token) {
                        Err(err) => {
                            model.pools.list.data = Some(rows);
                            record_error(model, "ListUserPools", &err, at);
                            model.pools.list.failed(err);
                            vec![]
                        }
                        Ok(Some(token)) => {
                            model.pools.list.data = Some(rows);
                            let next = model.fresh_id();
                            model.pools.list.start(next);
                            vec![Effect::Call(
                                next,
                                Request::ListUserPools {
                                    next_token: Some(token),
                                },
                            )]
                        }
                        Ok(None) => {
                            model.pools.list.loaded(rows);
                            vec![]
                        }
                    }
                }
                Err(err) => {
                    record_error(model, "ListUserPools", &err, at);
                    model.pools.list.failed(err);
                    vec![]
                }
            }
        }
        Response::PoolDetail(result) => {
            // The description counts the triggers where the list's answer did not.
            if let (Ok(d), Some(rows)) = (&result, model.pools.list.data.as_mut())
                && model
                    .detail
                    .as_ref()
                    .is_some_and(|p| p.detail.is_current(id))
                && let Some(row) = rows.iter_mut().find(|r| r.id == d.id)
            {
                row.triggers_set = Some(d.lambda_config.set_slots().len());
            }
            on_loaded(
                model,
                id,
                at,
                result.map(|d| *d),
                |m| m.detail.as_mut().map(|d| &mut d.detail),
                "DescribeUserPool",
            )
        }
        Response::Clients(result) => on_list_page(
            model,
            id,
            at,
            result,
            |m| m.clients.as_mut(),
            "ListUserPoolClients",
            |pool_id, token| Request::ListUserPoolClients {
                pool_id,
                next_token: Some(token),
            },
        ),
        Response::Groups(result) => on_list_page(
            model,
            id,
            at,
            result,
            |m| m.groups.as_mut(),
            "ListGroups",
            |pool_id, token| Request::ListGroups {
                pool_id,
                next_token: Some(token),
            },
        ),
        Response::Client(result) => on_loaded(
            model,
            id,
            at,
            result.map(|c| *c),
            |m| m.client.as_mut().map(|c| &mut c.client),
            "DescribeUserPoolClient",
        ),
        Response::ClientSecret(result) => on_loaded(
            model,
            id,
            at,
            result,
            |m| m.client.as_mut().map(|c| &mut c.secret),
            "DescribeUserPoolClient",
        ),
        Response::Users(result) => on_page(
            model,
            id,
            at,
            result,
            |m| m.users.as_mut().map(|u| &mut u.pane),
            "ListUsers",
        ),
        Response::Members(result) => on_page(
            model,
            id,
            at,
            result,
            |m| m.members.as_mut().map(|m| &mut m.pane),
            "ListUsersInGroup",
        ),
        Response::User(result) => on_loaded(
            model,
            id,
            at,
            result.map(|u| *u),
            |m| m.user.as_mut().map(|u| &mut u.user),
            "AdminGetUser",
        ),
        Response::UserGroups(result) => on_loaded(
            model,
            id,
            at,
            result.map(|p| p.items),
            |m| m.user.as_mut().map(|u| &mut u.groups),
            "AdminListGroupsForUser",
        ),
        // An endpoint without AdminListDevices: said in the pane, not an error wall.
        Response::UserDevices(Err(err)) if err.kind == ErrorKind::Unsupported => {
            if let Some(d) = model
                .user
                .as_mut()
                .map(|u| &mut u.devices)
                .filter(|d| d.is_current(id))
            {
                d.failed(err);
            }
            vec![]
        }
        Response::UserDevices(result) => on_loaded(
            model,
            id,
            at,
            result.map(|p| p.items),
            |m| m.user.as_mut().map(|u| &mut u.devices),
            "AdminListDevices",
        ),
    }
}
