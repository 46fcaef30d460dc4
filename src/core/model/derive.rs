//! Values derived from the Model that both `update` and `ui` need, so neither calls the
//! other: the error log in list order, the ARN in a trigger slot, a token's time left.
//! Pure reads: no mutation, no clock (the caller hands in `now`).

use crate::auth::Tokens;
use crate::core::model::{ErrorEntry, Model};

/// The error log, newest first, as the errors view lists it.
pub fn error_at(model: &Model, i: usize) -> Option<&ErrorEntry> {
    model.errors.iter().rev().nth(i)
}

/// The ARN set in a trigger slot of the pool on screen.
pub fn trigger_arn(model: &Model, slot: &str) -> Option<String> {
    let d = model.detail.as_ref()?.detail.data.as_ref()?;
    d.lambda_config.arn(slot).map(str::to_string)
}

/// Seconds until tokens issued at `issued_at` expire (negative once expired), for the
/// countdown.
pub fn seconds_left(tokens: &Tokens, issued_at: i64, now: i64) -> i64 {
    issued_at + i64::from(tokens.expires_in) - now
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Context, DetailState, Loadable};
    use crate::domain::{CognitoError, ErrorKind, LambdaConfig, PoolDetail};

    #[test]
    fn errors_newest_first_and_trigger_arns_from_the_pool_on_screen() {
        let mut m = Model::new(Context::default());
        for (i, operation) in ["ListUsers", "AdminGetUser"].into_iter().enumerate() {
            m.errors.push(ErrorEntry {
                operation,
                error: CognitoError {
                    kind: ErrorKind::NotFound,
                    code: None,
                    message: String::new(),
                    request_id: None,
                },
                at: i as i64,
            });
        }
        assert_eq!(error_at(&m, 0).map(|e| e.operation), Some("AdminGetUser"));
        assert_eq!(error_at(&m, 1).map(|e| e.operation), Some("ListUsers"));
        assert!(error_at(&m, 2).is_none());

        assert_eq!(trigger_arn(&m, "PreSignUp"), None, "no pool on screen");
        m.detail = Some(DetailState {
            pool_id: "p".into(),
            detail: Loadable {
                data: Some(PoolDetail {
                    lambda_config: LambdaConfig {
                        pre_sign_up: Some("arn:aws:lambda:x:1:function:gate".into()),
                        ..Default::default()
                    },
                    ..Default::default()
                }),
                ..Default::default()
            },
            scroll: 0,
        });
        assert_eq!(
            trigger_arn(&m, "PreSignUp").as_deref(),
            Some("arn:aws:lambda:x:1:function:gate")
        );
        assert_eq!(trigger_arn(&m, "PostConfirmation"), None);
    }
}
