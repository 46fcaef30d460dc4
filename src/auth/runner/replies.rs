//! How the runner reads Cognito's replies: tokens end the flow; each challenge becomes the
//! next prompt, call or SRP work (`PASSWORD_VERIFIER`, `NEW_PASSWORD_REQUIRED`, codes, menus,
//! `MFA_SETUP`, custom challenges); unsupported ones fail clearly. Also the lenient reading
//! of challenge parameters (lists, attributes). No I/O: it returns the [`Step`].

use super::*;
use crate::auth::prompts::Choice;
use crate::auth::totp;
use crate::auth::transcript::{response_explanation, summarise_auth};

impl Runner {
    pub(super) fn on_auth(&mut self, awaiting: &Awaiting, r: AuthResponse) -> Step {
        self.remember_reply(&r);
        self.record_response(summarise_auth(&r));
        if matches!(awaiting, Awaiting::Challenge(c) if c == "NEW_PASSWORD_REQUIRED")
            && let Some(p) = self.new_password.take()
        {
            self.password = Some(p);
        }
        let AuthResponse {
            challenge_name,
            challenge_parameters: params,
            session,
            tokens,
            available_challenges,
        } = r;
        self.session = session;
        if let Some(u) = params.get("USERNAME").filter(|u| !u.is_empty()) {
            self.challenge_username = Some(u.clone());
        }
        if let Some(tokens) = tokens {
            self.state = State::Done;
            self.failed_passwords = 0;
            self.outcome = Some("signed in".to_owned());
            return Step::Done(tokens);
        }
        let Some(challenge) = challenge_name else {
            return self.fail_after_reply(
                ErrorKind::UnexpectedReply,
                step_title(&self.config, awaiting),
                "Cognito answered with neither tokens nor a challenge.",
                None,
            );
        };
        match challenge.as_str() {
            "PASSWORD_VERIFIER" => self.on_password_verifier(&params),
            "NEW_PASSWORD_REQUIRED" => {
                let required: Vec<String> = params
                    .get("requiredAttributes")
                    .map(|s| {
                        parse_list(s)
                            .iter()
                            .map(|a| attr_name(a).to_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                let current = params
                    .get("userAttributes")
                    .map(|s| parse_attributes(s))
                    .unwrap_or_default();
                let prompt = Prompt::NewPassword {
                    username: self.challenge_user().to_owned(),
                    required_attributes: required.clone(),
                    current_attributes: current,
                };
                self.ask(Want::NewPassword { required }, prompt)
            }
            "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP" => {
                let kind = CodeKind::for_challenge(&challenge).expect("matched above");
                let prompt = Prompt::Code {
                    challenge: challenge.clone(),
                    kind,
                    destination: params.get("CODE_DELIVERY_DESTINATION").cloned(),
                    medium: params.get("CODE_DELIVERY_DELIVERY_MEDIUM").cloned(),
                };
                self.ask(Want::Code { challenge, kind }, prompt)
            }
            "SELECT_MFA_TYPE" | "SELECT_CHALLENGE" => {
                let options = if challenge == "SELECT_MFA_TYPE" {
                    params
                        .get("MFAS_CAN_CHOOSE")
                        .map(|s| parse_list(s))
                        .unwrap_or_default()
                } else if available_challenges.is_empty() {
                    params
                        .get("AvailableChallenges")
                        .map(|s| parse_list(s))
                        .unwrap_or_default()
                } else {
                    available_challenges
                };
                if options.is_empty() {
                    return self.fail_after_reply(
                        ErrorKind::UnexpectedReply,
                        format!("{challenge} (no options)"),
                        format!("Cognito asked to choose ({challenge}) but listed no options."),
                        None,
                    );
                }
                let prompt = Prompt::Choose {
                    challenge: challenge.clone(),
                    options: options.iter().map(|o| Choice::new(o)).collect(),
                };
                self.ask(Want::Choice { challenge, options }, prompt)
            }
            "MFA_SETUP" => {
                let can = params
                    .get("MFAS_CAN_SETUP")
                    .map(|s| parse_list(s))
                    .unwrap_or_default();
                if !can.iter().any(|m| m == "SOFTWARE_TOKEN_MFA") {
                    let offered = if can.is_empty() {
                        "nothing".to_owned()
                    } else {
                        can.join(", ")
                    };
                    return self.fail_after_reply(
                        ErrorKind::Unsupported,
                        "MFA_SETUP",
                        format!(
                            "The pool requires MFA and this user has none; Cognito offers to set \
                             up {offered}, but this console sets up authenticator apps \
                             (SOFTWARE_TOKEN_MFA) only. Enable TOTP MFA in the pool, or set the \
                             user's MFA as an admin (AdminSetUserMFAPreference)."
                        ),
                        None,
                    );
                }
                match self.session.clone() {
                    Some(session) => self.send(
                        AuthRequest::AssociateSoftwareToken { session },
                        Awaiting::Associate,
                    ),
                    None => self.fail_after_reply(
                        ErrorKind::UnexpectedReply,
                        "MFA_SETUP",
                        "Cognito asked for MFA_SETUP without a Session to set it up with.",
                        Some(RetryPlan::RESTART),
                    ),
                }
            }
            "CUSTOM_CHALLENGE" => self.ask(
                Want::CustomAnswer,
                Prompt::CustomChallenge { parameters: params },
            ),
            other => {
                let hint = match other {
                    "DEVICE_SRP_AUTH" | "DEVICE_PASSWORD_VERIFIER" => {
                        " (remembered devices are not supported)"
                    }
                    "WEB_AUTHN" => " (passkeys need a browser or a platform authenticator)",
                    _ => "",
                };
                self.fail_after_reply(
                    ErrorKind::Unsupported,
                    other.to_owned(),
                    format!("Cognito asked for the {other} challenge, which this console does not handle{hint}."),
                    None,
                )
            }
        }
    }

    pub(super) fn on_password_verifier(&mut self, params: &BTreeMap<String, String>) -> Step {
        let get = |k: &str| params.get(k).filter(|v| !v.is_empty()).cloned();
        let (Some(client), Some(password)) = (self.srp.take(), self.password.clone()) else {
            return self.fail_after_reply(
                ErrorKind::UnexpectedReply,
                "PASSWORD_VERIFIER",
                "Cognito asked for PASSWORD_VERIFIER, but no SRP exchange was started.",
                None,
            );
        };
        let user_id_for_srp = get("USER_ID_FOR_SRP")
            .or_else(|| get("USERNAME"))
            .unwrap_or_else(|| self.challenge_user().to_owned());
        if get("USERNAME").is_none() {
            self.challenge_username = Some(user_id_for_srp.clone());
        }
        let missing: Vec<&str> = ["SRP_B", "SALT", "SECRET_BLOCK"]
            .into_iter()
            .filter(|k| get(k).is_none())
            .collect();
        if !missing.is_empty() {
            return self.fail_after_reply(
                ErrorKind::Srp,
                "PASSWORD_VERIFIER",
                format!("PASSWORD_VERIFIER came without {}.", missing.join(", ")),
                Some(RetryPlan::RESTART),
            );
        }
        let job = SrpJob::Claim {
            client,
            pool_id: self.config.pool_id.clone(),
            user_id_for_srp,
            password,
            srp_b: get("SRP_B").unwrap_or_default(),
            salt: get("SALT").unwrap_or_default(),
            secret_block: get("SECRET_BLOCK").unwrap_or_default(),
        };
        self.compute(AfterSrp::Claim, job)
    }

    pub(super) fn on_associated(&mut self, r: AssociateSoftwareTokenResponse) -> Step {
        self.remember(&r.secret_code);
        if let Some(s) = &r.session {
            self.remember(s);
        }
        self.record_response(ResponseSummary {
            kind: "SecretCode".to_owned(),
            params: vec![("SecretCode".to_owned(), MASK.to_owned())],
            session_returned: r.session.is_some(),
            explanation: response_explanation("AssociateSoftwareToken"),
        });
        if r.session.is_some() {
            self.session = r.session;
        }
        let account = self.config.username.clone();
        let issuer = self.config.issuer();
        match totp::otpauth_uri(r.secret_code.expose(), &account, &issuer) {
            Ok(uri) => {
                let uri = Secret::new(uri);
                self.remember(&uri);
                let prompt = Prompt::MfaSetup {
                    secret_code: r.secret_code,
                    otpauth_uri: uri,
                    account,
                    issuer,
                };
                self.ask(Want::MfaSetupCode, prompt)
            }
            Err(e) => self.fail_after_reply(
                ErrorKind::UnexpectedReply,
                "AssociateSoftwareToken",
                format!("Cognito's SecretCode cannot be used: {e}."),
                None,
            ),
        }
    }

    pub(super) fn on_verified(&mut self, r: VerifySoftwareTokenResponse, sent: Sent) -> Step {
        if let Some(s) = &r.session {
            self.remember(s);
        }
        self.record_response(ResponseSummary {
            kind: format!("Status {}", r.status),
            params: vec![("Status".to_owned(), r.status.clone())],
            session_returned: r.session.is_some(),
            explanation: (r.status == "SUCCESS")
                .then(|| response_explanation("VerifySoftwareToken"))
                .flatten(),
        });
        if r.session.is_some() {
            self.session = r.session;
        }
        if r.status == "SUCCESS" {
            return self.respond("MFA_SETUP", Params::new());
        }
        let plan = sent
            .from_prompt
            .map_or(RetryPlan::RESTART, |(w, p)| RetryPlan::Ask(w, p));
        self.fail_after_reply(
            ErrorKind::CodeMismatch,
            "VerifySoftwareToken",
            format!(
                "Cognito did not accept the authenticator's code (Status {}): check the app's \
                 clock and enter the current code.",
                r.status
            ),
            Some(plan),
        )
    }
}

/// `userAttributes.name` → `name`.
pub(super) fn attr_name(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix("userAttributes.").unwrap_or(s)
}

/// A list as Cognito writes it in challenge parameters: a JSON array (`["A","B"]`), or
/// leniently the Python repr moto writes (`['A', 'B']`), or bare `A,B`.
pub(super) fn parse_list(s: &str) -> Vec<String> {
    if let Ok(list) = serde_json::from_str::<Vec<String>>(s) {
        return list;
    }
    s.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|item| item.trim().trim_matches(|c| c == '"' || c == '\'').trim())
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The `userAttributes` JSON object of NEW_PASSWORD_REQUIRED, values as text.
pub(super) fn parse_attributes(s: &str) -> BTreeMap<String, String> {
    match serde_json::from_str::<serde_json::Value>(s) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, v)
            })
            .collect(),
        _ => BTreeMap::new(),
    }
}
