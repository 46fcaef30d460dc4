//! The SDK client and its wiring: `connect` (region, profile, endpoint override, static
//! credentials, retries with backoff for throttling and 5xx — a write only when it cannot have
//! reached Cognito (`retry`) — a timeout on every call), the
//! `SdkCognito` handle, and the only paths a call takes to the SDK: `read` (paced), `call`,
//! `send_raw`, and `write`/`writer`, which refuse a write in read-only mode before its request
//! is built. Whatever gets past them still meets the deny-by-default interceptor of `guard`,
//! on every client. It owns no operation of its own and no conversion; it never sees the UI.

use std::future::Future;
use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_cognitoidentityprovider as cip;
use aws_sdk_cognitoidentityprovider::config::Region;
use aws_sdk_cognitoidentityprovider::error::DisplayErrorContext;
use aws_sdk_iam as iam;
use aws_sdk_lambda as lambda;

use super::error::{Result, SdkResult, ServiceError, classify};
use super::pace::{Family, Pacer};
use super::startup;
use crate::domain::CognitoError;
use crate::domain::secret::Secret;

/// How to reach Cognito: the global command-line flags.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub read_only: bool,
    /// Upper bound for one call, retries included.
    pub call_timeout: Duration,
    /// Attempts per call (1 = no retry). Throttling and 5xx are retried with backoff.
    pub max_attempts: u32,
    /// Fixed access key id and secret (the local emulators), instead of the AWS chain.
    pub static_credentials: Option<(String, Secret)>,
    /// Pace calls per quota category (see `pace`); off only to measure the bare call path.
    pub pacing: bool,
    /// Sign nothing and load no credentials (the `credentials` subcommand without keys in
    /// the environment: a profile's `credential_process` may be that very command).
    pub anonymous: bool,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            profile: None,
            region: None,
            endpoint_url: None,
            read_only: false,
            call_timeout: Duration::from_secs(20),
            max_attempts: 3,
            static_credentials: None,
            pacing: true,
            anonymous: false,
        }
    }
}

/// Check an endpoint URL before the SDK sees it.
pub fn validate_endpoint(url: &str) -> std::result::Result<(), String> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| format!("--endpoint-url {url:?} must start with http:// or https://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Err(format!("--endpoint-url {url:?} has no host"));
    }
    if let Some((_, port)) = host.rsplit_once(':')
        && !host.ends_with(']')
        && port.parse::<u16>().is_err()
    {
        return Err(format!(
            "--endpoint-url {url:?} has an invalid port {port:?}"
        ));
    }
    Ok(())
}

/// Check a region name's shape (`us-east-1`, `eu-central-2`, `local`...).
pub fn validate_region(region: &str) -> std::result::Result<(), String> {
    let ok = !region.is_empty()
        && region.len() <= 32
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "region {region:?} is not a region name (expected something like us-east-1)"
        ))
    }
}

/// Load the AWS configuration (environment, profiles incl. SSO, AWS_REGION,
/// AWS_ENDPOINT_URL), check that a region and usable credentials exist, and build the
/// gateway. Errors are plain sentences for stderr.
pub async fn connect(opts: &ConnectOptions) -> std::result::Result<SdkCognito, String> {
    if let Some(url) = &opts.endpoint_url {
        validate_endpoint(url)?;
    }
    if let Some(region) = &opts.region {
        validate_region(region)?;
    }
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(opts.max_attempts.max(1))
                .with_initial_backoff(Duration::from_millis(200)),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_timeout(opts.call_timeout)
                .build(),
        );
    if let Some(profile) = &opts.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &opts.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(url) = &opts.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    if let Some((key, secret)) = &opts.static_credentials {
        loader = loader.credentials_provider(cip::config::Credentials::new(
            key,
            secret.expose(),
            None,
            None,
            "cognito-tui-static",
        ));
    }
    if opts.anonymous {
        loader = loader.no_credentials();
    }
    let conf = loader.load().await;
    let region = conf.region().ok_or_else(|| match &opts.profile {
        Some(p) => format!(
            "no AWS region: pass --region or set AWS_REGION; profile {p:?} sets none (is it \
             in ~/.aws/config?)"
        ),
        None => "no AWS region: pass --region, set AWS_REGION, or set `region` in your AWS \
                 profile"
            .to_string(),
    })?;
    validate_region(region.as_ref())?;
    if !opts.anonymous {
        let provider = conf.credentials_provider().ok_or_else(|| {
            "no AWS credentials provider is configured (set AWS_PROFILE or AWS_ACCESS_KEY_ID)"
                .to_string()
        })?;
        use aws_sdk_cognitoidentityprovider::config::ProvideCredentials;
        match tokio::time::timeout(Duration::from_secs(15), provider.provide_credentials()).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                tracing::warn!(error = %DisplayErrorContext(&e), "no usable AWS credentials");
                let profile = opts
                    .profile
                    .clone()
                    .or_else(|| std::env::var("AWS_PROFILE").ok());
                return Err(startup::no_credentials(&e, profile.as_deref()));
            }
            Err(_) => return Err("loading AWS credentials took longer than 15 s".into()),
        }
    }
    let clients = super::guard::clients(&conf, opts.read_only);
    let region = region.to_string();
    let endpoint = opts
        .endpoint_url
        .clone()
        .or_else(|| conf.endpoint_url().map(str::to_string));
    Ok(SdkCognito {
        client: clients.cognito,
        lambda: clients.lambda,
        iam: clients.iam,
        identity: clients.identity,
        sts: clients.sts,
        conf,
        read_only: opts.read_only,
        region,
        endpoint,
        pacer: std::sync::Arc::new(Pacer::new(opts.pacing)),
    })
}

