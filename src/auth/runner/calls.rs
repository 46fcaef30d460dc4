//! What the runner sends next: the configuration check at start, (re)starting a flow, asking
//! for the password or starting SRP work first, the `InitiateAuth` parameters of each flow,
//! and challenge answers (with `USERNAME`, `SECRET_HASH` and the `Session`). Every call is
//! recorded in the transcript as it goes out. No I/O: it returns the [`Step`].

use super::*;
use crate::auth::flows::{FirstFactor, Flow};
use crate::auth::srp;
use crate::auth::transcript::request_explanation;

impl Runner {
    pub(super) fn check_config(&self) -> Option<FlowError> {
        let c = &self.config;
        let bad = |m: String| Some(FlowError::new(ErrorKind::Config, "start", m));
        if c.client_id.trim().is_empty() {
            return bad("No app client id.".into());
        }
        if c.pool_id.trim().is_empty() {
            return bad("No user pool id.".into());
        }
        // SRP mixes the pool name into the proof, so it needs a well-formed pool id.
        let may_use_srp = c.flow.srp_first() || matches!(c.flow, Flow::UserAuth { .. });
        if may_use_srp && let Err(e) = srp::pool_name(&c.pool_id) {
            return bad(e.to_string());
        }
        if c.flow == Flow::RefreshToken {
            if c.client_secret.is_some() && c.username.trim().is_empty() {
                return bad(
                    "With a client secret, REFRESH_TOKEN_AUTH needs the user's real \
                            username for SECRET_HASH (the access token's username claim)."
                        .into(),
                );
            }
        } else if c.username.trim().is_empty() {
            return bad("No username.".into());
        }
        if c.flow
            == (Flow::UserAuth {
                preferred: Some(FirstFactor::WebAuthn),
            })
        {
            let e = FlowError::new(
                ErrorKind::Unsupported,
                "start",
                "Passkeys (WEB_AUTHN) need a browser or a platform authenticator; \
                 choose another first factor.",
            );
            return Some(e);
        }
        None
    }

    /// (Re)starts from InitiateAuth, keeping what the user already entered.
    pub(super) fn begin(&mut self) -> Step {
        self.session = None;
        self.challenge_username = None;
        self.srp = None;
        self.new_password = None;
        self.retry_plan = None;
        let flow = self.config.flow;
        if flow == Flow::RefreshToken {
            if self.refresh_token.is_some() {
                self.send_initiate()
            } else {
                self.ask(Want::RefreshToken, Prompt::RefreshToken)
            }
        } else if flow.password_first() {
            self.with_password(AfterPassword::Initiate)
        } else {
            self.send_initiate()
        }
    }

    pub(super) fn with_password(&mut self, after: AfterPassword) -> Step {
        if self.password.is_some() {
            self.after_password(after)
        } else {
            let prompt = Prompt::Password {
                username: self.config.username.clone(),
                failed_attempts: self.failed_passwords,
            };
            self.ask(Want::Password(after), prompt)
        }
    }

    pub(super) fn after_password(&mut self, after: AfterPassword) -> Step {
        match after {
            AfterPassword::Initiate if self.config.flow.srp_first() => {
                self.compute(AfterSrp::InitiateWithA, SrpJob::NewClient)
            }
            AfterPassword::Initiate => self.send_initiate(),
            AfterPassword::SelectPassword => {
                let mut responses = Params::new();
                responses.insert("ANSWER".into(), Param::Plain("PASSWORD".into()));
                if let Some(p) = &self.password {
                    responses.insert("PASSWORD".into(), Param::Secret(p.clone()));
                }
                self.respond("SELECT_CHALLENGE", responses)
            }
            AfterPassword::SelectPasswordSrp => {
                self.compute(AfterSrp::SelectWithA, SrpJob::NewClient)
            }
        }
    }

    /// Answers a SELECT_MFA_TYPE / SELECT_CHALLENGE menu; `Err` re-asks with the message.
    pub(super) fn choose(&mut self, challenge: &str, choice: &str) -> Result<Step, String> {
        if challenge == "SELECT_MFA_TYPE" {
            let mut responses = Params::new();
            responses.insert("ANSWER".into(), Param::Plain(choice.to_owned()));
            return Ok(self.respond(challenge, responses));
        }
        match FirstFactor::parse(choice) {
            Some(FirstFactor::Password) => Ok(self.with_password(AfterPassword::SelectPassword)),
            Some(FirstFactor::PasswordSrp) => {
                Ok(self.with_password(AfterPassword::SelectPasswordSrp))
            }
            Some(FirstFactor::EmailOtp | FirstFactor::SmsOtp) => {
                let mut responses = Params::new();
                responses.insert("ANSWER".into(), Param::Plain(choice.to_owned()));
                Ok(self.respond(challenge, responses))
            }
            Some(FirstFactor::WebAuthn) => Err("Passkeys (WEB_AUTHN) need a browser or a \
                                                platform authenticator: choose another option."
                .to_owned()),
            None => Err(format!(
                "{choice} is not supported by this console: choose another."
            )),
        }
    }

