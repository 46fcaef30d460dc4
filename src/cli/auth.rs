//! The headless sign-in behind `cognito-tui auth`: drives the auth-flow [`Runner`] against the
//! gateway ([`AuthApi`]), asks an [`Answers`] source for whatever the flow needs, writes the
//! step timeline (masked requests, replies, errors) to a progress writer, and turns the tokens
//! into the JSON printed on stdout. SRP work runs on tokio's blocking pool.
//!
//! It must never write a secret to the progress writer: requests are shown through
//! [`crate::auth::AuthRequest::masked`], replies through the runner's masked transcript, errors through
//! [`FlowError`] (whose Cognito message the runner has already scrubbed). The one exception,
//! the TOTP secret of an `MFA_SETUP`, is shown by the [`Terminal`] source only, and only when
//! stderr is a terminal.
//!
//! The input source is a trait so tests drive a sign-in without a terminal: a closure over the
//! [`Prompt`], or [`Lines`] (one answer per line, like piped stdin).

use std::collections::{BTreeMap, VecDeque};
use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use serde_json::{Value, json};
use time::OffsetDateTime;

use super::start::{connect, fail};
use crate::auth::diagnose::SignInFacts;
use crate::auth::{
    ErrorKind, Flow, FlowConfig, FlowError, Input, Inputs, Prompt, Reply, Retry, Runner, Step,
    Tokens,
};
use crate::cognito::{AuthApi, ConnectOptions, SdkCognito};
use crate::domain::jwt::{self, Expected, TokenUse, Verdict};
use crate::domain::secret::Secret;
use crate::domain::untrusted::printable;

/// Where the answers to the runner's prompts come from.
pub trait Answers: Send {
    /// The answer to `prompt`, or `None` when there is no more input.
    fn answer(&mut self, prompt: &Prompt) -> io::Result<Option<Input>>;
}

impl<F> Answers for F
where
    F: FnMut(&Prompt) -> Option<Input> + Send,
{
    fn answer(&mut self, prompt: &Prompt) -> io::Result<Option<Input>> {
        Ok(self(prompt))
    }
}

/// Builds the [`Input`] for `prompt` from lines: `next_line(question, hidden)` gives the next
/// line (without its line end) or `None` at the end of the input.
///
/// One line per answer, except `NEW_PASSWORD_REQUIRED`: the new password, then one line per
/// required attribute in the order the prompt lists them. A menu (`SELECT_*`) takes the
/// option's name or its number (from 1).
pub fn input_from_lines(
    prompt: &Prompt,
    mut next_line: impl FnMut(&str, bool) -> io::Result<Option<String>>,
) -> io::Result<Option<Input>> {
    let question = prompt.question();
    let hidden = prompt.hide_input();
    let Some(first) = next_line(&question, hidden)? else {
        return Ok(None);
    };
    Ok(Some(match prompt {
        Prompt::Password { .. } => Input::Password(Secret::new(first)),
        Prompt::RefreshToken => Input::RefreshToken(Secret::new(first.trim())),
        Prompt::ClientSecret { .. } => Input::ClientSecret(Secret::new(first.trim())),
        Prompt::Code { .. } | Prompt::MfaSetup { .. } => Input::Code(Secret::new(first.trim())),
        Prompt::CustomChallenge { .. } => Input::Answer(Secret::new(first)),
        Prompt::Choose { options, .. } => {
            let picked = first.trim();
            let by_number = picked
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| options.get(i));
            Input::Choice(by_number.map_or_else(|| picked.to_owned(), |c| c.value.clone()))
        }
        Prompt::NewPassword {
            required_attributes,
            ..
        } => {
            let mut attributes = BTreeMap::new();
            for name in required_attributes {
                let Some(value) = next_line(&format!("Value for {name}"), false)? else {
                    return Ok(None);
                };
                attributes.insert(name.clone(), value.trim().to_owned());
            }
            Input::NewPassword {
                password: Secret::new(first),
                attributes,
            }
        }
    }))
}

/// Answers from a fixed list of lines, like piped stdin (for tests and scripts).
#[derive(Debug, Default)]
pub struct Lines(VecDeque<String>);

impl Lines {
    /// The lines, first answer first.
    pub fn new<I, S>(lines: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self(lines.into_iter().map(Into::into).collect())
    }
}

