//! The sign-in calls the auth-flow runner sends: InitiateAuth, RespondToAuthChallenge (and the
//! Admin variants), software-token setup, GetUser, sign-out and revocation, the app client's
//! settings and secret, and the pool's JWKS. Part of the gateway: SDK types stay inside
//! `cognito/`. These calls act as the signing-in user; they go through `SdkCognito::call` (or
//! `send_raw`, for the lenient read of a sign-in reply), unpaced. In read-only mode the
//! guard's interceptor (`guard`) lets through those that only hand out or read tokens, and
//! refuses, before anything is sent, every step that would change the user or a token:
//! answering NEW_PASSWORD_REQUIRED or MFA_SETUP, AssociateSoftwareToken, VerifySoftwareToken,
//! GlobalSignOut, RevokeToken.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_cognitoidentityprovider as cip;
use aws_sdk_cognitoidentityprovider::error::SdkError;
use aws_sdk_cognitoidentityprovider::operation::verify_software_token::VerifySoftwareTokenOutput;
use aws_sdk_cognitoidentityprovider::types as t;

use super::api::AuthApi;
use super::client::SdkCognito;
use super::convert::{attrs_out, described_client};
use super::error::{Result, SdkResult, ServiceError, classify};
use crate::auth::{
    AssociateSoftwareTokenResponse, AuthRequest, AuthResponse, Reply, Tokens,
    VerifySoftwareTokenResponse, expose_params,
};
use crate::domain::secret::Secret;
use crate::domain::*;

fn tokens(r: Option<&t::AuthenticationResultType>) -> Option<Tokens> {
    let r = r?;
    Some(Tokens {
        id_token: r.id_token().map(Secret::new),
        access_token: Secret::new(r.access_token().unwrap_or_default()),
        refresh_token: r.refresh_token().map(Secret::new),
        expires_in: r.expires_in(),
        token_type: r.token_type().unwrap_or("Bearer").to_string(),
    })
}

/// The parts of a sign-in reply the runner reads, common to InitiateAuth,
/// AdminInitiateAuth, RespondToAuthChallenge and AdminRespondToAuthChallenge.
trait AuthOutput {
    fn challenge_name(&self) -> Option<&t::ChallengeNameType>;
    fn challenge_parameters(&self) -> Option<&HashMap<String, String>>;
    fn session(&self) -> Option<&str>;
    fn authentication_result(&self) -> Option<&t::AuthenticationResultType>;
    /// `AvailableChallenges`: only the initiate calls have it.
    fn available_challenges(&self) -> &[t::ChallengeNameType] {
        &[]
    }
}

macro_rules! auth_output {
    ($output:ty $(, $available:ident)?) => {
        impl AuthOutput for $output {
            fn challenge_name(&self) -> Option<&t::ChallengeNameType> {
                self.challenge_name()
            }
            fn challenge_parameters(&self) -> Option<&HashMap<String, String>> {
                self.challenge_parameters()
            }
            fn session(&self) -> Option<&str> {
                self.session()
            }
            fn authentication_result(&self) -> Option<&t::AuthenticationResultType> {
                self.authentication_result()
            }
            $(fn $available(&self) -> &[t::ChallengeNameType] {
                self.$available()
            })?
        }
    };
}

auth_output!(
    cip::operation::initiate_auth::InitiateAuthOutput,
    available_challenges
);
auth_output!(
    cip::operation::admin_initiate_auth::AdminInitiateAuthOutput,
    available_challenges
);
auth_output!(cip::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput);
auth_output!(cip::operation::admin_respond_to_auth_challenge::AdminRespondToAuthChallengeOutput);

/// A sign-in call's outcome as the runner's `Reply`: the output's challenge, session and
/// tokens, or the classified error, except that a `200 OK` reply the SDK could not read is
/// read leniently (see [`lenient_auth_reply`]).
fn auth_reply<O, E>(operation: &str, result: SdkResult<O, E>) -> Result<Reply>
where
    O: AuthOutput,
    E: ServiceError,
{
    let err = match result {
        Ok(o) => {
            return Ok(Reply::Auth(AuthResponse {
                challenge_name: o.challenge_name().map(|c| c.as_str().to_string()),
                challenge_parameters: o
                    .challenge_parameters()
                    .map(|p| {
                        p.iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect::<BTreeMap<_, _>>()
                    })
                    .unwrap_or_default(),
                session: o.session().map(Secret::new),
                tokens: tokens(o.authentication_result()),
                available_challenges: o
                    .available_challenges()
                    .iter()
                    .map(|c| c.as_str().to_string())
                    .collect(),
            }));
        }
        Err(e) => e,
    };
    if let SdkError::ResponseError(_) = &err
        && let Some(raw) = err.raw_response()
        && let Some(body) = raw.body().bytes()
        && let Some(reply) = lenient_auth_reply(operation, raw.status().as_u16(), body)
    {
        return Ok(reply);
    }
    Err(classify(operation, err))
}

