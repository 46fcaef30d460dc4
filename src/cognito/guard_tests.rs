//! Tests of the read-only guard: the operations the gateway calls, read from its source, are
//! each a read or refused; the guarded clients refuse before anything reaches the network.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use cip::config::{Credentials, Region};
use cip::types::ChallengeNameType;

use super::*;
use crate::cognito::error::classify;
use crate::cognito::operations::{IAM, IDENTITY, LAMBDA, STS};
use crate::domain::{CognitoError, ErrorKind};

/// The gateway's source files (not this guard's tests), each cut at its `#[cfg(test)]`, with
/// every whitespace removed so a call chain split over lines reads as one.
fn gateway_sources() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cognito");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/cognito") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".rs") || name.ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read source");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let code: String = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace())
            .collect();
        out.push((name, code));
    }
    assert!(out.len() >= 8, "the gateway's files: {out:?}");
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The `SdkCognito` methods that hand a closure the Cognito client (`read`, `call`, ...),
/// read from `client.rs`: every `fn` with an `impl FnOnce(&'a cip::Client)` parameter.
fn call_paths() -> Vec<String> {
    let (_, code) = gateway_sources()
        .into_iter()
        .find(|(f, _)| f == "client.rs")
        .expect("client.rs");
    let mut paths = Vec::new();
    for (at, _) in code.match_indices("implFnOnce(&'acip::Client)") {
        let def = code[..at].rfind("fn").expect("a fn");
        paths.push(ident_at(&code[def + 2..]).to_owned());
    }
    assert!(paths.len() >= 3, "{paths:?}");
    paths
}

/// Every SDK operation the gateway's source calls: `(service, snake_case name)`, read from
/// the ways the gateway reaches a client: a closure given the client (`|c| c.list_users()`),
/// the writer's accessors (`w.cognito().admin_create_user()`, `lambda()`, `iam()`), and the
/// macros whose closure calls `c.$call()` (the operation named in each invocation).
fn called_operations() -> BTreeSet<(&'static str, String)> {
    called_operations_and_sites().0
}

/// [`called_operations`], and the number of places in the source that start a call (each
/// ends in one `.send()`).
fn called_operations_and_sites() -> (BTreeSet<(&'static str, String)>, usize) {
    let mut ops = BTreeSet::new();
    let mut sites = 0;
    let mut macro_calls = Vec::new();
    for (file, code) in gateway_sources() {
        for (accessor, service) in [
            ("cognito().", COGNITO),
            ("lambda().", LAMBDA),
            ("iam().", IAM),
            (".identity().", IDENTITY),
            (".sts().", STS),
        ] {
            for (at, _) in code.match_indices(accessor) {
                let name = ident_at(&code[at + accessor.len()..]);
                ops.insert((service, name.to_owned()));
                sites += 1;
            }
        }
        // Closures handed the client by the gateway's call paths: `.call("Op", |c| c.op()…)`.
        for path in call_paths() {
            for (at, _) in code.match_indices(&format!(".{path}(")) {
                let args = &code[at + path.len() + 2..];
                // The first `|` inside this call's parentheses, if any.
                let mut depth = 1;
                let Some(pipe) = args
                    .char_indices()
                    .find_map(|(i, ch)| {
                        match ch {
                            '(' => depth += 1,
                            ')' => depth -= 1,
                            '|' if depth == 1 => return Some(Some(i)),
                            _ => {}
                        }
                        (depth == 0).then_some(None)
                    })
                    .flatten()
                else {
                    continue; // the definition, or a call given no closure
                };
                let param = ident_at(&args[pipe + 1..]);
                let rest = &args[pipe + 1 + param.len()..];
                let body = rest.strip_prefix('|').unwrap_or_else(|| {
                    panic!("{file}: the scan cannot read the closure of .{path}(")
                });
                let body = body.strip_prefix('{').unwrap_or(body);
                // `let mut req = c.operation()…`
                let body = match body.strip_prefix("let") {
                    Some(b) => &b[b.find('=').expect("let … =") + 1..],
                    None => body,
                };
                let call = body.strip_prefix(&format!("{param}.")).unwrap_or_else(|| {
                    panic!(
                        "{file}: the closure of .{path}( does not start with `{param}.operation()`"
                    )
                });
                let name = ident_at(call);
                sites += 1;
                if let Some(var) = name.strip_prefix('$') {
                    // Inside a macro: the operation is an argument of each invocation.
                    let start = code[..at]
                        .rfind("macro_rules!")
                        .unwrap_or_else(|| panic!("{file}: `{param}.${var}()` outside a macro"));
                    macro_calls.push(ident_at(&code[start + "macro_rules!".len()..]).to_owned());
                } else {
                    ops.insert((COGNITO, name.to_owned()));
                }
            }
        }
    }
    for mac in macro_calls {
        let mut seen = 0;
        for (_, code) in gateway_sources() {
            for (at, _) in code.match_indices(&format!("{mac}!(")) {
                let args = &code[at + mac.len() + 2..];
                let after_first = &args[args.find(',').expect("macro arguments") + 1..];
                let name = ident_at(after_first);
                assert!(
                    after_first[name.len()..].starts_with('('),
                    "{mac}!: the scan expects `{mac}!(api, operation(...))`"
                );
                ops.insert((COGNITO, name.to_owned()));
                seen += 1;
            }
        }
        assert!(seen > 0, "macro {mac} is never invoked");
    }
    (ops, sites)
}

/// The operation name the SDK gives a snake_case client method, when [`READS`] has it.
fn read_named(service: &str, snake: &str) -> Option<&'static str> {
    let plain: String = snake.chars().filter(|c| *c != '_').collect();
    READS
        .iter()
        .find(|(s, op)| *s == service && op.eq_ignore_ascii_case(&plain))
        .map(|(_, op)| *op)
}

fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn every_operation_the_gateway_calls_is_a_read_or_refused() {
    let ops = called_operations();
    // The scan must see the gateway: its reads, its writes, the sign-in calls, Lambda and IAM.
    for expected in [
        (COGNITO, "list_user_pools"),
        (COGNITO, "admin_create_user"),
        (COGNITO, "admin_delete_user"),
        (COGNITO, "update_user_pool"),
        (COGNITO, "respond_to_auth_challenge"),
        (COGNITO, "global_sign_out"),
        (COGNITO, "revoke_token"),
        (LAMBDA, "create_function"),
        (IAM, "create_role"),
        (IDENTITY, "get_id"),
        (IDENTITY, "get_credentials_for_identity"),
        (STS, "get_caller_identity"),
    ] {
        assert!(
            ops.contains(&(expected.0, expected.1.to_owned())),
            "the scan missed {expected:?}: {ops:?}"
        );
    }
    assert!(ops.len() >= 45, "{} operations found: {ops:?}", ops.len());
    let mut allowed = Vec::new();
    for (service, snake) in &ops {
        match read_named(service, snake) {
            Some(op) => {
                assert_eq!(verdict(service, op, &Input::erase(())), Ok(()), "{op}");
                allowed.push(op);
            }
            None => {
                let op = pascal(snake);
                let refused = verdict(service, &op, &Input::erase(()));
                assert!(
                    refused
                        .as_ref()
                        .is_err_and(|s| s.starts_with("read-only: ")),
                    "{service} {op} is called by the gateway, is not a read, and is not refused: {refused:?}"
                );
            }
        }
    }
    assert!(allowed.len() >= 12, "{allowed:?}");
}

#[test]
fn the_scan_sees_every_request_the_gateway_sends() {
    let (_, sites) = called_operations_and_sites();
    let (mut sends, mut http) = (0, 0);
    for (_, code) in gateway_sources() {
        sends += code.matches(".send()").count();
        http += code.matches("reqwest::Client::builder()").count();
    }
    assert_eq!(
        sends,
        sites + http,
        "a request is sent that the scan does not see (a client reached another way?): \
         teach called_operations that way"
    );
}

#[test]
fn every_allowed_operation_only_reads() {
    for (service, op) in READS {
        let read = ["Describe", "List", "Get", "AdminGet", "AdminList"]
            .iter()
            .any(|p| op.starts_with(p))
            // Sign-in calls that hand out tokens or credentials and change nothing.
            || ["InitiateAuth", "AdminInitiateAuth", "AssumeRoleWithWebIdentity"].contains(op);
        assert!(read, "{service} {op} does not look like a read");
        assert!(
            !["GetUserAttributeVerificationCode"].contains(op),
            "{op} sends a code"
        );
    }
    for name in HARMLESS_CHALLENGES {
        assert!(
            !["NEW_PASSWORD_REQUIRED", "MFA_SETUP"].contains(name),
            "{name} changes the user"
        );
    }
}