impl Answers for Lines {
    fn answer(&mut self, prompt: &Prompt) -> io::Result<Option<Input>> {
        input_from_lines(prompt, |_, _| Ok(self.0.pop_front()))
    }
}

/// The process's terminal: when stdin is a terminal, hidden prompts are read without echo
/// (`rpassword`) and the others as lines; otherwise every answer is the next line of stdin.
/// Questions go to stderr.
#[derive(Debug, Default)]
pub struct Terminal;

impl Terminal {
    fn read_line(question: &str, hidden: bool) -> io::Result<Option<String>> {
        let question = &printable(question);
        if hidden && io::stdin().is_terminal() {
            return rpassword::prompt_password(format!("{question}: ")).map(Some);
        }
        let mut err = io::stderr();
        write!(err, "{question}: ")?;
        if !io::stdin().is_terminal() {
            writeln!(err)?;
        }
        err.flush()?;
        let mut line = String::new();
        if io::stdin().lock().read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_owned()))
    }
}

impl Answers for Terminal {
    fn answer(&mut self, prompt: &Prompt) -> io::Result<Option<Input>> {
        let mut err = io::stderr();
        match prompt {
            Prompt::Choose { options, .. } => {
                for (i, o) in options.iter().enumerate() {
                    let (value, label) = (printable(&o.value), printable(&o.label));
                    writeln!(err, "  {}. {value} — {label}", i + 1)?;
                }
            }
            Prompt::CustomChallenge { parameters } => {
                for (k, v) in parameters {
                    writeln!(err, "  {}: {}", printable(k), printable(v))?;
                }
            }
            Prompt::MfaSetup {
                secret_code,
                otpauth_uri,
                ..
            } => {
                if err.is_terminal() {
                    writeln!(err, "  secret: {}", printable(secret_code.expose()))?;
                    writeln!(err, "  URI:    {}", printable(otpauth_uri.expose()))?;
                } else {
                    writeln!(
                        err,
                        "  (the TOTP secret is shown only when stderr is a terminal)"
                    )?;
                }
            }
            _ => {}
        }
        input_from_lines(prompt, Self::read_line)
    }
}

/// How [`drive`] behaves on failures.
#[derive(Debug, Clone, Copy)]
pub struct DriveOptions {
    /// Failed steps tolerated in one sign-in (each retried while the runner allows it and the
    /// input source has answers); the next one ends the sign-in.
    pub max_failures: u32,
}

impl Default for DriveOptions {
    fn default() -> Self {
        Self { max_failures: 3 }
    }
}

/// Runs a sign-in to the end: `Ok(tokens)`, or the last error. `runner` must be new (or
/// finished); its transcript stays available afterwards.
pub async fn drive(
    api: &dyn AuthApi,
    runner: &mut Runner,
    inputs: Inputs,
    answers: &mut dyn Answers,
    progress: &mut (dyn Write + Send),
    options: DriveOptions,
) -> Result<Tokens, FlowError> {
    drive_explained(api, runner, inputs, answers, progress, options, None).await
}