/// A `200 OK` sign-in reply the SDK could not read, read again without the strict shape.
///
/// Cognito's `ChallengeParameters` is a map of strings: `MFAS_CAN_SETUP` arrives as the
/// string `"[\"SOFTWARE_TOKEN_MFA\"]"`. moto (5.2) sends that value as a JSON array, which the
/// AWS SDK for Rust refuses to deserialize, so the whole reply would be lost. Here any value
/// that is not a string is kept as its JSON text, which is the string Cognito would have
/// sent. Only replies with status 200 and a JSON object body are taken; anything else stays
/// an error.
fn lenient_auth_reply(operation: &str, status: u16, body: &[u8]) -> Option<Reply> {
    if status != 200 {
        return None;
    }
    let body: serde_json::Value = serde_json::from_slice(body).ok()?;
    let body = body.as_object()?;
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let string = |key: &str| body.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let challenge_parameters = match body.get("ChallengeParameters") {
        None | Some(serde_json::Value::Null) => BTreeMap::new(),
        Some(v) => v
            .as_object()?
            .iter()
            .map(|(k, v)| (k.clone(), text(v)))
            .collect(),
    };
    let tokens = match body.get("AuthenticationResult") {
        None | Some(serde_json::Value::Null) => None,
        Some(r) => {
            let r = r.as_object()?;
            let s = |k: &str| r.get(k).and_then(|v| v.as_str()).map(Secret::new);
            Some(Tokens {
                id_token: s("IdToken"),
                access_token: s("AccessToken")?,
                refresh_token: s("RefreshToken"),
                expires_in: r
                    .get("ExpiresIn")
                    .and_then(|v| v.as_i64())
                    .and_then(|v| i32::try_from(v).ok())
                    .unwrap_or_default(),
                token_type: r
                    .get("TokenType")
                    .and_then(|v| v.as_str())
                    .unwrap_or("Bearer")
                    .to_string(),
            })
        }
    };
    let available_challenges = body
        .get("AvailableChallenges")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().map(text).collect())
        .unwrap_or_default();
    tracing::warn!(
        operation,
        "the endpoint's reply does not match Cognito's shape (a challenge parameter that is not a string); read it leniently"
    );
    Some(Reply::Auth(AuthResponse {
        challenge_name: string("ChallengeName"),
        challenge_parameters,
        session: string("Session").map(Secret::new),
        tokens,
        available_challenges,
    }))
}

/// VerifySoftwareToken's `Status`; an endpoint that sends none succeeded.
fn verify_status(o: &VerifySoftwareTokenOutput) -> String {
    o.status()
        .map(|s| s.as_str().to_string())
        .unwrap_or_else(|| "SUCCESS".into())
}

#[async_trait]
impl AuthApi for SdkCognito {
    async fn send_auth(&self, request: &AuthRequest) -> Result<Reply> {
        let op = request.operation();
        match request {
            AuthRequest::InitiateAuth {
                client_id,
                auth_flow,
                params,
            } => {
                let o = self
                    .send_raw(|c| {
                        c.initiate_auth()
                            .client_id(client_id)
                            .auth_flow(t::AuthFlowType::from(*auth_flow))
                            .set_auth_parameters(Some(expose_params(params)))
                            .send()
                    })
                    .await;
                auth_reply(op, o)
            }
            AuthRequest::AdminInitiateAuth {
                pool_id,
                client_id,
                auth_flow,
                params,
            } => {
                let o = self
                    .send_raw(|c| {
                        c.admin_initiate_auth()
                            .user_pool_id(pool_id)
                            .client_id(client_id)
                            .auth_flow(t::AuthFlowType::from(*auth_flow))
                            .set_auth_parameters(Some(expose_params(params)))
                            .send()
                    })
                    .await;
                auth_reply(op, o)
            }
            AuthRequest::RespondToAuthChallenge {
                client_id,
                challenge_name,
                responses,
                session,
            } => {
                let o = self
                    .send_raw(|c| {
                        c.respond_to_auth_challenge()
                            .client_id(client_id)
                            .challenge_name(t::ChallengeNameType::from(challenge_name.as_str()))
                            .set_challenge_responses(Some(expose_params(responses)))
                            .set_session(session.as_ref().map(|s| s.expose().to_string()))
                            .send()
                    })
                    .await;
                auth_reply(op, o)
            }
            AuthRequest::AdminRespondToAuthChallenge {
                pool_id,
                client_id,
                challenge_name,
                responses,
                session,
            } => {
                let o = self
                    .send_raw(|c| {
                        c.admin_respond_to_auth_challenge()
                            .user_pool_id(pool_id)
                            .client_id(client_id)
                            .challenge_name(t::ChallengeNameType::from(challenge_name.as_str()))
                            .set_challenge_responses(Some(expose_params(responses)))
                            .set_session(session.as_ref().map(|s| s.expose().to_string()))
                            .send()
                    })
                    .await;
                auth_reply(op, o)
            }
            AuthRequest::AssociateSoftwareToken { session } => {
                let o = self
                    .call(op, |c| {
                        c.associate_software_token()
                            .session(session.expose())
                            .send()
                    })
                    .await?;
                Ok(Reply::AssociateSoftwareToken(
                    AssociateSoftwareTokenResponse {
                        secret_code: Secret::new(o.secret_code().unwrap_or_default()),
                        session: o.session().map(Secret::new),
                    },
                ))
            }
            AuthRequest::VerifySoftwareToken {
                session,
                user_code,
                friendly_device_name,
            } => {
                let o = self
                    .call(op, |c| {
                        c.verify_software_token()
                            .session(session.expose())
                            .user_code(user_code.expose())
                            .set_friendly_device_name(friendly_device_name.clone())
                            .send()
                    })
                    .await?;
                Ok(Reply::VerifySoftwareToken(VerifySoftwareTokenResponse {
                    status: verify_status(&o),
                    session: o.session().map(Secret::new),
                }))
            }
        }
    }

