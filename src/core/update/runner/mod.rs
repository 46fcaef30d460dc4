//! The auth-flow runner view's logic: keys in, the sign-in state machine driven, effects
//! out. Pure like `update` (no I/O, no clock: times come in with the messages).

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyModifiers};

use crate::auth::totp;
use crate::auth::{Flow, FlowConfig, Input, Inputs, Prompt, Reply, Runner, Step};
use crate::core::effect::{Effect, Job, Request};
use crate::core::input::action::Action;
use crate::core::input::text::{Edit, TextInput};
use crate::core::model::runner::{
    AuthState, FLOWS, Field, InputForm, SetupField, SrpValue, Stage, TokenAction, TokenTab,
    TokenView,
};
use crate::core::model::{Level, Model, PoolRef, View};
use crate::domain::jwt::{self, Expected, TokenUse, Verdict};
use crate::domain::secret::Secret;
use crate::domain::{ClientAuthInfo, CognitoError};

pub(super) mod hosted;

/// Open the runner for a pool, optionally with a client and a user preselected.
pub fn open(
    model: &mut Model,
    pool: PoolRef,
    client_id: Option<String>,
    username: Option<String>,
) -> Vec<Effect> {
    let mut state = AuthState::new(pool.clone(), username);
    let id = model.fresh_id();
    state.clients.start(id);
    state.preselect_client = client_id;
    model.auth = Some(state);
    if model.view() != &View::Auth(pool.clone()) {
        model.stack.push(View::Auth(pool.clone()));
    }
    vec![Effect::Call(id, Request::AuthClients { pool_id: pool.id })]
}

fn state(model: &mut Model) -> Option<&mut AuthState> {
    model.auth.as_mut()
}

/// The text field with the focus: the username of the set-up form, or the focused field of
/// a prompt's answer (none on a choice).
fn text_field(s: &mut AuthState) -> Option<&mut TextInput> {
    match &s.stage {
        Stage::Setup if s.focus == SetupField::Username => Some(&mut s.username),
        Stage::Prompt(_) => {
            let f = s.form.as_mut()?;
            f.fields.get_mut(f.focus).map(|field| &mut field.value)
        }
        _ => None,
    }
}

/// Whether the focus is on a text field (there ←/→ move its cursor instead of changing a
/// choice).
pub fn on_text_field(model: &mut Model) -> bool {
    state(model).and_then(text_field).is_some()
}

/// Keys typed (those no binding claims), or text pasted, into the set-up form or a prompt's
/// answer.
pub fn type_key(model: &mut Model, edit: Edit) {
    let Some(s) = state(model) else { return };
    if let Some(field) = text_field(s) {
        let taken = field.edit(edit);
        if taken && let Some(f) = s.form.as_mut() {
            f.generated = false;
        }
        return;
    }
    let Edit::Key(key) = edit else { return };
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return;
    }
    match &s.stage {
        Stage::Setup if key.code == KeyCode::Char(' ') && s.focus == SetupField::StepThrough => {
            s.step_through = !s.step_through;
        }
        Stage::Prompt(Prompt::Choose { options, .. }) => {
            if let (KeyCode::Char(c), Some(f)) = (key.code, s.form.as_mut())
                && let Some(d) = c.to_digit(10)
                && d >= 1
                && (d as usize) <= options.len()
            {
                f.choice = d as usize - 1;
            }
        }
        _ => {}
    }
}