/// [`drive`], and with `facts` (`--explain`) the diagnosis of every failed step after it.
pub async fn drive_explained(
    api: &dyn AuthApi,
    runner: &mut Runner,
    inputs: Inputs,
    answers: &mut dyn Answers,
    progress: &mut (dyn Write + Send),
    options: DriveOptions,
    facts: Option<&SignInFacts>,
) -> Result<Tokens, FlowError> {
    let mut failures = 0u32;
    let mut last_error: Option<FlowError> = None;
    let mut step = runner.start(inputs);
    loop {
        step = match step {
            Step::Send(request) => {
                let _ = writeln!(progress, "→ {}", request.masked());
                let started = Instant::now();
                match api.send_auth(&request).await {
                    Ok(reply) => {
                        let next = runner.on_response(reply.clone());
                        let _ = writeln!(
                            progress,
                            "← {} ({} ms)",
                            printable(&reply_summary(runner, &reply)),
                            started.elapsed().as_millis()
                        );
                        next
                    }
                    Err(e) => {
                        let code = e.code.clone().unwrap_or_else(|| match e.kind {
                            crate::domain::ErrorKind::Timeout => "Timeout".to_owned(),
                            crate::domain::ErrorKind::Network => "NetworkError".to_owned(),
                            _ => "Error".to_owned(),
                        });
                        runner.on_error(&code, &e.message)
                    }
                }
            }
            Step::Compute(work) => {
                let what = work.describe();
                let started = Instant::now();
                let run = move || work.run(OffsetDateTime::now_utc(), &mut rand::rngs::OsRng);
                let done = tokio::task::spawn_blocking(run).await.map_err(|e| {
                    flow_error(
                        ErrorKind::Misuse,
                        "SRP",
                        format!("the SRP computation failed: {e}"),
                    )
                })?;
                let _ = writeln!(progress, "· {what} ({} ms)", started.elapsed().as_millis());
                runner.srp_done(done)
            }
            Step::NeedInput(prompt) => {
                let answer = answers.answer(&prompt).map_err(|e| {
                    flow_error(
                        ErrorKind::InvalidInput,
                        "input",
                        format!("cannot read the answer: {e}"),
                    )
                })?;
                match answer {
                    Some(input) => runner.provide(input),
                    None => {
                        return Err(last_error.unwrap_or_else(|| {
                            flow_error(
                                ErrorKind::InvalidInput,
                                "input",
                                format!("no input for: {}", prompt.question()),
                            )
                        }));
                    }
                }
            }
            Step::Done(tokens) => {
                let _ = writeln!(progress, "✓ signed in");
                return Ok(tokens);
            }
            Step::Failed(e) => {
                failures += 1;
                let _ = writeln!(progress, "✗ {}", describe_error(&e));
                if let Some(facts) = facts {
                    super::explain::write_diagnosis(api, progress, runner, &e, facts).await;
                }
                let again = e.retry.is_possible() && failures < options.max_failures;
                last_error = Some(e);
                if !again {
                    return Err(last_error.expect("just set"));
                }
                runner.retry()
            }
        };
    }
}

fn flow_error(kind: ErrorKind, step: &str, message: String) -> FlowError {
    FlowError {
        kind,
        step: step.to_owned(),
        message,
        code: None,
        cognito_message: None,
        retry: Retry::No,
        warning: None,
    }
}

/// One line for a failed step: where, what, and Cognito's code and (scrubbed) message, with
/// the server's control characters stripped.
pub fn describe_error(e: &FlowError) -> String {
    let mut s = format!("{}: {e}", e.step);
    match (&e.code, &e.cognito_message) {
        (Some(code), Some(m)) if !m.is_empty() && *m != e.message => {
            s.push_str(&format!(" [{code}: {m}]"))
        }
        (Some(code), _) => s.push_str(&format!(" [{code}]")),
        _ => {}
    }
    crate::domain::untrusted::printable(&s)
}

fn reply_summary(runner: &Runner, reply: &Reply) -> String {
    if let Some(summary) = runner
        .transcript()
        .last()
        .and_then(|entry| entry.response.as_ref())
    {
        let mut s = summary.kind.clone();
        for (k, v) in &summary.params {
            s.push_str(&format!(" {k}={v}"));
        }
        return s;
    }
    match reply {
        Reply::Auth(r) => r
            .challenge_name
            .clone()
            .unwrap_or_else(|| "reply".to_owned()),
        Reply::AssociateSoftwareToken(_) => "SecretCode".to_owned(),
        Reply::VerifySoftwareToken(r) => format!("Status {}", r.status),
    }
}

/// Where the client secret comes from, in this order: DescribeUserPoolClient (when the
/// caller's credentials may call it), else the environment variable `env_var`, else none (the
/// runner then asks when Cognito says one is needed). Notes go to `progress`, never the secret.
pub async fn resolve_client_secret(
    api: &dyn AuthApi,
    pool_id: &str,
    client_id: &str,
    env_var: Option<&str>,
    progress: &mut (dyn Write + Send),
) -> Option<Secret> {
    match api.client_auth_info(pool_id, client_id).await {
        Ok(info) => {
            let _ = writeln!(
                progress,
                "· app client {} ({}): {}, flows {}",
                info.id,
                info.name,
                if info.has_secret() {
                    "has a client secret (read with DescribeUserPoolClient)"
                } else {
                    "no client secret"
                },
                info.explicit_auth_flows.join(" ")
            );
            if info.has_secret() {
                return info.secret;
            }
            return None;
        }
        Err(e) => {
            let _ = writeln!(
                progress,
                "· DescribeUserPoolClient is not possible ({}): {}",
                e.code.as_deref().unwrap_or(e.kind.label()),
                e.message
            );
        }
    }
    let name = env_var?;
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => {
            let _ = writeln!(progress, "· client secret from ${name}");
            Some(Secret::new(v))
        }
        _ => {
            let _ = writeln!(progress, "· ${name} is not set");
            None
        }
    }
}

