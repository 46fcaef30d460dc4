//! The reads a sign-in's pre-flight and diagnosis rest on, and the auth events of threat
//! protection: [`SignInFacts`] from DescribeUserPool, DescribeUserPoolClient and AdminGetUser
//! (each may fail on its own: the failure becomes the reason it is unknown),
//! AdminListUserAuthEvents, and AdminUpdateAuthEventFeedback (a write). Called from the
//! `AuthApi` implementation in `signin`.

use aws_sdk_cognitoidentityprovider::types as t;

use super::client::SdkCognito;
use super::convert::{app_client, described_pool, page_token, pool_detail, secs, user_detail};
use super::error::Result;
use super::pace::Family;
use crate::auth::diagnose::{AuthEvent, ChallengeResult, Fact, PoolFacts, SignInFacts};
use crate::domain::{CognitoError, Page};

fn reason(operation: &str, e: &CognitoError) -> String {
    format!("{operation} failed: {}", e.headline())
}

fn pool_facts(p: &t::UserPoolType) -> PoolFacts {
    PoolFacts {
        detail: pool_detail(p),
        advanced_security: p
            .user_pool_add_ons()
            .map(|a| a.advanced_security_mode().as_str().to_owned()),
        first_factors: p.policies().and_then(|p| p.sign_in_policy()).map(|s| {
            s.allowed_first_auth_factors()
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect()
        }),
    }
}

impl SdkCognito {
    /// What can be read about a sign-in of `username` (None: not looked up) with this pool
    /// and client.
    pub(super) async fn read_sign_in_facts(
        &self,
        pool_id: &str,
        client_id: &str,
        username: Option<&str>,
    ) -> SignInFacts {
        let pool = async {
            let out = self
                .read(Family::ResourceRead, "DescribeUserPool", |c| {
                    c.describe_user_pool().user_pool_id(pool_id).send()
                })
                .await;
            match out.and_then(|o| described_pool(&o).map(pool_facts)) {
                Ok(p) => Fact::Known(p),
                Err(e) => Fact::Unknown(reason("DescribeUserPool", &e)),
            }
        };
        let client = async {
            match self.describe_client_raw(pool_id, client_id).await {
                Ok(c) => Fact::Known(app_client(&c)),
                Err(e) => Fact::Unknown(reason("DescribeUserPoolClient", &e)),
            }
        };
        let user = async {
            let Some(name) = username.filter(|n| !n.trim().is_empty()) else {
                return Fact::Unknown("no username to look up".to_owned());
            };
            let out = self
                .read(Family::UserRead, "AdminGetUser", |c| {
                    c.admin_get_user()
                        .user_pool_id(pool_id)
                        .username(name)
                        .send()
                })
                .await;
            match out {
                Ok(o) => Fact::Known(Some(user_detail(&o))),
                Err(e) if e.code.as_deref() == Some("UserNotFoundException") => Fact::Known(None),
                Err(e) => Fact::Unknown(reason("AdminGetUser", &e)),
            }
        };
        let (pool, client, user) = tokio::join!(pool, client, user);
        SignInFacts { pool, client, user }
    }

    /// One page (up to 60) of a user's auth events, newest first.
    pub(super) async fn list_auth_events(
        &self,
        pool_id: &str,
        username: &str,
        next_token: Option<String>,
    ) -> Result<Page<AuthEvent>> {
        let out = self
            .read(Family::UserRead, "AdminListUserAuthEvents", |c| {
                c.admin_list_user_auth_events()
                    .user_pool_id(pool_id)
                    .username(username)
                    .max_results(60)
                    .set_next_token(next_token)
                    .send()
            })
            .await?;
        Ok(Page {
            items: out.auth_events().iter().map(auth_event).collect(),
            next_token: page_token(out.next_token()),
        })
    }

    /// AdminUpdateAuthEventFeedback: `value` is `Valid` or `Invalid`. A write.
    pub(super) async fn auth_event_feedback(
        &self,
        pool_id: &str,
        username: &str,
        event_id: &str,
        value: &str,
    ) -> Result<()> {
        let feedback = t::FeedbackValueType::from(value);
        self.write("AdminUpdateAuthEventFeedback", |c| {
            c.admin_update_auth_event_feedback()
                .user_pool_id(pool_id)
                .username(username)
                .event_id(event_id)
                .feedback_value(feedback)
                .send()
        })
        .await
        .map(|_| ())
    }
}

fn auth_event(e: &t::AuthEventType) -> AuthEvent {
    let risk = e.event_risk();
    AuthEvent {
        id: e.event_id().unwrap_or_default().to_owned(),
        event_type: e
            .event_type()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default(),
        created: secs(e.creation_date()),
        response: e.event_response().map(|r| r.as_str().to_owned()),
        risk_level: risk
            .and_then(|r| r.risk_level())
            .map(|l| l.as_str().to_owned()),
        risk_decision: risk
            .and_then(|r| r.risk_decision())
            .map(|d| d.as_str().to_owned()),
        compromised_credentials: risk.and_then(|r| r.compromised_credentials_detected()),
        challenges: e
            .challenge_responses()
            .iter()
            .map(|c| ChallengeResult {
                name: c
                    .challenge_name()
                    .map(|n| n.as_str().to_owned())
                    .unwrap_or_default(),
                response: c
                    .challenge_response()
                    .map(|r| r.as_str().to_owned())
                    .unwrap_or_default(),
            })
            .collect(),
        ip_address: e
            .event_context_data()
            .and_then(|c| c.ip_address())
            .map(str::to_owned),
        feedback: e
            .event_feedback()
            .map(|f| f.feedback_value().as_str().to_owned()),
    }
}
