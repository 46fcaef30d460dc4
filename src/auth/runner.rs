//! The sign-in state machine of the auth runner: an event comes in (start, Cognito's reply or
//! error, the user's input, a finished SRP computation) and the next [`Step`] goes out.
//! It must do no I/O: no network, no clock, no randomness of its own, no terminal, no AWS SDK.
//! The gateway sends the [`AuthRequest`]s, the app runs [`SrpWork`] off the UI loop (passing
//! it the time and a random number generator) and asks the user the [`Prompt`]s.
//!
//! This file holds the runner's states and the events it is driven by; `calls` builds what it
//! sends, `replies` reads what Cognito answers, `classify` turns Cognito's errors into
//! [`FlowError`]s with a retry plan.
//!
//! # Driving it
//!
//! ```text
//! let mut step = runner.start(inputs);
//! loop {
//!     step = match step {
//!         Step::Send(req) => match gateway.send(&req).await {
//!             Ok(reply) => runner.on_response(reply),
//!             Err(e) => runner.on_error(&e.code, &e.message),
//!         },
//!         Step::NeedInput(prompt) => runner.provide(ask_user(&prompt)),
//!         Step::Compute(work) => runner.srp_done(spawn_blocking(move || work.run(now_utc(), &mut OsRng)).await),
//!         Step::Done(tokens) => break Ok(tokens),
//!         Step::Failed(e) if e.retry.is_possible() && interactive => { show(&e); runner.retry() }
//!         Step::Failed(e) => break Err(e),
//!     }
//! }
//! ```
//!
//! # Which username goes where
//!
//! - `InitiateAuth` / `AdminInitiateAuth`: `USERNAME` and the `SECRET_HASH` use what the user
//!   typed ([`FlowConfig::username`]), which may be an alias (email, phone).
//! - Every challenge answer: `USERNAME` and `SECRET_HASH` use the user's real username as
//!   Cognito returned it: the challenge parameter `USERNAME` when present, else
//!   `USER_ID_FOR_SRP`, else the last such value seen, else the typed name. (On AWS the two
//!   parameters are equal; moto puts the user's sub in `USER_ID_FOR_SRP` and the username in
//!   `USERNAME`, and checks `USERNAME`. pycognito does the same.)
//! - The SRP math (`x` and the claim signature) always uses `USER_ID_FOR_SRP`.
//! - `REFRESH_TOKEN_AUTH`: there is no `USERNAME` parameter, but the `SECRET_HASH` must be made
//!   with the user's real username — the `username` claim of the access token, which is the
//!   `sub` in pools that sign in with email or phone. Put that in [`FlowConfig::username`].
//!
//! Whenever Cognito returns a `Session`, the next call passes it back; a reply without one
//! clears it.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use crate::auth::errors::{ErrorKind, FlowError, Retry};
use crate::auth::flows::{FlowConfig, Inputs};
use crate::auth::prompts::{CodeKind, Input, Prompt, normalise_code};
use crate::auth::requests::{
    AssociateSoftwareTokenResponse, AuthRequest, AuthResponse, MASK, Param, Params, Reply, Tokens,
    VerifySoftwareTokenResponse,
};
use crate::auth::secret_hash::secret_hash;
use crate::auth::srp::SrpClient;
use crate::auth::srp_work::{SrpDone, SrpJob, SrpOutcome, SrpWork};
use crate::auth::transcript::{self, ResponseSummary, TranscriptEntry};
use crate::domain::secret::Secret;
use replies::attr_name;

mod calls;
mod classify;
mod replies;

/// `FriendlyDeviceName` sent with `VerifySoftwareToken`.
const FRIENDLY_DEVICE_NAME: &str = "cognito-tui";