/// An action in the runner view. `None` when the action is not the runner's to handle.
pub fn act(model: &mut Model, action: Action) -> Option<Vec<Effect>> {
    let region = model.ctx.region.clone();
    let now = model.now;
    if let Some(fx) = identity::act(model, action) {
        return Some(fx);
    }
    if let Some(fx) = hosted::act(model, action) {
        return Some(fx);
    }
    let s = model.auth.as_mut()?;
    let fx = match (&s.stage, action) {
        (_, Action::Back) if !matches!(s.stage, Stage::Setup) && !s.is_busy() => {
            // Leave the run, keep the form.
            session::finish(s, now);
            s.stage = Stage::Setup;
            s.form = None;
            s.runner = None;
            vec![]
        }
        (_, Action::Back) => return None,
        (Stage::Setup, Action::NextField | Action::Down) => {
            s.focus = cycle_field(s.focus, 1);
            vec![]
        }
        (Stage::Setup, Action::PrevField | Action::Up) => {
            s.focus = cycle_field(s.focus, -1);
            vec![]
        }
        (Stage::Setup, Action::CycleNext | Action::CyclePrev) => {
            let d: isize = if action == Action::CycleNext { 1 } else { -1 };
            match s.focus {
                SetupField::Client => {
                    let n = s.clients.data.as_ref().map_or(0, Vec::len);
                    s.client = wrap(s.client, n, d);
                }
                SetupField::Flow => {
                    let n = FLOWS.len() + crate::core::hosted::HostedKind::ALL.len();
                    s.flow = wrap(s.flow, n, d);
                }
                SetupField::StepThrough => s.step_through = !s.step_through,
                SetupField::Username => {}
            }
            vec![]
        }
        (_, Action::ToggleStep) => {
            s.step_through = !s.step_through;
            vec![]
        }
        (Stage::Setup, Action::Submit) => return Some(start(model)),
        (Stage::Prompt(_), Action::NextField | Action::Down) => {
            if let Some(f) = s.form.as_mut() {
                if f.fields.is_empty() {
                    f.choice += 1;
                    if let Stage::Prompt(Prompt::Choose { options, .. }) = &s.stage {
                        f.choice = f.choice.min(options.len().saturating_sub(1));
                    }
                } else {
                    f.focus = (f.focus + 1) % f.fields.len();
                }
            }
            vec![]
        }
        (Stage::Prompt(_), Action::PrevField | Action::Up) => {
            if let Some(f) = s.form.as_mut() {
                if f.fields.is_empty() {
                    f.choice = f.choice.saturating_sub(1);
                } else {
                    f.focus = (f.focus + f.fields.len() - 1) % f.fields.len();
                }
            }
            vec![]
        }
        (Stage::Prompt(_), Action::GenerateCode) => {
            match fill_demo_code(s, now) {
                Some(Ok(())) => {}
                Some(Err(e)) => model.flash(Level::Error, format!("cannot compute the code: {e}")),
                None => model.flash(
                    Level::Warn,
                    "no authenticator secret set up in this run: type the code from your app",
                ),
            }
            vec![]
        }
        (Stage::Prompt(_), Action::Submit) => return Some(submit_prompt(model)),
        (Stage::Queued(_), Action::Submit) => {
            let Stage::Queued(req) = std::mem::replace(&mut s.stage, Stage::Setup) else {
                unreachable!("matched above")
            };
            return Some(send(model, req));
        }
        (Stage::Failed(e), Action::Submit | Action::Refresh) if e.retry.is_possible() => {
            let step = match s.runner.as_mut() {
                Some(r) => r.retry(),
                None => return Some(vec![]),
            };
            return Some(drive(model, step));
        }
        (Stage::SignedIn | Stage::Failed(_), Action::NewRun) => {
            s.stage = Stage::Setup;
            s.form = None;
            s.runner = None;
            vec![]
        }
        (Stage::SignedIn, Action::NextTab) => {
            s.tab = match s.tab {
                TokenTab::Id => TokenTab::Access,
                TokenTab::Access => TokenTab::Refresh,
                TokenTab::Refresh => TokenTab::Id,
            };
            s.scroll = 0;
            vec![]
        }
        (Stage::SignedIn, Action::Down) => {
            s.scroll = s.scroll.saturating_add(1);
            vec![]
        }
        (Stage::SignedIn, Action::Up) => {
            s.scroll = s.scroll.saturating_sub(1);
            vec![]
        }
        (Stage::SignedIn, Action::WhoAmI) => token_call(model, TokenAction::GetUser),
        (Stage::SignedIn, Action::TokenSignOut) => token_call(model, TokenAction::GlobalSignOut),
        (Stage::SignedIn, Action::Revoke) => token_call(model, TokenAction::Revoke),
        (Stage::SignedIn, Action::RefreshTokens) => return Some(refresh(model)),
        (Stage::SignedIn, Action::Credentials) => identity::find(model, false),
        (Stage::SignedIn, Action::ChooseCredentials) => identity::find(model, true),
        (_, Action::Export) => {
            let Some(markdown) = session::markdown(s, now) else {
                return Some(vec![]);
            };
            let path = format!("cognito-tui-transcript-{}-{}.md", s.pool.id, now);
            let id = model.fresh_id();
            if let Some(s) = model.auth.as_mut() {
                s.action = Some(id);
                s.action_kind = Some(TokenAction::Export);
            }
            vec![Effect::Call(id, Request::Export { path, markdown })]
        }
        _ => {
            let _ = region;
            return None;
        }
    };
    let mut fx = fx;
    fx.extend(diagnosis::setup_changed(model));
    Some(fx)
}