/// The JSON printed on success: `{"AuthenticationResult": {...}}` as the AWS CLI prints it,
/// plus, when `decoded` is given, `"Decoded"`: each token's header, claims and verdict.
pub fn tokens_json(tokens: &Tokens, decoded: Option<Value>) -> Value {
    let mut result = serde_json::Map::new();
    result.insert(
        "AccessToken".into(),
        json!(tokens.access_token.expose().to_owned()),
    );
    if let Some(t) = &tokens.id_token {
        result.insert("IdToken".into(), json!(t.expose().to_owned()));
    }
    if let Some(t) = &tokens.refresh_token {
        result.insert("RefreshToken".into(), json!(t.expose().to_owned()));
    }
    result.insert("ExpiresIn".into(), json!(tokens.expires_in));
    result.insert("TokenType".into(), json!(tokens.token_type));
    let mut out = serde_json::Map::new();
    out.insert("AuthenticationResult".into(), Value::Object(result));
    if let Some(d) = decoded {
        out.insert("Decoded".into(), d);
    }
    Value::Object(out)
}

/// Decodes the ID and access tokens and verifies them against the pool's JWKS (fetched once):
/// `{"IdToken": {"header", "claims", "verified", "verification"}, "AccessToken": {...}}`.
pub async fn decode_tokens(
    api: &dyn AuthApi,
    region: &str,
    pool_id: &str,
    client_id: &str,
    tokens: &Tokens,
    now: i64,
) -> Value {
    let jwks = api.fetch_jwks(pool_id).await;
    let issuer = jwt::expected_issuer(region, pool_id);
    let mut out = serde_json::Map::new();
    let pairs = [
        ("IdToken", tokens.id_token.as_ref(), TokenUse::Id),
        ("AccessToken", Some(&tokens.access_token), TokenUse::Access),
    ];
    for (name, token, token_use) in pairs {
        let Some(token) = token else { continue };
        let mut entry = serde_json::Map::new();
        match jwt::decode(token.expose()) {
            Ok(d) => {
                entry.insert("header".into(), d.header);
                entry.insert("claims".into(), d.claims);
            }
            Err(e) => {
                entry.insert("error".into(), json!(e.to_string()));
            }
        }
        let (verified, verification) = match &jwks {
            Ok(jwks) => {
                let expected = Expected {
                    issuer: &issuer,
                    token_use: Some(token_use),
                    client_id: Some(client_id),
                };
                match jwt::verify(token.expose(), jwks, &expected, now) {
                    Verdict::Verified => (
                        true,
                        format!(
                            "signature, expiry, issuer, token_use and client check out (JWKS {})",
                            api.jwks_url(pool_id)
                        ),
                    ),
                    Verdict::Invalid(why) => (false, why),
                }
            }
            Err(e) => (false, format!("not checked: {}", e.message)),
        };
        entry.insert("verified".into(), json!(verified));
        entry.insert("verification".into(), json!(verification));
        out.insert(name.into(), Value::Object(entry));
    }
    Value::Object(out)
}

/// Whether a failure happened before any sign-in call (bad configuration or no input): the
/// command line exits with 2 for these, 1 for every other sign-in failure.
pub fn failed_before_any_call(runner: &Runner, e: &FlowError) -> bool {
    runner.transcript().is_empty()
        && matches!(
            e.kind,
            ErrorKind::Config | ErrorKind::InvalidInput | ErrorKind::Unsupported
        )
}