/// The gateway backed by the AWS SDK.
#[derive(Clone)]
pub struct SdkCognito {
    client: cip::Client,
    lambda: lambda::Client,
    iam: iam::Client,
    pub(super) identity: aws_sdk_cognitoidentity::Client,
    pub(super) sts: aws_sdk_sts::Client,
    /// The loaded configuration, for the clients built later (STS with vended credentials).
    pub(super) conf: aws_config::SdkConfig,
    read_only: bool,
    region: String,
    endpoint: Option<String>,
    pacer: std::sync::Arc<Pacer>,
}

impl SdkCognito {
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The endpoint override, if any.
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// Whether this gateway refuses writes.
    pub(super) fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A paced read: wait for the next slot of `family`'s request rate, then [`Self::call`]
    /// (`None`: unpaced, for a batch that paces itself).
    pub(super) async fn read<'a, O, E, Fut>(
        &'a self,
        family: impl Into<Option<Family>>,
        operation: &str,
        build: impl FnOnce(&'a cip::Client) -> Fut,
    ) -> Result<O>
    where
        Fut: Future<Output = SdkResult<O, E>>,
        E: ServiceError,
    {
        if let Some(family) = family.into() {
            self.pacer.pace(family).await;
        }
        self.call(operation, build).await
    }

    /// One Cognito call that changes nothing in the pool (an unpaced read, or a sign-in call,
    /// which acts as the user): build the request, send it, classify a failure as
    /// `operation`.
    pub(super) async fn call<'a, O, E, Fut>(
        &'a self,
        operation: &str,
        build: impl FnOnce(&'a cip::Client) -> Fut,
    ) -> Result<O>
    where
        Fut: Future<Output = SdkResult<O, E>>,
        E: ServiceError,
    {
        build(&self.client)
            .await
            .map_err(|e| classify(operation, e))
    }

    /// A sign-in call whose failure the caller reads itself (the lenient read of a reply the
    /// SDK could not parse): sent like [`Self::call`], the SDK's error left unclassified.
    pub(super) async fn send_raw<'a, O, E, Fut>(
        &'a self,
        build: impl FnOnce(&'a cip::Client) -> Fut,
    ) -> SdkResult<O, E>
    where
        Fut: Future<Output = SdkResult<O, E>>,
    {
        build(&self.client).await
    }

    /// A write of one call: refused in read-only mode before the request is built, else
    /// sent and a failure classified as `operation`.
    pub(super) async fn write<'a, O, E, Fut>(
        &'a self,
        operation: &str,
        build: impl FnOnce(&'a cip::Client) -> Fut,
    ) -> Result<O>
    where
        Fut: Future<Output = SdkResult<O, E>>,
        E: ServiceError,
    {
        let w = self.writer(operation)?;
        w.send(operation, build(w.cognito())).await
    }

    /// The read-only guard of a write of several calls: refuses `operation` in read-only
    /// mode; else the [`Writer`], the only way to the clients for that write (Lambda, IAM and
    /// the identity pool writes are reachable through it alone).
    pub(super) fn writer(&self, operation: &str) -> Result<Writer<'_>> {
        if self.read_only {
            tracing::info!(operation, "refused in read-only mode");
            Err(CognitoError::read_only(operation))
        } else {
            Ok(Writer { api: self })
        }
    }
}

/// Proof that the read-only guard let one write through; hands out the clients it needs.
pub(super) struct Writer<'a> {
    api: &'a SdkCognito,
}

impl<'a> Writer<'a> {
    pub(super) fn cognito(&self) -> &'a cip::Client {
        &self.api.client
    }

    pub(super) fn lambda(&self) -> &'a lambda::Client {
        &self.api.lambda
    }

    pub(super) fn iam(&self) -> &'a iam::Client {
        &self.api.iam
    }

    pub(super) fn identity(&self) -> &'a aws_sdk_cognitoidentity::Client {
        &self.api.identity
    }

    /// Send one call of this write; a failure is classified as `operation`.
    pub(super) async fn send<O, E>(
        &self,
        operation: &str,
        call: impl Future<Output = SdkResult<O, E>>,
    ) -> Result<O>
    where
        E: ServiceError,
    {
        call.await.map_err(|e| classify(operation, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_validation() {
        assert!(validate_endpoint("http://127.0.0.1:4566").is_ok());
        assert!(validate_endpoint("https://cognito-idp.us-east-1.amazonaws.com").is_ok());
        assert!(validate_endpoint("127.0.0.1:4566").is_err());
        assert!(validate_endpoint("http://").is_err());
        assert!(validate_endpoint("http://host:99999").is_err());
        assert!(validate_endpoint("ftp://host").is_err());
    }

    #[test]
    fn region_validation() {
        assert!(validate_region("us-east-1").is_ok());
        assert!(validate_region("US East").is_err());
        assert!(validate_region("").is_err());
        assert!(validate_region("-x").is_err());
    }
}