fn cycle_field(f: SetupField, d: isize) -> SetupField {
    let all = SetupField::ALL;
    let i = all.iter().position(|x| *x == f).unwrap_or(0);
    all[wrap(i, all.len(), d)]
}

fn wrap(i: usize, n: usize, d: isize) -> usize {
    if n == 0 {
        return 0;
    }
    ((i as isize + d).rem_euclid(n as isize)) as usize
}

fn start(model: &mut Model) -> Vec<Effect> {
    if let Some(kind) = model.auth.as_ref().and_then(AuthState::selected_hosted) {
        return hosted::start(model, kind);
    }
    let now = model.now;
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let Some(client) = s.selected_client().cloned() else {
        model.flash(
            Level::Warn,
            "no app client to sign in with (the pool has none loaded)",
        );
        return vec![];
    };
    let flow = s.selected_flow();
    let username = s.username.value().trim().to_string();
    if username.is_empty() && flow != Flow::RefreshToken {
        model.flash(Level::Warn, "type the username first");
        return vec![];
    }
    let mut config = FlowConfig::new(s.pool.id.clone(), client.id.clone(), username, flow);
    if let Some(secret) = &client.secret {
        config = config.with_client_secret(secret.clone());
    }
    let mut inputs = Inputs::default();
    if flow == Flow::RefreshToken
        && let Some((t, _)) = &s.tokens
    {
        inputs.refresh_token = t.refresh_token.clone();
    }
    s.notes.clear();
    s.srp_values.clear();
    s.session.begin(now);
    let mut runner = Runner::new(config);
    let step = runner.start(inputs);
    s.runner = Some(runner);
    let read_facts = diagnosis::run_started(model);
    let mut fx = drive(model, step);
    fx.extend(read_facts);
    fx
}

/// Sign in again with REFRESH_TOKEN_AUTH and the current refresh token.
fn refresh(model: &mut Model) -> Vec<Effect> {
    let now = model.now;
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let Some((tokens, _)) = &s.tokens else {
        return vec![];
    };
    let Some(refresh_token) = tokens.refresh_token.clone() else {
        model.flash(Level::Warn, "no refresh token to use");
        return vec![];
    };
    // SECRET_HASH for refresh uses the user's real username: the access token's claim.
    let username = s
        .access_token
        .as_ref()
        .and_then(|v| v.decoded.as_ref())
        .and_then(|d| d.claims.get("username").and_then(|u| u.as_str()))
        .map(str::to_string)
        .unwrap_or_else(|| s.username.value().to_string());
    let Some(client) = s.selected_client().cloned() else {
        return vec![];
    };
    let mut config = FlowConfig::new(
        s.pool.id.clone(),
        client.id.clone(),
        username,
        Flow::RefreshToken,
    );
    if let Some(secret) = &client.secret {
        config = config.with_client_secret(secret.clone());
    }
    s.session.begin(now);
    let mut runner = Runner::new(config);
    let step = runner.start(Inputs {
        password: None,
        refresh_token: Some(refresh_token),
    });
    s.runner = Some(runner);
    s.notes.push((
        Level::Info,
        "REFRESH_TOKEN_AUTH with the refresh token".into(),
    ));
    drive(model, step)
}