/// The `--flow` names: Cognito's `AuthFlow` names plus `CUSTOM_AUTH_WITH_SRP`, any case.
pub fn parse_flow(name: &str, preferred: Option<&str>) -> Result<crate::auth::Flow, String> {
    use crate::auth::{FirstFactor, Flow};
    let preferred = match preferred {
        None => None,
        Some(p) => Some(FirstFactor::parse(p).ok_or_else(|| {
            format!(
                "unknown --preferred-challenge {p:?}: one of {}",
                FirstFactor::ALL.map(FirstFactor::as_str).join(", ")
            )
        })?),
    };
    let flow = match name.trim().to_ascii_uppercase().replace('-', "_").as_str() {
        "USER_SRP_AUTH" => Flow::UserSrp,
        "USER_PASSWORD_AUTH" => Flow::UserPassword,
        "ADMIN_USER_PASSWORD_AUTH" => Flow::AdminUserPassword,
        "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" => Flow::RefreshToken,
        "CUSTOM_AUTH" => Flow::CustomAuth,
        "CUSTOM_AUTH_WITH_SRP" => Flow::CustomAuthWithSrp,
        "USER_AUTH" => Flow::UserAuth { preferred },
        _ => {
            return Err(format!(
                "unknown flow {name:?}: one of USER_SRP_AUTH, USER_PASSWORD_AUTH, \
                 ADMIN_USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH, CUSTOM_AUTH, \
                 CUSTOM_AUTH_WITH_SRP, USER_AUTH, AUTHORIZATION_CODE, CLIENT_CREDENTIALS, REFRESH"
            ));
        }
    };
    if preferred.is_some() && !matches!(flow, Flow::UserAuth { .. }) {
        return Err("--preferred-challenge goes with --flow USER_AUTH only".to_owned());
    }
    Ok(flow)
}

/// The flags of `cognito-tui auth`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub pool_id: String,
    pub client_id: String,
    pub flow: String,
    pub username: Option<String>,
    pub decode: bool,
    pub client_secret_env: Option<String>,
    pub preferred_challenge: Option<String>,
    /// `--explain`: the pre-flight and the diagnosis on stderr.
    pub explain: bool,
}

/// `cognito-tui auth`: check the flow and username (exit 2), connect, sign in on the terminal
/// (or piped stdin), and print the tokens as JSON on stdout. A sign-in that fails before any
/// call is exit code 2, after one exit code 1.
pub async fn run(opts: &ConnectOptions, o: Options) -> ExitCode {
    let flow = match parse_flow(&o.flow, o.preferred_challenge.as_deref()) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    let username = o.username.unwrap_or_default();
    if username.trim().is_empty() && flow != Flow::RefreshToken {
        return fail(format!("--username is required for {}", flow.name()));
    }
    let api = match connect(opts).await {
        Ok(api) => api,
        Err(code) => return code,
    };
    let config = FlowConfig::new(o.pool_id, o.client_id, username, flow);
    sign_in(
        &api,
        config,
        o.client_secret_env.as_deref(),
        o.decode,
        o.explain,
    )
    .await
}

async fn sign_in(
    api: &SdkCognito,
    config: FlowConfig,
    client_secret_env: Option<&str>,
    decode: bool,
    explain: bool,
) -> ExitCode {
    let (pool_id, client_id) = (config.pool_id.clone(), config.client_id.clone());
    let tokens = match sign_in_tokens(api, config, client_secret_env, explain).await {
        Ok(tokens) => tokens,
        Err(code) => return code,
    };
    let decoded = if decode {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        Some(decode_tokens(api, api.region(), &pool_id, &client_id, &tokens, now).await)
    } else {
        None
    };
    match serde_json::to_string_pretty(&tokens_json(&tokens, decoded)) {
        Ok(s) => super::out::print_line(&s),
        Err(e) => fail(e),
    }
}

