//! The runner's managed-login runs (`HostedKind`, after the API flows in the set-up's flow
//! cycle): read the client and pool, pre-flight, then the authorize URL shown (`b` opens it)
//! while the runtime listens for the redirect, the state checked, the code exchanged; or the
//! client-credentials request. The tokens then go where every flow's tokens go (decoded,
//! JWKS-checked, the token keys). `f` refreshes hosted tokens at the token endpoint. Pure: the
//! random bytes come with the `Prepared` answer.

use crate::auth::oauth::{self, AuthorizeRequest, Pkce, TokenForm};
use crate::auth::{ErrorKind, FlowError, MASK, Retry, Step};
use crate::core::effect::{Effect, Request};
use crate::core::hosted::{HostedKind, HostedRequest, HostedResponse};
use crate::core::input::action::Action;
use crate::core::model::hosted::{HostedRun, HostedStep};
use crate::core::model::runner::Stage;
use crate::core::model::{Level, Model};

/// How long the TUI's listener waits for the browser.
const LISTEN_SECS: u64 = 180;

fn call(model: &mut Model, step: HostedStep, request: HostedRequest) -> Vec<Effect> {
    let id = model.fresh_id();
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    if let Some(h) = s.hosted.as_mut() {
        h.step = step;
    }
    s.stage = Stage::Waiting(id);
    vec![Effect::Call(id, Request::Hosted(request))]
}

/// Start a managed-login run with the selected app client.
pub fn start(model: &mut Model, kind: HostedKind) -> Vec<Effect> {
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let Some(client) = s.selected_client().cloned() else {
        model.flash(Level::Warn, "no app client to sign in with");
        return vec![];
    };
    let mut run = HostedRun::new(kind, client.secret.clone());
    run.note(
        Level::Info,
        format!(
            "→ DescribeUserPoolClient {} and DescribeUserPool: OAuth settings and domain",
            client.name
        ),
        "",
    );
    let now = model.now;
    super::session::hosted(s, now); // the run this one replaces, if it was not recorded yet
    s.runner = None;
    s.notes.clear();
    s.hosted = Some(run);
    let pool_id = s.pool.id.clone();
    call(
        model,
        HostedStep::Preparing,
        HostedRequest::Prepare {
            pool_id,
            client_id: client.id,
        },
    )
}

fn fail(model: &mut Model, step: &str, message: String) -> Vec<Effect> {
    let now = model.now;
    if let Some(s) = model.auth.as_mut() {
        if let Some(h) = s.hosted.as_mut() {
            h.step = HostedStep::Failed;
            h.note(Level::Error, format!("✗ {step}: {message}"), "");
        }
        super::session::hosted(s, now);
        s.stage = Stage::Failed(FlowError {
            kind: ErrorKind::Config,
            step: step.to_owned(),
            message: message.clone(),
            code: None,
            cognito_message: None,
            retry: Retry::No,
            warning: None,
        });
    }
    model.flash(Level::Error, format!("✗ {message}"));
    vec![]
}

/// The runner's keys that mean something else in a managed-login run; `None` leaves the
/// action to the runner.
pub fn act(model: &mut Model, action: Action) -> Option<Vec<Effect>> {
    let s = model.auth.as_mut()?;
    let h = s.hosted.as_mut()?;
    if matches!(s.stage, Stage::Setup) {
        return None;
    }
    match action {
        Action::OpenBrowser => match h.url.clone() {
            Some(url) => {
                let id = model.fresh_id();
                Some(vec![Effect::Call(
                    id,
                    Request::Hosted(HostedRequest::OpenBrowser { url }),
                )])
            }
            None => {
                model.flash(Level::Warn, "this run has no authorize URL to open");
                Some(vec![])
            }
        },
        Action::Back | Action::NewRun => {
            let waiting = h.step == HostedStep::WaitingForBrowser;
            let port = h.plan.as_ref().map(|p| p.port);
            if waiting {
                h.note(Level::Info, "left before the browser came back", "");
            }
            super::session::hosted(s, model.now);
            s.hosted = None;
            s.stage = Stage::Setup;
            s.form = None;
            if let (true, Some(port)) = (waiting, port) {
                model.flash(
                    Level::Info,
                    format!(
                        "left the run; the listener on port {port} stops within {LISTEN_SECS} s"
                    ),
                );
            }
            Some(vec![])
        }
        Action::Submit if matches!(s.stage, Stage::Failed(_)) => {
            let kind = h.kind;
            Some(start(model, kind))
        }
        Action::RefreshTokens if matches!(s.stage, Stage::SignedIn) => Some(refresh(model)),
        _ => None,
    }
}