/// Act on what the runner wants next.
pub fn drive(model: &mut Model, step: Step) -> Vec<Effect> {
    let now = model.now;
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    match step {
        Step::Send(req) => {
            if s.step_through {
                s.stage = Stage::Queued(req);
                vec![]
            } else {
                send(model, req)
            }
        }
        Step::NeedInput(prompt) => {
            if let Prompt::MfaSetup { secret_code, .. } = &prompt {
                s.totp_secret = Some(secret_code.clone());
            }
            s.form = Some(form_for(&prompt));
            s.stage = Stage::Prompt(prompt);
            vec![]
        }
        Step::Compute(work) => {
            let id = model.fresh_id();
            if let Some(s) = model.auth.as_mut() {
                s.stage = Stage::Computing(id);
            }
            vec![Effect::Call(id, Request::Srp(Job::new(work)))]
        }
        Step::Done(tokens) => {
            let previous_refresh = s.tokens.as_ref().and_then(|(t, _)| t.refresh_token.clone());
            let mut tokens = tokens;
            if tokens.refresh_token.is_none() {
                // REFRESH_TOKEN_AUTH returns no new refresh token: keep the one we have.
                tokens.refresh_token = previous_refresh;
            }
            s.id_token = tokens.id_token.as_ref().map(view_of);
            s.access_token = Some(view_of(&tokens.access_token));
            s.tokens = Some((tokens, now));
            s.stage = Stage::SignedIn;
            session::signed_in(s, now);
            s.form = None;
            s.tab = TokenTab::Id;
            s.scroll = 0;
            model.flash(Level::Info, "signed in: tokens decoded below");
            let id = model.fresh_id();
            let pool_id = match model.auth.as_mut() {
                Some(s) => {
                    s.jwks.start(id);
                    s.pool.id.clone()
                }
                None => return vec![],
            };
            vec![Effect::Call(id, Request::Jwks { pool_id })]
        }
        Step::Failed(err) => {
            s.form = None;
            session::finish(s, now);
            let headline = format!("✗ {}", err.message);
            s.stage = Stage::Failed(err);
            model.flash(Level::Error, headline);
            diagnosis::on_failed(model)
        }
    }
}

fn view_of(token: &Secret) -> TokenView {
    match jwt::decode(token.expose()) {
        Ok(d) => TokenView {
            decoded: Some(d),
            decode_error: None,
            verdict: None,
        },
        Err(e) => TokenView {
            decoded: None,
            decode_error: Some(e.to_string()),
            verdict: None,
        },
    }
}

fn send(model: &mut Model, req: crate::auth::AuthRequest) -> Vec<Effect> {
    let id = model.fresh_id();
    if let Some(s) = model.auth.as_mut() {
        s.stage = Stage::Waiting(id);
    }
    vec![Effect::Call(id, Request::Auth(req))]
}

fn form_for(prompt: &Prompt) -> InputForm {
    let field = |label: &str, key: &str, hidden: bool| Field {
        label: label.to_string(),
        key: key.to_string(),
        value: TextInput::secret().with_masked(hidden),
        hidden,
    };
    let fields = match prompt {
        Prompt::Password { .. } => vec![field("Password", "password", true)],
        Prompt::NewPassword {
            required_attributes,
            ..
        } => {
            let mut f = vec![field("New password", "password", true)];
            for a in required_attributes {
                f.push(field(a, a, false));
            }
            f
        }
        Prompt::Code { .. } => vec![field("Code", "code", false)],
        Prompt::MfaSetup { .. } => vec![field("Code from the app", "code", false)],
        Prompt::CustomChallenge { .. } => vec![field("Answer", "answer", true)],
        Prompt::Choose { .. } => vec![],
        Prompt::ClientSecret { .. } => vec![field("Client secret", "secret", true)],
        Prompt::RefreshToken => vec![field("Refresh token", "token", true)],
    };
    InputForm {
        fields,
        focus: 0,
        choice: 0,
        generated: false,
    }
}

/// The demo aid: the current TOTP code from the secret set up in this run, put in the code
/// field and labelled as generated. `None` when the prompt takes no TOTP code or no secret is
/// known.
fn fill_demo_code(s: &mut AuthState, now: i64) -> Option<Result<(), String>> {
    let p = match &s.stage {
        Stage::Prompt(p) => p,
        _ => return None,
    };
    let wants_code = matches!(p, Prompt::MfaSetup { .. })
        || matches!(
            p,
            Prompt::Code {
                kind: crate::auth::CodeKind::Totp,
                ..
            }
        );
    let secret = match p {
        Prompt::MfaSetup { secret_code, .. } => Some(secret_code.clone()),
        _ => s.totp_secret.clone(),
    };
    let secret = secret.filter(|_| wants_code)?;
    Some(
        totp::code(secret.expose(), now.max(0) as u64)
            .map(|code| {
                if let Some(f) = s.form.as_mut()
                    && let Some(field) = f.fields.first_mut()
                {
                    field.value.set(code);
                    f.generated = true;
                }
            })
            .map_err(|e| e.to_string()),
    )
}