    pub(super) fn ask(&mut self, want: Want, prompt: Prompt) -> Step {
        self.carry = None;
        self.state = State::Input(want, prompt.clone());
        Step::NeedInput(prompt)
    }

    pub(super) fn compute(&mut self, after: AfterSrp, job: SrpJob) -> Step {
        self.state = State::Computing(after);
        Step::Compute(SrpWork(job))
    }

    pub(super) fn send_initiate(&mut self) -> Step {
        let flow = self.config.flow;
        let username = self.config.username.clone();
        let srp_a = self.srp.as_ref().map(SrpClient::srp_a_hex);
        let plain = |s: &str| Param::Plain(s.to_owned());
        let mut params = Params::new();
        if flow != Flow::RefreshToken {
            params.insert("USERNAME".into(), plain(&username));
        }
        let password = self.password.clone().map(Param::Secret);
        match flow {
            Flow::UserSrp => {
                params.extend(srp_a.map(|a| ("SRP_A".to_owned(), Param::Plain(a))));
            }
            Flow::UserPassword | Flow::AdminUserPassword => {
                params.extend(password.map(|p| ("PASSWORD".to_owned(), p)));
            }
            Flow::RefreshToken => {
                let token = self.refresh_token.clone().map(Param::Secret);
                params.extend(token.map(|t| ("REFRESH_TOKEN".to_owned(), t)));
            }
            Flow::CustomAuth => {}
            Flow::CustomAuthWithSrp => {
                params.insert("CHALLENGE_NAME".into(), plain("SRP_A"));
                params.extend(srp_a.map(|a| ("SRP_A".to_owned(), Param::Plain(a))));
            }
            Flow::UserAuth { preferred } => {
                if let Some(factor) = preferred {
                    params.insert("PREFERRED_CHALLENGE".into(), plain(factor.as_str()));
                }
                match preferred {
                    Some(FirstFactor::Password) => {
                        params.extend(password.map(|p| ("PASSWORD".to_owned(), p)));
                    }
                    Some(FirstFactor::PasswordSrp) => {
                        params.extend(srp_a.map(|a| ("SRP_A".to_owned(), Param::Plain(a))));
                    }
                    _ => {}
                }
            }
        }
        if let Some(hash) = self.secret_hash_for(&username) {
            params.insert("SECRET_HASH".into(), Param::Secret(hash));
        }
        let c = &self.config;
        let request = if flow.is_admin() {
            AuthRequest::AdminInitiateAuth {
                pool_id: c.pool_id.clone(),
                client_id: c.client_id.clone(),
                auth_flow: flow.auth_flow(),
                params,
            }
        } else {
            AuthRequest::InitiateAuth {
                client_id: c.client_id.clone(),
                auth_flow: flow.auth_flow(),
                params,
            }
        };
        self.send(request, Awaiting::Initiate)
    }

    /// A challenge answer: adds USERNAME, SECRET_HASH and the Session.
    pub(super) fn respond(&mut self, challenge: &str, mut responses: Params) -> Step {
        let username = self.challenge_user().to_owned();
        if let Some(hash) = self.secret_hash_for(&username) {
            responses.insert("SECRET_HASH".into(), Param::Secret(hash));
        }
        responses.insert("USERNAME".into(), Param::Plain(username));
        let c = &self.config;
        let request = if c.flow.is_admin() {
            AuthRequest::AdminRespondToAuthChallenge {
                pool_id: c.pool_id.clone(),
                client_id: c.client_id.clone(),
                challenge_name: challenge.to_owned(),
                responses,
                session: self.session.clone(),
            }
        } else {
            AuthRequest::RespondToAuthChallenge {
                client_id: c.client_id.clone(),
                challenge_name: challenge.to_owned(),
                responses,
                session: self.session.clone(),
            }
        };
        self.send(request, Awaiting::Challenge(challenge.to_owned()))
    }

    pub(super) fn send(&mut self, request: AuthRequest, awaiting: Awaiting) -> Step {
        let secrets: Vec<Secret> = request.secrets().into_iter().cloned().collect();
        for s in &secrets {
            self.remember(s);
        }
        let key = match &awaiting {
            Awaiting::Initiate => self.config.flow.name().to_owned(),
            Awaiting::Challenge(c) => c.clone(),
            Awaiting::Associate => "AssociateSoftwareToken".to_owned(),
            Awaiting::Verify => "VerifySoftwareToken".to_owned(),
        };
        self.transcript.push(TranscriptEntry {
            request: request.masked(),
            request_explanation: request_explanation(&key),
            response: None,
            error: None,
        });
        self.state = State::Sent(Sent {
            awaiting,
            from_prompt: self.carry.take(),
        });
        Step::Send(request)
    }
}