/// `grant_type=refresh_token` at the token endpoint, where these tokens came from.
fn refresh(model: &mut Model) -> Vec<Effect> {
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let refresh_token = s.tokens.as_ref().and_then(|(t, _)| t.refresh_token.clone());
    let Some(h) = s.hosted.as_mut() else {
        return vec![];
    };
    let (Some(rt), Some(client), Some(endpoints)) =
        (refresh_token, h.client.as_ref(), h.endpoints.as_ref())
    else {
        model.flash(
            Level::Warn,
            "no refresh token: client credentials hand out none; ask for a new token with n",
        );
        return vec![];
    };
    let form = TokenForm::refresh(&client.id, h.secret.as_ref(), &rt);
    let url = endpoints.token();
    h.note(
        Level::Info,
        "· refresh at the token endpoint",
        "refresh_hosted",
    );
    h.note(Level::Info, format!("→ {}", form.masked()), "token_refresh");
    call(
        model,
        HostedStep::Refreshing,
        HostedRequest::Token {
            url,
            form: Box::new(form),
        },
    )
}

/// A managed-login step answered.
pub fn on_response(model: &mut Model, id: u64, response: HostedResponse) -> Vec<Effect> {
    if crate::core::update::managed_login::owns(model, id) {
        return crate::core::update::managed_login::on_response(model, id, response);
    }
    if let HostedResponse::Opened(r) = response {
        match r {
            Ok(()) => model.flash(Level::Info, "opened the authorize URL in the browser"),
            Err(e) => model.flash(Level::Error, format!("cannot open a browser: {e}")),
        }
        return vec![];
    }
    // The run's own call: the one its stage waits for.
    let current = model
        .auth
        .as_ref()
        .is_some_and(|s| s.hosted.is_some() && matches!(s.stage, Stage::Waiting(w) if w == id));
    if !current {
        return vec![]; // stale: the run was left or restarted
    }
    match response {
        HostedResponse::Prepared {
            client,
            pool,
            verifier_bytes,
            state_bytes,
        } => prepared(model, *client, *pool, &verifier_bytes, &state_bytes),
        HostedResponse::Redirect(Ok(target)) => redirected(model, &target),
        HostedResponse::Redirect(Err(e)) => fail(model, "redirect", e),
        HostedResponse::Token { status, body } => tokens(model, status, &body),
        HostedResponse::Failed(e) => fail(model, "call", e.to_string()),
        HostedResponse::Opened(_) | HostedResponse::ManagedLogin(_) => vec![],
    }
}

fn prepared(
    model: &mut Model,
    client: crate::domain::AppClient,
    pool: crate::domain::PoolDetail,
    verifier_bytes: &[u8; 32],
    state_bytes: &[u8; 16],
) -> Vec<Effect> {
    let (endpoint, region) = (model.ctx.endpoint.clone(), model.ctx.region.clone());
    let Some(h) = model.auth.as_mut().and_then(|s| s.hosted.as_mut()) else {
        return vec![];
    };
    let mut problems = Vec::new();
    let endpoints = oauth::hosted_base(
        None,
        endpoint.as_deref(),
        pool.domain.as_deref(),
        pool.custom_domain.as_deref(),
        &region,
    )
    .map_err(|e| problems.push(e))
    .ok();
    let kind = h.kind;
    let plan = match kind {
        HostedKind::AuthorizationCode => oauth::preflight_code(&client, None, None, None)
            .map(Some)
            .map_err(|p| problems.extend(p))
            .ok()
            .flatten(),
        HostedKind::ClientCredentials => {
            if let Err(p) = oauth::preflight_client_credentials(&client, None) {
                problems.extend(p);
            }
            None
        }
    };
    let Some(endpoints) = endpoints.filter(|_| problems.is_empty()) else {
        for p in &problems {
            h.note(Level::Error, format!("✗ pre-flight: {p}"), "");
        }
        let n = problems.len();
        return fail(
            model,
            "pre-flight",
            format!("{n} pre-flight check(s) failed; nothing was sent (see the timeline)"),
        );
    };
    h.note(
        Level::Info,
        format!(
            "· pre-flight: app client {} allows {}; managed login at {}",
            client.name,
            client.allowed_oauth_flows.join(" "),
            endpoints.base
        ),
        "",
    );
    let request = match (kind, plan) {
        (HostedKind::AuthorizationCode, Some(plan)) => {
            let pkce = Pkce::from_random(verifier_bytes);
            let state = oauth::state_from(state_bytes);
            let authorize = AuthorizeRequest {
                client_id: client.id.clone(),
                redirect_uri: plan.redirect_uri.clone(),
                scopes: plan.scopes.clone(),
                state: state.clone(),
                code_challenge: pkce.challenge.clone(),
                identity_provider: None,
            };
            h.url = Some(authorize.url(&endpoints));
            h.note(
                Level::Info,
                format!(
                    "→ GET /oauth2/authorize redirect_uri={} scope={} state={state} code_challenge={} code_challenge_method=S256 (code_verifier={MASK} stays here)",
                    plan.redirect_uri,
                    plan.scopes.join(" "),
                    pkce.challenge
                ),
                "authorize",
            );
            h.note(
                Level::Info,
                format!(
                    "· listening on 127.0.0.1:{}{} for {LISTEN_SECS} s: press b to open the browser",
                    plan.port, plan.path
                ),
                "listen",
            );
            let listen = HostedRequest::Listen {
                port: plan.port,
                path: plan.path.clone(),
                timeout_secs: LISTEN_SECS,
            };
            h.pkce = Some(pkce);
            h.state = Some(state);
            h.plan = Some(plan);
            (HostedStep::WaitingForBrowser, listen)
        }
        _ => {
            let Some(secret) = h.secret.clone() else {
                return fail(
                    model,
                    "pre-flight",
                    "the client secret could not be read (DescribeUserPoolClient)".into(),
                );
            };
            let form =
                TokenForm::client_credentials(&client.id, &secret, &client.allowed_oauth_scopes);
            h.note(
                Level::Info,
                format!("→ {}", form.masked()),
                "token_client_credentials",
            );
            let url = endpoints.token();
            (
                HostedStep::Exchanging,
                HostedRequest::Token {
                    url,
                    form: Box::new(form),
                },
            )
        }
    };
    h.client = Some(client);
    h.endpoints = Some(endpoints);
    call(model, request.0, request.1)
}