fn submit_prompt(model: &mut Model) -> Vec<Effect> {
    let now = model.now;
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    // A demo code filled in earlier may belong to a 30 s window that has passed: send the
    // current one instead (the field is still the generated one, untouched by the user).
    if s.form.as_ref().is_some_and(|f| f.generated) {
        let _ = fill_demo_code(s, now);
    }
    let (Stage::Prompt(prompt), Some(form)) = (&s.stage, s.form.as_ref()) else {
        return vec![];
    };
    let first = || {
        form.fields
            .first()
            .map(|f| Secret::new(f.value.value()))
            .unwrap_or_default()
    };
    if form
        .fields
        .iter()
        .any(|f| f.value.value().trim().is_empty())
    {
        model.flash(Level::Warn, "fill in every field first");
        return vec![];
    }
    let input = match prompt {
        Prompt::Password { .. } => Input::Password(first()),
        Prompt::NewPassword { .. } => {
            let attributes: BTreeMap<String, String> = form.fields[1..]
                .iter()
                .map(|f| (f.key.clone(), f.value.value().to_string()))
                .collect();
            Input::NewPassword {
                password: first(),
                attributes,
            }
        }
        Prompt::Code { .. } | Prompt::MfaSetup { .. } => {
            Input::Code(Secret::new(first().expose().trim()))
        }
        Prompt::CustomChallenge { .. } => Input::Answer(first()),
        Prompt::Choose { options, .. } => match options.get(form.choice) {
            Some(o) if o.supported => Input::Choice(o.value.clone()),
            Some(o) => {
                let msg = format!("{} is not supported by cognito-tui", o.value);
                model.flash(Level::Warn, msg);
                return vec![];
            }
            None => return vec![],
        },
        Prompt::ClientSecret { .. } => Input::ClientSecret(first()),
        Prompt::RefreshToken => Input::RefreshToken(first()),
    };
    let Some(runner) = s.runner.as_mut() else {
        return vec![];
    };
    let step = runner.provide(input);
    drive(model, step)
}

fn token_call(model: &mut Model, kind: TokenAction) -> Vec<Effect> {
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let Some((tokens, _)) = &s.tokens else {
        return vec![];
    };
    let access = tokens.access_token.clone();
    let request = match kind {
        TokenAction::GetUser | TokenAction::ProbeOldToken => Request::GetUser {
            access_token: access,
        },
        TokenAction::GlobalSignOut => Request::GlobalSignOut {
            access_token: access,
        },
        TokenAction::Revoke => {
            let Some(refresh) = tokens.refresh_token.clone() else {
                model.flash(Level::Warn, "no refresh token to revoke");
                return vec![];
            };
            let client = s.selected_client().cloned();
            let Some(client) = client else { return vec![] };
            Request::RevokeToken {
                client_id: client.id,
                client_secret: client.secret,
                refresh_token: refresh,
            }
        }
        TokenAction::Export => return vec![],
    };
    let id = model.fresh_id();
    if let Some(s) = model.auth.as_mut() {
        s.action = Some(id);
        s.action_kind = Some(kind);
    }
    vec![Effect::Call(id, request)]
}

/// The clients of the pool arrived (with their flows and secrets).
pub fn on_clients(
    model: &mut Model,
    id: u64,
    result: Result<Vec<ClientAuthInfo>, CognitoError>,
) -> Vec<Effect> {
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    if !s.clients.is_current(id) {
        return vec![];
    }
    match result {
        Ok(list) => {
            if let Some(want) = s.preselect_client.take()
                && let Some(i) = list.iter().position(|c| c.id == want)
            {
                s.client = i;
            }
            // Start on a flow this client allows.
            if let Some(c) = list.get(s.client)
                && !c.allows(s.selected_flow().client_setting())
                && let Some(i) = FLOWS.iter().position(|f| c.allows(f.client_setting()))
            {
                s.flow = i;
            }
            s.clients.loaded(list);
        }
        Err(e) => {
            let text = format!("✗ listing app clients: {}", e.headline());
            s.clients.failed(e);
            model.flash(Level::Error, text);
        }
    }
    diagnosis::setup_changed(model)
}

/// A sign-in call came back.
pub fn on_auth(
    model: &mut Model,
    id: u64,
    result: Result<Box<Reply>, CognitoError>,
) -> Vec<Effect> {
    let now = model.now;
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    if !matches!(s.stage, Stage::Waiting(w) if w == id) {
        return vec![];
    }
    s.session.stamp(now);
    let Some(runner) = s.runner.as_mut() else {
        return vec![];
    };
    let step = match result {
        Ok(reply) => runner.on_response(*reply),
        Err(e) => runner.on_error(e.code.as_deref().unwrap_or(e.kind.label()), &e.message),
    };
    drive(model, step)
}