    async fn client_auth_info(&self, pool_id: &str, client_id: &str) -> Result<ClientAuthInfo> {
        let o = self
            .call("DescribeUserPoolClient", |c| {
                c.describe_user_pool_client()
                    .user_pool_id(pool_id)
                    .client_id(client_id)
                    .send()
            })
            .await?;
        let c = described_client(&o)?;
        Ok(ClientAuthInfo {
            id: c.client_id().unwrap_or(client_id).to_string(),
            name: c.client_name().unwrap_or_default().to_string(),
            explicit_auth_flows: c
                .explicit_auth_flows()
                .iter()
                .map(|f| f.as_str().to_string())
                .collect(),
            secret: c.client_secret().filter(|s| !s.is_empty()).map(Secret::new),
        })
    }

    async fn get_user(&self, access_token: &Secret) -> Result<User> {
        let o = self
            .call("GetUser", |c| {
                c.get_user().access_token(access_token.expose()).send()
            })
            .await?;
        Ok(User {
            username: o.username().to_string(),
            status: None,
            enabled: true,
            attributes: attrs_out(o.user_attributes()),
            created: None,
            modified: None,
            ..Default::default()
        })
    }

    async fn global_sign_out(&self, access_token: &Secret) -> Result<()> {
        self.call("GlobalSignOut", |c| {
            c.global_sign_out()
                .access_token(access_token.expose())
                .send()
        })
        .await?;
        Ok(())
    }

    async fn revoke_token(
        &self,
        client_id: &str,
        client_secret: Option<&Secret>,
        refresh_token: &Secret,
    ) -> Result<()> {
        self.call("RevokeToken", |c| {
            c.revoke_token()
                .client_id(client_id)
                .token(refresh_token.expose())
                .set_client_secret(client_secret.map(|s| s.expose().to_string()))
                .send()
        })
        .await?;
        Ok(())
    }

    async fn associate_software_token_for_user(&self, access_token: &Secret) -> Result<Secret> {
        let o = self
            .call("AssociateSoftwareToken", |c| {
                c.associate_software_token()
                    .access_token(access_token.expose())
                    .send()
            })
            .await?;
        Ok(Secret::new(o.secret_code().unwrap_or_default()))
    }

    async fn verify_software_token_for_user(
        &self,
        access_token: &Secret,
        user_code: &Secret,
        friendly_device_name: Option<&str>,
    ) -> Result<String> {
        let o = self
            .call("VerifySoftwareToken", |c| {
                c.verify_software_token()
                    .access_token(access_token.expose())
                    .user_code(user_code.expose())
                    .set_friendly_device_name(friendly_device_name.map(str::to_owned))
                    .send()
            })
            .await?;
        Ok(verify_status(&o))
    }

    async fn sign_in_facts(
        &self,
        pool_id: &str,
        client_id: &str,
        username: Option<&str>,
    ) -> crate::auth::diagnose::SignInFacts {
        self.read_sign_in_facts(pool_id, client_id, username).await
    }

    async fn admin_list_user_auth_events(
        &self,
        pool_id: &str,
        username: &str,
        next_token: Option<String>,
    ) -> Result<Page<crate::auth::diagnose::AuthEvent>> {
        self.list_auth_events(pool_id, username, next_token).await
    }

    async fn admin_update_auth_event_feedback(
        &self,
        pool_id: &str,
        username: &str,
        event_id: &str,
        value: &str,
    ) -> Result<()> {
        self.auth_event_feedback(pool_id, username, event_id, value)
            .await
    }