#[test]
fn only_the_guard_builds_a_client_and_the_only_other_http_is_a_get() {
    for (file, code) in gateway_sources() {
        if file != "guard.rs" {
            for builder in ["Client::new(", "Client::from_conf(", "config::Builder"] {
                assert!(
                    !code.contains(builder),
                    "{file} builds an SDK client ({builder}) that would not carry the read-only guard"
                );
            }
        }
        for verb in [".post(", ".put(", ".patch(", ".delete(", ".request("] {
            // The one POST outside the SDK: the managed-login token endpoint, which hands
            // out tokens and changes nothing (revoking goes through the SDK's RevokeToken).
            if file == "hosted.rs" && verb == ".post(" {
                assert_eq!(code.matches(verb).count(), 1, "{file}: one token POST");
                assert!(code.contains("Request::Token(form)"), "{file}");
                continue;
            }
            assert!(
                !code.contains(verb),
                "{file}: an HTTP {verb} outside the SDK"
            );
        }
    }
}

fn respond(name: ChallengeNameType) -> Input {
    Input::erase(
        RespondToAuthChallengeInput::builder()
            .client_id("c")
            .challenge_name(name)
            .challenge_responses("USERNAME", "emma")
            .build()
            .unwrap(),
    )
}

#[test]
fn challenge_answers_are_allowed_only_when_they_change_nothing() {
    let op = "RespondToAuthChallenge";
    for name in HARMLESS_CHALLENGES {
        assert_eq!(
            verdict(COGNITO, op, &respond(ChallengeNameType::from(*name))),
            Ok(())
        );
    }
    assert_eq!(
        verdict(
            COGNITO,
            op,
            &respond(ChallengeNameType::NewPasswordRequired)
        ),
        Err("read-only: answering NEW_PASSWORD_REQUIRED would set emma's password".into())
    );
    assert_eq!(
        verdict(COGNITO, op, &respond(ChallengeNameType::MfaSetup)),
        Err(
            "read-only: answering MFA_SETUP would register an authenticator app as emma's MFA"
                .into()
        )
    );
    assert!(
        verdict(
            COGNITO,
            op,
            &respond(ChallengeNameType::from("SOMETHING_NEW"))
        )
        .is_err()
    );
    // An input the guard cannot read is refused, not let through.
    assert!(verdict(COGNITO, op, &Input::erase(())).is_err());
    assert!(verdict(COGNITO, "AdminRespondToAuthChallenge", &Input::erase(())).is_err());
    // The same name of another service is not a Cognito read.
    assert!(verdict(LAMBDA, "ListUsers", &Input::erase(())).is_err());
}

/// A loopback listener that counts the connections made to it (and drops each).
async fn counting_listener() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            seen.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (url, count)
}

async fn guarded(endpoint: &str) -> (cip::Client, lambda::Client, iam::Client) {
    let c = clients(&guarded_conf(endpoint).await, true);
    (c.cognito, c.lambda, c.iam)
}

async fn guarded_conf(endpoint: &str) -> aws_config::SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("test", "test", None, None, "test"))
        .retry_config(RetryConfig::standard().with_max_attempts(1))
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(Duration::from_secs(5))
                .build(),
        )
        .load()
        .await
}

fn refused<O, E: super::super::error::ServiceError>(
    op: &str,
    r: super::super::error::SdkResult<O, E>,
) -> CognitoError {
    let e = classify(op, r.err().unwrap_or_else(|| panic!("{op} got an answer")));
    assert_eq!(e.kind, ErrorKind::ReadOnly, "{op}: {e:?}");
    assert!(e.message.starts_with("read-only: "), "{op}: {}", e.message);
    e
}