/// The SRP work finished off the loop.
pub fn on_srp(
    model: &mut Model,
    id: u64,
    done: Result<crate::auth::SrpDone, CognitoError>,
) -> Vec<Effect> {
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    if !matches!(s.stage, Stage::Computing(w) if w == id) {
        return vec![];
    }
    let Some(runner) = s.runner.as_mut() else {
        return vec![];
    };
    let done = match done {
        Ok(done) => done,
        Err(e) => {
            let step = runner.srp_failed(&e.message);
            return drive(model, step);
        }
    };
    let at = runner.transcript().len();
    for (name, value) in done.public_values() {
        let shown = if value.len() > 24 {
            format!("{}… ({} chars)", &value[..16], value.len())
        } else {
            value
        };
        s.srp_values.push(SrpValue { at, name, shown });
    }
    let step = runner.srp_done(done);
    drive(model, step)
}

/// The JWKS arrived: check both tokens' signatures.
pub fn on_jwks(model: &mut Model, id: u64, result: Result<String, CognitoError>) -> Vec<Effect> {
    let now = model.now;
    let region = model.ctx.region.clone();
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    if !s.jwks.is_current(id) {
        return vec![];
    }
    let client_id = s.selected_client().map(|c| c.id.clone());
    let issuer = jwt::expected_issuer(&region, &s.pool.id);
    match result {
        Ok(jwks) => {
            if let Some((tokens, _)) = &s.tokens {
                let check = |t: &Secret, use_: TokenUse| {
                    let expected = Expected {
                        issuer: &issuer,
                        token_use: Some(use_),
                        client_id: client_id.as_deref(),
                    };
                    match jwt::verify(t.expose(), &jwks, &expected, now) {
                        Verdict::Verified => Ok(()),
                        Verdict::Invalid(why) => Err(why),
                    }
                };
                if let (Some(v), Some(t)) = (s.id_token.as_mut(), tokens.id_token.as_ref()) {
                    v.verdict = Some(check(t, TokenUse::Id));
                }
                if let Some(v) = s.access_token.as_mut() {
                    v.verdict = Some(check(&tokens.access_token, TokenUse::Access));
                }
            }
            s.jwks.loaded(jwks);
        }
        Err(e) => s.jwks.failed(e),
    }
    vec![]
}

/// A token action came back.
pub fn on_action(model: &mut Model, id: u64, result: Result<String, CognitoError>) -> Vec<Effect> {
    let now = model.now;
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    if s.action != Some(id) {
        return vec![];
    }
    s.action = None;
    let kind = s.action_kind.take();
    session::call(s, kind, &result, now);
    let (level, text) = match (kind, result) {
        (Some(TokenAction::GetUser), Ok(who)) => (Level::Info, format!("GetUser ✓ {who}")),
        (Some(TokenAction::ProbeOldToken), Ok(who)) => (
            Level::Warn,
            format!(
                "GetUser with the old access token still works ({who}): Cognito has not refused it yet"
            ),
        ),
        (Some(TokenAction::ProbeOldToken), Err(e)) => (
            Level::Info,
            format!(
                "GetUser with the old access token is refused, as expected: {}",
                e.headline()
            ),
        ),
        (Some(TokenAction::GlobalSignOut), Ok(_)) => {
            s.notes.push((
                Level::Info,
                "GlobalSignOut ✓ every refresh token of the user is revoked".into(),
            ));
            return probe(model);
        }
        (Some(TokenAction::Revoke), Ok(_)) => {
            s.notes.push((
                Level::Info,
                "RevokeToken ✓ the refresh token and its access tokens are revoked".into(),
            ));
            return probe(model);
        }
        (Some(TokenAction::Export), Ok(path)) => {
            (Level::Info, format!("transcript written to {path}"))
        }
        (Some(k), Err(e)) => (Level::Error, format!("{k:?} ✗ {}", e.headline())),
        (None, _) => return vec![],
    };
    s.notes.push((level, text.clone()));
    model.flash(level, text);
    vec![]
}

/// After a sign-out or a revocation: show that the old access token is refused now.
fn probe(model: &mut Model) -> Vec<Effect> {
    token_call(model, TokenAction::ProbeOldToken)
}

pub mod identity;

mod session;
#[cfg(test)]
pub(crate) mod tests;

pub mod diagnosis;