fn redirected(model: &mut Model, target: &str) -> Vec<Effect> {
    let Some(h) = model.auth.as_mut().and_then(|s| s.hosted.as_mut()) else {
        return vec![];
    };
    let expected = h.state.clone().unwrap_or_default();
    let redirect = match oauth::parse_redirect(target, &expected) {
        Ok(r) => r,
        Err(e) => {
            if matches!(e, oauth::RedirectError::Refused { .. }) {
                h.note(Level::Error, "← redirect with error=", "redirect_error");
            }
            return fail(model, "redirect", e.to_string());
        }
    };
    let (Some(client), Some(plan), Some(pkce), Some(endpoints)) = (
        h.client.as_ref(),
        h.plan.as_ref(),
        h.pkce.as_ref(),
        h.endpoints.as_ref(),
    ) else {
        return vec![];
    };
    let arrived = format!(
        "← redirect to {} code={MASK} state={} (matches)",
        plan.path, redirect.state
    );
    let form = TokenForm::authorization_code(
        &client.id,
        h.secret.as_ref(),
        &redirect.code,
        &plan.redirect_uri,
        &pkce.verifier,
    );
    let url = endpoints.token();
    h.note(Level::Info, arrived, "redirect");
    h.note(Level::Info, format!("→ {}", form.masked()), "token_code");
    call(
        model,
        HostedStep::Exchanging,
        HostedRequest::Token {
            url,
            form: Box::new(form),
        },
    )
}

fn tokens(model: &mut Model, status: u16, body: &str) -> Vec<Effect> {
    let Some(h) = model.auth.as_mut().and_then(|s| s.hosted.as_mut()) else {
        return vec![];
    };
    let tokens = match oauth::parse_token_reply(status, body) {
        Ok(t) => t,
        Err(e) => return fail(model, "token", e),
    };
    let mut got = vec!["access_token"];
    if tokens.id_token.is_some() {
        got.insert(0, "id_token");
    }
    if tokens.refresh_token.is_some() {
        got.push("refresh_token");
    }
    let key = match (h.step, h.kind) {
        (HostedStep::Refreshing, _) => "",
        (_, HostedKind::AuthorizationCode) => "tokens_code",
        (_, HostedKind::ClientCredentials) => "tokens_client_credentials",
    };
    h.note(
        Level::Info,
        format!(
            "← HTTP {status} {} expires_in={}",
            got.join(" "),
            tokens.expires_in
        ),
        key,
    );
    h.step = HostedStep::Done;
    let no_id_token = tokens.id_token.is_none();
    let fx = super::drive(model, Step::Done(tokens));
    if let Some(s) = model.auth.as_mut().filter(|_| no_id_token) {
        s.tab = crate::core::model::runner::TokenTab::Access;
    }
    fx
}

#[cfg(test)]
#[path = "hosted_tests.rs"]
mod tests;