/// A headless sign-in as `config` says: the client secret resolved (DescribeUserPoolClient,
/// else `client_secret_env`), the flow driven with answers from the terminal or stdin, and with
/// `explain` the pre-flight and each failure's diagnosis on stderr. The tokens, or the exit
/// code of a failure already said on stderr: 2 when nothing reached Cognito, else 1.
pub async fn sign_in_tokens(
    api: &SdkCognito,
    mut config: FlowConfig,
    client_secret_env: Option<&str>,
    explain: bool,
) -> Result<Tokens, ExitCode> {
    let mut err = io::stderr();
    config.client_secret = resolve_client_secret(
        api,
        &config.pool_id,
        &config.client_id,
        client_secret_env,
        &mut err,
    )
    .await;
    let facts = if explain {
        let facts = super::explain::facts(api, &config).await;
        super::explain::write_preflight(&mut err, &config, &facts);
        Some(facts)
    } else {
        None
    };
    let mut runner = Runner::new(config);
    drive_explained(
        api,
        &mut runner,
        Inputs::default(),
        &mut Terminal,
        &mut err,
        DriveOptions::default(),
        facts.as_ref(),
    )
    .await
    .map_err(|e| {
        eprintln!("cognito-tui: sign-in failed: {}", describe_error(&e));
        ExitCode::from(if failed_before_any_call(&runner, &e) {
            2
        } else {
            1
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Choice, CodeKind, Flow, FlowConfig};

    #[test]
    fn flows_parse_in_any_case() {
        assert_eq!(parse_flow("user_srp_auth", None), Ok(Flow::UserSrp));
        assert_eq!(
            parse_flow("Custom_Auth_With_SRP", None),
            Ok(Flow::CustomAuthWithSrp)
        );
        assert_eq!(
            parse_flow("USER_AUTH", Some("password_srp")),
            Ok(Flow::UserAuth {
                preferred: Some(crate::auth::FirstFactor::PasswordSrp)
            })
        );
        assert!(parse_flow("nope", None).is_err());
        assert!(parse_flow("USER_SRP_AUTH", Some("PASSWORD")).is_err());
        assert!(parse_flow("USER_AUTH", Some("FACE")).is_err());
    }

    #[test]
    fn lines_become_inputs() {
        let mut lines = Lines::new(["pw", "Secret1!", "Ada", "2", " 123456 "]);
        let pw = Prompt::Password {
            username: "a".into(),
            failed_attempts: 0,
        };
        assert_eq!(
            lines.answer(&pw).unwrap(),
            Some(Input::Password("pw".into()))
        );
        let np = Prompt::NewPassword {
            username: "a".into(),
            required_attributes: vec!["name".into()],
            current_attributes: BTreeMap::new(),
        };
        assert_eq!(
            lines.answer(&np).unwrap(),
            Some(Input::NewPassword {
                password: "Secret1!".into(),
                attributes: BTreeMap::from([("name".into(), "Ada".into())]),
            })
        );
        let choose = Prompt::Choose {
            challenge: "SELECT_CHALLENGE".into(),
            options: vec![
                Choice {
                    value: "PASSWORD".into(),
                    label: String::new(),
                    supported: true,
                },
                Choice {
                    value: "EMAIL_OTP".into(),
                    label: String::new(),
                    supported: true,
                },
            ],
        };
        assert_eq!(
            lines.answer(&choose).unwrap(),
            Some(Input::Choice("EMAIL_OTP".into()))
        );
        let code = Prompt::Code {
            challenge: "SOFTWARE_TOKEN_MFA".into(),
            kind: CodeKind::Totp,
            destination: None,
            medium: None,
        };
        assert_eq!(
            lines.answer(&code).unwrap(),
            Some(Input::Code("123456".into()))
        );
        assert_eq!(lines.answer(&code).unwrap(), None);
    }

    #[test]
    fn tokens_json_has_the_cli_shape() {
        let t = Tokens {
            id_token: Some("i".into()),
            access_token: "a".into(),
            refresh_token: None,
            expires_in: 3600,
            token_type: "Bearer".into(),
        };
        let v = tokens_json(&t, None);
        assert_eq!(v["AuthenticationResult"]["AccessToken"], "a");
        assert_eq!(v["AuthenticationResult"]["IdToken"], "i");
        assert!(v["AuthenticationResult"].get("RefreshToken").is_none());
        assert_eq!(v["AuthenticationResult"]["ExpiresIn"], 3600);
        assert!(v.get("Decoded").is_none());
    }

    #[test]
    fn config_errors_count_as_before_any_call() {
        let mut r = Runner::new(FlowConfig::new("p_x", "", "alice", Flow::UserPassword));
        let Step::Failed(e) = r.start(Inputs::default()) else {
            panic!("config error expected")
        };
        assert!(failed_before_any_call(&r, &e));
    }
}
