//! The resend guard: an interceptor on every client that stops the SDK's retry of a call that
//! must not be sent twice (`error::may_resend` says which) once its request may have reached
//! the service. Throttling (the request was refused, not carried out) and failures before the
//! request left (`error::never_sent`) are still retried with backoff; a read is retried as
//! before. What is not retried comes back as `OutcomeUnknown` (see `error::classify`), for the
//! caller to check with a read.

use aws_sdk_cognitoidentityprovider::config::interceptors::FinalizerInterceptorContextRef;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_sdk_cognitoidentityprovider::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::orchestrator::Metadata;

use super::error::{may_resend, never_sent};

/// Forbids a further attempt of a non-resendable call whose last attempt may have been
/// delivered, by lowering this call's attempt budget to the attempts made.
#[derive(Debug, Default)]
pub(super) struct ResendGuard;

impl Intercept for ResendGuard {
    fn name(&self) -> &'static str {
        "ResendGuard"
    }

    fn read_after_attempt(
        &self,
        ctx: &FinalizerInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(operation) = cfg.load::<Metadata>().map(|m| m.name().to_string()) else {
            return Ok(());
        };
        if may_resend(&operation) {
            return Ok(());
        }
        let Some(Err(err)) = ctx.output_or_error() else {
            return Ok(());
        };
        let delivered = if let Some(c) = err.as_connector_error() {
            !never_sent(c)
        } else if err.is_timeout_error() || err.is_response_error() {
            true
        } else {
            ctx.response().is_some_and(|r| r.status().as_u16() >= 500)
        };
        if delivered {
            tracing::info!(
                operation,
                "not retried: the request may have reached the service"
            );
            let once = cfg
                .load::<RetryConfig>()
                .cloned()
                .unwrap_or_else(RetryConfig::standard)
                .with_max_attempts(1);
            cfg.interceptor_state().store_put(once);
        }
        Ok(())
    }
}
