//! Tests of the sign-in runner, driven as the app drives it (start, replies, errors, inputs,
//! SRP results) with no network: the shared helpers and fixtures are here; `sign_ins` walks
//! every flow to tokens, `failures` the errors and retries, `masking` what is shown.

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::rngs::StdRng;
use time::macros::datetime;

use super::replies::{parse_attributes, parse_list};
use super::*;
use crate::auth::flows::{FirstFactor, Flow};
use crate::auth::requests::{expose_params, shorten};
use crate::auth::totp;
use crate::auth::transcript::{cell, request_explanation, response_explanation};

mod failures;
mod masking;
mod sign_ins;

const POOL: &str = "us-east-1_AbCdEf123";
const CLIENT: &str = "4bmsrr65ah3oas5d4sd54st11k";
const CLIENT_SECRET: &str = "client-secret-XYZ-1234567890";
const PASSWORD: &str = "Tr0ub4dor&3-secret";
const SUB: &str = "8f1c2d3e-0000-4000-8000-000000000001";

#[derive(serde::Deserialize)]
struct Fixture {
    cases: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    pool_id: String,
    username: String,
    user_id_for_srp: String,
    password: String,
    a_hex: String,
    salt_hex: String,
    srp_b_hex: String,
    secret_block_b64: String,
    timestamp: String,
    expected: Expected,
}

#[derive(serde::Deserialize)]
struct Expected {
    srp_a_hex: String,
    signature_b64: String,
}

fn srp_case() -> Case {
    let f: Fixture = serde_json::from_str(include_str!(
        "../../../../tests/fixtures/srp/pycognito.json"
    ))
    .unwrap();
    f.cases.into_iter().next().unwrap()
}

fn config(flow: Flow) -> FlowConfig {
    FlowConfig::new(POOL, CLIENT, "alice", flow)
}

fn with_password() -> Inputs {
    Inputs {
        password: Some(Secret::new(PASSWORD)),
        ..Inputs::default()
    }
}

fn sent(step: Step) -> AuthRequest {
    match step {
        Step::Send(r) => r,
        other => panic!("expected Send, got {other:?}"),
    }
}

fn prompt(step: Step) -> Prompt {
    match step {
        Step::NeedInput(p) => p,
        other => panic!("expected NeedInput, got {other:?}"),
    }
}

fn work(step: Step) -> SrpWork {
    match step {
        Step::Compute(w) => w,
        other => panic!("expected Compute, got {other:?}"),
    }
}

fn failed(step: Step) -> FlowError {
    match step {
        Step::Failed(e) => e,
        other => panic!("expected Failed, got {other:?}"),
    }
}

fn done(step: Step) -> Tokens {
    match step {
        Step::Done(t) => t,
        other => panic!("expected Done, got {other:?}"),
    }
}

/// The parameters as they would go on the wire.
fn params(req: &AuthRequest) -> BTreeMap<String, String> {
    let p = match req {
        AuthRequest::InitiateAuth { params, .. }
        | AuthRequest::AdminInitiateAuth { params, .. } => params,
        AuthRequest::RespondToAuthChallenge { responses, .. }
        | AuthRequest::AdminRespondToAuthChallenge { responses, .. } => responses,
        other => panic!("no parameters in {other:?}"),
    };
    expose_params(p).into_iter().collect()
}

fn session(req: &AuthRequest) -> Option<String> {
    match req {
        AuthRequest::RespondToAuthChallenge { session, .. }
        | AuthRequest::AdminRespondToAuthChallenge { session, .. } => {
            session.as_ref().map(|s| s.expose().to_owned())
        }
        AuthRequest::AssociateSoftwareToken { session }
        | AuthRequest::VerifySoftwareToken { session, .. } => Some(session.expose().to_owned()),
        _ => None,
    }
}

fn challenge_name(req: &AuthRequest) -> &str {
    match req {
        AuthRequest::RespondToAuthChallenge { challenge_name, .. }
        | AuthRequest::AdminRespondToAuthChallenge { challenge_name, .. } => challenge_name,
        other => panic!("not a challenge answer: {other:?}"),
    }
}

fn auth_flow(req: &AuthRequest) -> &'static str {
    match req {
        AuthRequest::InitiateAuth { auth_flow, .. }
        | AuthRequest::AdminInitiateAuth { auth_flow, .. } => auth_flow,
        other => panic!("not an initiate: {other:?}"),
    }
}

fn challenge(name: &str, params: &[(&str, &str)], session: Option<&str>) -> Reply {
    Reply::Auth(AuthResponse {
        challenge_name: Some(name.to_owned()),
        challenge_parameters: params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        session: session.map(Secret::from),
        ..AuthResponse::default()
    })
}

const ID_TOKEN: &str = "eyJraWQiOiJpZC10b2tlbi12YWx1ZSJ9.id-payload.id-signature";
const ACCESS_TOKEN: &str = "eyJraWQiOiJhY2Nlc3MifQ.access-payload.access-signature";
const REFRESH_TOKEN: &str = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh-token-value";

fn tokens(refresh: bool) -> Reply {
    Reply::Auth(AuthResponse {
        tokens: Some(Tokens {
            id_token: Some(Secret::new(ID_TOKEN)),
            access_token: Secret::new(ACCESS_TOKEN),
            refresh_token: refresh.then(|| Secret::new(REFRESH_TOKEN)),
            expires_in: 3600,
            token_type: "Bearer".to_owned(),
        }),
        ..AuthResponse::default()
    })
}

fn srp_client(a_hex: &str) -> SrpDone {
    SrpDone(SrpOutcome::Client(SrpClient::with_secret_a(a_hex).unwrap()))
}

fn verifier_params(case: &Case, username: &str, user_id: &str) -> Vec<(String, String)> {
    vec![
        ("USERNAME".into(), username.into()),
        ("USER_ID_FOR_SRP".into(), user_id.into()),
        ("SRP_B".into(), case.srp_b_hex.clone()),
        ("SALT".into(), case.salt_hex.clone()),
        ("SECRET_BLOCK".into(), case.secret_block_b64.clone()),
    ]
}

fn reply_of(name: &str, params: &[(String, String)], session: Option<&str>) -> Reply {
    let refs: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    challenge(name, &refs, session)
}

fn hash(username: &str) -> String {
    secret_hash(username, CLIENT, CLIENT_SECRET)
}

fn params_of(req: &AuthRequest) -> BTreeMap<String, String> {
    params(req)
}

/// The random number generator handed to SRP work: seeded, so runs repeat (a password claim
/// does not use it; a new SRP client does).
fn rng() -> StdRng {
    StdRng::seed_from_u64(7)
}

const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