    fn jwks_url(&self, pool_id: &str) -> String {
        crate::domain::jwt::jwks_url(self.endpoint(), self.region(), pool_id)
    }

    async fn fetch_jwks(&self, pool_id: &str) -> Result<String> {
        let url = self.jwks_url(pool_id);
        let client = super::http::client(Duration::from_secs(10), true)?;
        let what = format!("cannot fetch the JWKS from {url}");
        let resp = super::http::send(client.get(&url), &what).await?;
        let status = resp.status();
        let what = format!("the JWKS from {url}");
        let body = super::http::read_capped(resp, super::http::MAX_BODY_BYTES, &what).await?;
        if !status.is_success() {
            return Err(CognitoError {
                kind: CognitoError::classify(None, Some(status.as_u16())),
                code: Some(format!("HTTP{}", status.as_u16())),
                message: format!("the JWKS at {url} answered {status}"),
                request_id: None,
            });
        }
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(status: u16, body: &str) -> Option<AuthResponse> {
        match lenient_auth_reply("RespondToAuthChallenge", status, body.as_bytes())? {
            Reply::Auth(r) => Some(r),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_non_string_challenge_parameter_is_kept_as_its_json_text() {
        let r = read(
            200,
            r#"{"ChallengeName": "MFA_SETUP", "Session": "s-1",
                "ChallengeParameters": {"MFAS_CAN_SETUP": ["SOFTWARE_TOKEN_MFA"], "N": 3,
                                        "USER_ID_FOR_SRP": "u"}}"#,
        )
        .unwrap();
        assert_eq!(r.challenge_name.as_deref(), Some("MFA_SETUP"));
        assert_eq!(r.session.as_ref().map(|s| s.expose()), Some("s-1"));
        assert_eq!(
            r.challenge_parameters,
            BTreeMap::from([
                (
                    "MFAS_CAN_SETUP".to_string(),
                    r#"["SOFTWARE_TOKEN_MFA"]"#.to_string()
                ),
                ("N".to_string(), "3".to_string()),
                ("USER_ID_FOR_SRP".to_string(), "u".to_string()),
            ])
        );
        assert!(r.tokens.is_none());
    }

    #[test]
    fn tokens_are_read_and_an_access_token_is_required() {
        let r = read(
            200,
            r#"{"AuthenticationResult": {"AccessToken": "a", "IdToken": "i",
                "RefreshToken": "r", "ExpiresIn": 3600, "TokenType": "Bearer"},
                "ChallengeParameters": {}}"#,
        )
        .unwrap();
        let t = r.tokens.unwrap();
        assert_eq!(t.access_token.expose(), "a");
        assert_eq!(t.id_token.unwrap().expose(), "i");
        assert_eq!(t.refresh_token.unwrap().expose(), "r");
        assert_eq!(t.expires_in, 3600);
        assert!(read(200, r#"{"AuthenticationResult": {"IdToken": "i"}}"#).is_none());
    }

    #[test]
    fn only_a_200_json_object_is_taken() {
        assert!(read(400, r#"{"ChallengeName": "MFA_SETUP"}"#).is_none());
        assert!(read(500, r#"{"ChallengeName": "MFA_SETUP"}"#).is_none());
        assert!(read(200, "<html>").is_none());
        assert!(read(200, r#"["MFA_SETUP"]"#).is_none());
        assert!(read(200, r#"{"ChallengeParameters": "x"}"#).is_none());
    }

    use proptest::prelude::*;

    proptest! {
        /// Whatever bytes a 200 reply carries, the lenient reading answers or declines;
        /// it never panics, and what it keeps came from the body.
        #[test]
        fn the_lenient_reading_never_panics(
            status in prop_oneof![Just(200u16), 0u16..600],
            body in prop_oneof![
                proptest::collection::vec(proptest::num::u8::ANY, 0..300),
                "[ -~]{0,200}".prop_map(|t: String| t.into_bytes()),
                ("[A-Za-z_]{1,20}", "[ -~]{0,30}", proptest::num::i64::ANY).prop_map(|(k, v, n)| {
                    serde_json::json!({
                        "ChallengeName": k, "Session": v,
                        "ChallengeParameters": { k.clone(): [v.clone(), n], "N": n, "S": { "x": v } },
                        "AuthenticationResult": { "AccessToken": n, "ExpiresIn": v },
                    })
                    .to_string()
                    .into_bytes()
                }),
            ],
        ) {
            if let Some(Reply::Auth(r)) = lenient_auth_reply("RespondToAuthChallenge", status, &body) {
                prop_assert_eq!(status, 200);
                let kept: usize = r.challenge_parameters.iter().map(|(k, v)| k.len() + v.len()).sum();
                prop_assert!(kept <= body.len());
            }
        }
    }
}