#[tokio::test]
async fn guarded_clients_refuse_before_anything_is_sent() {
    let (url, connections) = counting_listener().await;
    let (c, l, i) = guarded(&url).await;
    let e = refused(
        "RespondToAuthChallenge",
        c.respond_to_auth_challenge()
            .client_id("c")
            .challenge_name(ChallengeNameType::NewPasswordRequired)
            .challenge_responses("USERNAME", "emma")
            .challenge_responses("NEW_PASSWORD", "Whatever1!")
            .send()
            .await,
    );
    assert_eq!(
        e.message,
        "read-only: answering NEW_PASSWORD_REQUIRED would set emma's password"
    );
    refused(
        "AdminRespondToAuthChallenge",
        c.admin_respond_to_auth_challenge()
            .user_pool_id("p")
            .client_id("c")
            .challenge_name(ChallengeNameType::MfaSetup)
            .send()
            .await,
    );
    refused(
        "AssociateSoftwareToken",
        c.associate_software_token().session("s").send().await,
    );
    refused(
        "VerifySoftwareToken",
        c.verify_software_token()
            .session("s")
            .user_code("123456")
            .send()
            .await,
    );
    refused(
        "GlobalSignOut",
        c.global_sign_out().access_token("a").send().await,
    );
    refused(
        "RevokeToken",
        c.revoke_token().client_id("c").token("r").send().await,
    );
    refused(
        "SetUserMFAPreference",
        c.set_user_mfa_preference().access_token("a").send().await,
    );
    refused(
        "ForgetDevice",
        c.forget_device().device_key("d").send().await,
    );
    refused(
        "ConfirmSignUp",
        c.confirm_sign_up()
            .client_id("c")
            .username("u")
            .confirmation_code("1")
            .send()
            .await,
    );
    refused(
        "AdminCreateUser",
        c.admin_create_user()
            .user_pool_id("p")
            .username("u")
            .send()
            .await,
    );
    // Operations the gateway does not call today are refused too: deny by default.
    let e = refused(
        "DeleteUserPool",
        c.delete_user_pool().user_pool_id("p").send().await,
    );
    assert_eq!(
        e.message,
        "read-only: DeleteUserPool is not a read, so it is not sent"
    );
    refused(
        "DeleteFunction",
        l.delete_function().function_name("f").send().await,
    );
    refused("DeleteRole", i.delete_role().role_name("r").send().await);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(connections.load(Ordering::SeqCst), 0, "nothing was sent");

    // Reads and harmless answers do go out (and fail here, at the listener that hangs up).
    let e = classify(
        "ListUserPools",
        c.list_user_pools().max_results(1).send().await.unwrap_err(),
    );
    assert_ne!(e.kind, ErrorKind::ReadOnly, "{e:?}");
    let e = classify(
        "RespondToAuthChallenge",
        c.respond_to_auth_challenge()
            .client_id("c")
            .challenge_name(ChallengeNameType::SoftwareTokenMfa)
            .send()
            .await
            .unwrap_err(),
    );
    assert_ne!(e.kind, ErrorKind::ReadOnly, "{e:?}");
    assert!(connections.load(Ordering::SeqCst) >= 2, "reads are sent");
}

#[tokio::test]
async fn identity_pool_writes_are_refused_and_the_exchange_goes_out() {
    let (url, connections) = counting_listener().await;
    let c = clients(&guarded_conf(&url).await, true);
    let e = refused(
        "SetIdentityPoolRoles",
        c.identity
            .set_identity_pool_roles()
            .identity_pool_id("us-east-1:x")
            .send()
            .await,
    );
    assert_eq!(
        e.message,
        "read-only: SetIdentityPoolRoles is not a read, so it is not sent"
    );
    refused(
        "DeleteIdentityPool",
        c.identity
            .delete_identity_pool()
            .identity_pool_id("us-east-1:x")
            .send()
            .await,
    );
    refused(
        "AssumeRole",
        c.sts
            .assume_role()
            .role_arn("r")
            .role_session_name("s")
            .send()
            .await,
    );
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(connections.load(Ordering::SeqCst), 0, "nothing was sent");
    let e = classify(
        "GetId",
        c.identity
            .get_id()
            .identity_pool_id("us-east-1:x")
            .send()
            .await
            .unwrap_err(),
    );
    assert_ne!(e.kind, ErrorKind::ReadOnly, "{e:?}");
    assert!(connections.load(Ordering::SeqCst) >= 1, "GetId is sent");
}