/// What the driver does next.
#[derive(Debug)]
pub enum Step {
    /// Make this call, then [`Runner::on_response`] or [`Runner::on_error`].
    Send(AuthRequest),
    /// Ask the user, then [`Runner::provide`].
    NeedInput(Prompt),
    /// Run this off the UI loop, then [`Runner::srp_done`].
    Compute(SrpWork),
    /// Signed in.
    Done(Tokens),
    /// Stopped; see [`FlowError::retry`] and [`Runner::retry`].
    Failed(FlowError),
}

/// Where the runner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not started.
    NotStarted,
    /// A request is out.
    WaitingForCognito,
    /// A prompt is out.
    WaitingForInput,
    /// SRP work is out.
    Computing,
    /// Done: tokens were returned.
    SignedIn,
    /// Stopped on an error.
    Failed,
}

#[derive(Debug)]
enum State {
    Idle,
    Input(Want, Prompt),
    Computing(AfterSrp),
    Sent(Sent),
    Done,
    Failed,
}

/// What a pending prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Want {
    Password(AfterPassword),
    RefreshToken,
    ClientSecret,
    NewPassword {
        required: Vec<String>,
    },
    Code {
        challenge: String,
        kind: CodeKind,
    },
    CustomAnswer,
    Choice {
        challenge: String,
        options: Vec<String>,
    },
    MfaSetupCode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterPassword {
    Initiate,
    SelectPassword,
    SelectPasswordSrp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterSrp {
    InitiateWithA,
    SelectWithA,
    Claim,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Awaiting {
    Initiate,
    Challenge(String),
    Associate,
    Verify,
}

#[derive(Debug)]
struct Sent {
    awaiting: Awaiting,
    /// The prompt whose answer this request carries (for a same-step retry).
    from_prompt: Option<(Want, Prompt)>,
}

#[derive(Debug, Clone)]
enum RetryPlan {
    Ask(Want, Prompt),
    Restart {
        forget_password: bool,
        forget_refresh_token: bool,
        ask_client_secret: bool,
    },
}

impl RetryPlan {
    const RESTART: Self = Self::Restart {
        forget_password: false,
        forget_refresh_token: false,
        ask_client_secret: false,
    };
}

/// The sign-in state machine. Holds secrets only as [`Secret`], so `Debug` is safe.
#[derive(Debug)]
pub struct Runner {
    config: FlowConfig,
    state: State,
    password: Option<Secret>,
    /// A new password sent with NEW_PASSWORD_REQUIRED, adopted once Cognito accepts it.
    new_password: Option<Secret>,
    refresh_token: Option<Secret>,
    session: Option<Secret>,
    /// The real username Cognito returned in challenge parameters.
    challenge_username: Option<String>,
    srp: Option<SrpClient>,
    /// The prompt being answered, carried to the request it produces.
    carry: Option<(Want, Prompt)>,
    retry_plan: Option<RetryPlan>,
    failed_passwords: u32,
    transcript: Vec<TranscriptEntry>,
    /// Every secret sent or received, to mask them in Cognito's messages.
    known_secrets: Vec<Secret>,
    outcome: Option<String>,
}

impl Runner {
    /// A runner for `config`; nothing happens until [`Runner::start`].
    pub fn new(config: FlowConfig) -> Self {
        Self {
            config,
            state: State::Idle,
            password: None,
            new_password: None,
            refresh_token: None,
            session: None,
            challenge_username: None,
            srp: None,
            carry: None,
            retry_plan: None,
            failed_passwords: 0,
            transcript: Vec::new(),
            known_secrets: Vec::new(),
            outcome: None,
        }
    }

    /// The configuration (the client secret included once the user entered it).
    pub fn config(&self) -> &FlowConfig {
        &self.config
    }

    /// Where the runner is.
    pub fn status(&self) -> Status {
        match self.state {
            State::Idle => Status::NotStarted,
            State::Input(..) => Status::WaitingForInput,
            State::Computing(_) => Status::Computing,
            State::Sent(_) => Status::WaitingForCognito,
            State::Done => Status::SignedIn,
            State::Failed => Status::Failed,
        }
    }

    /// Wrong passwords so far (reset by a successful sign-in).
    pub fn failed_password_attempts(&self) -> u32 {
        self.failed_passwords
    }

    /// The round trips so far, without secrets.
    pub fn transcript(&self) -> &[TranscriptEntry] {
        &self.transcript
    }

    /// Starts (or starts over) the flow. Returns [`Step::Failed`] (with [`Retry::No`]) at once
    /// when the configuration cannot work.
    pub fn start(&mut self, inputs: Inputs) -> Step {
        if let Some(err) = self.check_config() {
            return self.finish_failed(err, None);
        }
        let Inputs {
            password,
            refresh_token,
        } = inputs;
        self.password = password.filter(|p| !p.is_empty());
        self.refresh_token = refresh_token.filter(|t| !t.is_empty());
        self.transcript.clear();
        self.outcome = None;
        let known: Vec<Secret> = [
            &self.password,
            &self.refresh_token,
            &self.config.client_secret,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
        for s in &known {
            self.remember(s);
        }
        self.begin()
    }

    /// Answers the pending [`Prompt`].
    pub fn provide(&mut self, input: Input) -> Step {
        let (want, prompt) = match std::mem::replace(&mut self.state, State::Idle) {
            State::Input(want, prompt) => (want, prompt),
            other => {
                self.state = other;
                return misuse("an input arrived but no question is pending");
            }
        };
        self.carry = Some((want.clone(), prompt.clone()));
        let again = |message: &str| (want.clone(), prompt.clone(), message.to_owned());
        let outcome: Result<Step, (Want, Prompt, String)> = match (&want, input) {
            (Want::Password(after), Input::Password(p)) => {
                if p.is_empty() {
                    Err(again("The password is empty."))
                } else {
                    self.remember(&p);
                    self.password = Some(p);
                    Ok(self.after_password(*after))
                }
            }
            (Want::RefreshToken, Input::RefreshToken(t)) => {
                if t.is_empty() {
                    Err(again("The refresh token is empty."))
                } else {
                    self.remember(&t);
                    self.refresh_token = Some(t);
                    Ok(self.send_initiate())
                }
            }
            (Want::ClientSecret, Input::ClientSecret(s)) => {
                if s.is_empty() {
                    Err(again("The client secret is empty."))
                } else {
                    self.remember(&s);
                    self.config.client_secret = Some(s);
                    Ok(self.begin())
                }
            }
            (
                Want::NewPassword { required },
                Input::NewPassword {
                    password,
                    attributes,
                },
            ) => {
                let missing: Vec<&str> = required
                    .iter()
                    .filter(|name| {
                        attributes
                            .get(name.as_str())
                            .is_none_or(|v| v.trim().is_empty())
                    })
                    .map(String::as_str)
                    .collect();
                if password.is_empty() {
                    Err(again("The new password is empty."))
                } else if !missing.is_empty() {
                    Err(again(&format!(
                        "The pool requires a value for: {}.",
                        missing.join(", ")
                    )))
                } else {
                    self.remember(&password);
                    let mut responses = Params::new();
                    responses.insert("NEW_PASSWORD".into(), Param::Secret(password.clone()));
                    for (name, value) in attributes {
                        let key = format!("userAttributes.{}", attr_name(&name));
                        responses.insert(key, Param::Plain(value));
                    }
                    self.new_password = Some(password);
                    Ok(self.respond("NEW_PASSWORD_REQUIRED", responses))
                }
            }
            (Want::Code { challenge, kind }, Input::Code(code) | Input::Answer(code)) => {
                match normalise_code(&code, *kind == CodeKind::Totp) {
                    Err(problem) => Err(again(problem)),
                    Ok(code) => {
                        self.remember(&code);
                        let mut responses = Params::new();
                        responses.insert(kind.response_key().into(), Param::Secret(code));
                        let challenge = challenge.clone();
                        Ok(self.respond(&challenge, responses))
                    }
                }
            }
            (Want::CustomAnswer, Input::Answer(answer) | Input::Code(answer)) => {
                self.remember(&answer);
                let mut responses = Params::new();
                responses.insert("ANSWER".into(), Param::Secret(answer));
                Ok(self.respond("CUSTOM_CHALLENGE", responses))
            }
            (Want::Choice { challenge, options }, Input::Choice(choice)) => {
                match options
                    .iter()
                    .find(|o| o.eq_ignore_ascii_case(choice.trim()))
                {
                    None => Err(again(&format!(
                        "{:?} is not one of the options ({}).",
                        choice.trim(),
                        options.join(", ")
                    ))),
                    Some(choice) => {
                        let (challenge, choice) = (challenge.clone(), choice.clone());
                        self.choose(&challenge, &choice)
                            .map_err(|message| (want.clone(), prompt.clone(), message))
                    }
                }
            }
            (Want::MfaSetupCode, Input::Code(code) | Input::Answer(code)) => {
                match (normalise_code(&code, true), self.session.clone()) {
                    (Err(problem), _) => Err(again(problem)),
                    (Ok(_), None) => Ok(self.fail_here(
                        ErrorKind::UnexpectedReply,
                        "VerifySoftwareToken",
                        "Cognito gave no Session to verify the authenticator with: start over.",
                        Some(RetryPlan::RESTART),
                    )),
                    (Ok(code), Some(session)) => {
                        self.remember(&code);
                        Ok(self.send(
                            AuthRequest::VerifySoftwareToken {
                                session,
                                user_code: code,
                                friendly_device_name: Some(FRIENDLY_DEVICE_NAME.to_owned()),
                            },
                            Awaiting::Verify,
                        ))
                    }
                }
            }
            (_, other) => Err(again(&format!(
                "{} does not answer the question ({}).",
                input_name(&other),
                prompt.question()
            ))),
        };
        match outcome {
            Ok(step) => step,
            Err((want, prompt, message)) => {
                let step = prompt_step_name(&want);
                self.fail_here(
                    ErrorKind::InvalidInput,
                    step,
                    message,
                    Some(RetryPlan::Ask(want, prompt)),
                )
            }
        }
    }

    /// Hands over the result of a [`Step::Compute`].
    pub fn srp_done(&mut self, done: SrpDone) -> Step {
        let after = match std::mem::replace(&mut self.state, State::Idle) {
            State::Computing(after) => after,
            other => {
                self.state = other;
                return misuse("an SRP result arrived but no SRP work is out");
            }
        };
        match (after, done.0) {
            (AfterSrp::InitiateWithA, SrpOutcome::Client(client)) => {
                self.srp = Some(client);
                self.send_initiate()
            }
            (AfterSrp::SelectWithA, SrpOutcome::Client(client)) => {
                let srp_a = client.srp_a_hex();
                self.srp = Some(client);
                let mut responses = Params::new();
                responses.insert("ANSWER".into(), Param::Plain("PASSWORD_SRP".into()));
                responses.insert("SRP_A".into(), Param::Plain(srp_a));
                self.respond("SELECT_CHALLENGE", responses)
            }
            (AfterSrp::Claim, SrpOutcome::Claim(Ok(claim))) => {
                let mut responses = Params::new();
                responses.insert(
                    "PASSWORD_CLAIM_SIGNATURE".into(),
                    Param::Secret(Secret::new(claim.signature_b64.clone())),
                );
                responses.insert(
                    "PASSWORD_CLAIM_SECRET_BLOCK".into(),
                    Param::Secret(Secret::new(claim.secret_block_b64.clone())),
                );
                responses.insert("TIMESTAMP".into(), Param::Plain(claim.timestamp.clone()));
                self.respond("PASSWORD_VERIFIER", responses)
            }
            (AfterSrp::Claim, SrpOutcome::Claim(Err(e))) => self.fail_after_reply(
                ErrorKind::Srp,
                "PASSWORD_VERIFIER",
                format!("Cognito's PASSWORD_VERIFIER values cannot be used: {e}. Start over."),
                Some(RetryPlan::RESTART),
            ),
            (after, _) => {
                self.state = State::Computing(after);
                misuse("the SRP result does not match the SRP work that is out")
            }
        }
    }

    /// The SRP work of a [`Step::Compute`] did not finish (it failed off the loop, e.g. a
    /// panic): the run fails at that step with `message`; it can be started over.
    pub fn srp_failed(&mut self, message: &str) -> Step {
        if !matches!(self.state, State::Computing(_)) {
            return misuse("an SRP failure arrived but no SRP work is out");
        }
        self.fail_here(
            ErrorKind::Srp,
            "SRP computation",
            format!("{message}. Start over."),
            Some(RetryPlan::RESTART),
        )
    }

    /// Hands over Cognito's reply to the last [`Step::Send`].
    pub fn on_response(&mut self, reply: Reply) -> Step {
        let sent = match std::mem::replace(&mut self.state, State::Idle) {
            State::Sent(sent) => sent,
            other => {
                self.state = other;
                return misuse("a reply arrived but no request is out");
            }
        };
        match (&sent.awaiting, reply) {
            (Awaiting::Initiate | Awaiting::Challenge(_), Reply::Auth(r)) => {
                self.on_auth(&sent.awaiting, r)
            }
            (Awaiting::Associate, Reply::AssociateSoftwareToken(r)) => self.on_associated(r),
            (Awaiting::Verify, Reply::VerifySoftwareToken(r)) => self.on_verified(r, sent),
            (awaiting, _) => {
                let step = step_title(&self.config, awaiting);
                self.fail_after_reply(
                    ErrorKind::UnexpectedReply,
                    step,
                    "The reply does not answer the request that was sent.",
                    None,
                )
            }
        }
    }

    /// Hands over the error Cognito (or the gateway) answered the last [`Step::Send`] with.
    pub fn on_error(&mut self, code: &str, message: &str) -> Step {
        let sent = match std::mem::replace(&mut self.state, State::Idle) {
            State::Sent(sent) => sent,
            other => {
                self.state = other;
                return misuse("an error arrived but no request is out");
            }
        };
        let cognito_message = self.scrub(message);
        let (mut err, plan) = self.classify(code, &cognito_message, &sent);
        err.code = Some(code.to_owned());
        err.cognito_message = Some(cognito_message.clone());
        if let Some(entry) = self.transcript.last_mut() {
            entry.error = Some(if err.kind == ErrorKind::ReadOnly {
                err.to_string()
            } else {
                format!("{code}: {cognito_message} — {err}")
            });
        }
        self.finish_failed(err, plan)
    }

    /// Tries again after a [`Step::Failed`] whose [`FlowError::retry`] allows it.
    pub fn retry(&mut self) -> Step {
        if !matches!(self.state, State::Failed) {
            return misuse("retry() is only possible after a failure");
        }
        match self.retry_plan.take() {
            None => {
                self.state = State::Failed;
                Step::Failed(FlowError::new(
                    ErrorKind::Misuse,
                    "retry",
                    "This failure cannot be retried: fix the cause and start a new sign-in.",
                ))
            }
            Some(RetryPlan::Ask(want, prompt)) => self.ask(want, prompt),
            Some(RetryPlan::Restart {
                forget_password,
                forget_refresh_token,
                ask_client_secret,
            }) => {
                if forget_password {
                    self.password = None;
                }
                if forget_refresh_token {
                    self.refresh_token = None;
                }
                self.outcome = None;
                if ask_client_secret {
                    let client_id = self.config.client_id.clone();
                    self.ask(Want::ClientSecret, Prompt::ClientSecret { client_id })
                } else {
                    self.begin()
                }
            }
        }
    }

    // -- helpers -------------------------------------------------------------------------------

    /// The username Cognito expects in challenge answers (see the module documentation).
    fn challenge_user(&self) -> &str {
        self.challenge_username
            .as_deref()
            .unwrap_or(&self.config.username)
    }

    fn secret_hash_for(&self, username: &str) -> Option<Secret> {
        let c = &self.config;
        c.client_secret
            .as_ref()
            .map(|s| Secret::new(secret_hash(username, &c.client_id, s.expose())))
    }

    fn remember(&mut self, s: &Secret) {
        if s.len() >= 4 && !self.known_secrets.contains(s) {
            self.known_secrets.push(s.clone());
        }
    }

    fn remember_reply(&mut self, r: &AuthResponse) {
        let mut found: Vec<Secret> = r.session.iter().cloned().collect();
        if let Some(t) = &r.tokens {
            found.push(t.access_token.clone());
            found.extend(t.id_token.iter().cloned());
            found.extend(t.refresh_token.iter().cloned());
        }
        if let Some(b) = r.challenge_parameters.get("SECRET_BLOCK") {
            found.push(Secret::new(b.clone()));
        }
        for s in &found {
            self.remember(s);
        }
    }

    /// Masks every secret the runner knows of in a server message.
    fn scrub(&self, text: &str) -> String {
        let mut secrets: Vec<&str> = self.known_secrets.iter().map(Secret::expose).collect();
        secrets.sort_by_key(|s| Reverse(s.len()));
        secrets
            .into_iter()
            .fold(text.to_owned(), |acc, s| acc.replace(s, MASK))
    }

    fn record_response(&mut self, summary: ResponseSummary) {
        if let Some(entry) = self.transcript.last_mut() {
            entry.response = Some(summary);
        }
    }

    /// The transcript as Markdown, with no secret in it.
    pub fn transcript_markdown(&self) -> String {
        transcript::markdown(&self.config, self.outcome.as_deref(), &self.transcript)
    }
}

fn misuse(what: &str) -> Step {
    Step::Failed(FlowError::new(
        ErrorKind::Misuse,
        "runner",
        format!("Internal error: {what}."),
    ))
}

fn step_title(c: &FlowConfig, awaiting: &Awaiting) -> String {
    let admin = c.flow.is_admin();
    match awaiting {
        Awaiting::Initiate if admin => format!("AdminInitiateAuth {}", c.flow.auth_flow()),
        Awaiting::Initiate => format!("InitiateAuth {}", c.flow.auth_flow()),
        Awaiting::Challenge(ch) if admin => format!("AdminRespondToAuthChallenge {ch}"),
        Awaiting::Challenge(ch) => format!("RespondToAuthChallenge {ch}"),
        Awaiting::Associate => "AssociateSoftwareToken".to_owned(),
        Awaiting::Verify => "VerifySoftwareToken".to_owned(),
    }
}

fn prompt_step_name(want: &Want) -> String {
    match want {
        Want::Password(_) => "password".to_owned(),
        Want::RefreshToken => "refresh token".to_owned(),
        Want::ClientSecret => "client secret".to_owned(),
        Want::NewPassword { .. } => "NEW_PASSWORD_REQUIRED".to_owned(),
        Want::Code { challenge, .. } | Want::Choice { challenge, .. } => challenge.clone(),
        Want::CustomAnswer => "CUSTOM_CHALLENGE".to_owned(),
        Want::MfaSetupCode => "MFA_SETUP".to_owned(),
    }
}

fn input_name(input: &Input) -> &'static str {
    match input {
        Input::Password(_) => "A password",
        Input::NewPassword { .. } => "A new password",
        Input::Code(_) => "A code",
        Input::Answer(_) => "An answer",
        Input::Choice(_) => "A choice",
        Input::ClientSecret(_) => "A client secret",
        Input::RefreshToken(_) => "A refresh token",
    }
}

#[cfg(test)]
mod tests;
