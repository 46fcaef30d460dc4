//! The Lambda trigger slots of a pool: when Cognito calls each one, and a sample event (kept
//! in `assets/trigger-events/`, compiled in) to read what the function receives. Pure data.

/// One trigger slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerInfo {
    /// The LambdaConfig slot name, as `LambdaConfig::slots` names it.
    pub slot: &'static str,
    /// When Cognito calls it, in one line.
    pub when: &'static str,
    /// The sample event's file, under `assets/trigger-events/`.
    pub file: &'static str,
    pub sample: &'static str,
}

macro_rules! event {
    ($file:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/trigger-events/",
            $file
        ))
    };
}

/// Every Lambda trigger slot, in the order `LambdaConfig::slots` lists them.
pub const TRIGGERS: &[TriggerInfo] = &[
    TriggerInfo {
        slot: "PreSignUp",
        when: "before a sign-up (SignUp, AdminCreateUser, external provider) is accepted; can reject, auto-confirm or auto-verify",
        file: "pre_sign_up.json",
        sample: event!("pre_sign_up.json"),
    },
    TriggerInfo {
        slot: "CustomMessage",
        when: "before Cognito sends a verification, invitation, MFA or forgot-password message; can rewrite it",
        file: "custom_message.json",
        sample: event!("custom_message.json"),
    },
    TriggerInfo {
        slot: "PostConfirmation",
        when: "after a user confirms sign-up or a forgotten password (not on AdminCreateUser)",
        file: "post_confirmation.json",
        sample: event!("post_confirmation.json"),
    },
    TriggerInfo {
        slot: "PreAuthentication",
        when: "when a user signs in, before the password is checked; can deny the sign-in",
        file: "pre_authentication.json",
        sample: event!("pre_authentication.json"),
    },
    TriggerInfo {
        slot: "PostAuthentication",
        when: "after a successful sign-in, before tokens are issued; for logging and analytics",
        file: "post_authentication.json",
        sample: event!("post_authentication.json"),
    },
    TriggerInfo {
        slot: "DefineAuthChallenge",
        when: "on CUSTOM_AUTH, at the start and after each answer: decides the next challenge or issues tokens",
        file: "define_auth_challenge.json",
        sample: event!("define_auth_challenge.json"),
    },
    TriggerInfo {
        slot: "CreateAuthChallenge",
        when: "on CUSTOM_AUTH, when Define asks for a CUSTOM_CHALLENGE: creates the question and its answer",
        file: "create_auth_challenge.json",
        sample: event!("create_auth_challenge.json"),
    },
    TriggerInfo {
        slot: "VerifyAuthChallengeResponse",
        when: "on CUSTOM_AUTH, when the user answers (RespondToAuthChallenge): says whether it is right",
        file: "verify_auth_challenge_response.json",
        sample: event!("verify_auth_challenge_response.json"),
    },
    TriggerInfo {
        slot: "PreTokenGeneration",
        when: "before tokens are issued (sign-in and refresh): adds, changes or removes claims and groups",
        file: "pre_token_generation.json",
        sample: event!("pre_token_generation.json"),
    },
    TriggerInfo {
        slot: "UserMigration",
        when: "when an unknown user signs in or resets a password: can import them from another store",
        file: "user_migration.json",
        sample: event!("user_migration.json"),
    },
    TriggerInfo {
        slot: "CustomSMSSender",
        when: "instead of Cognito's own SMS: receives the (KMS-encrypted) code to send through your provider",
        file: "custom_sms_sender.json",
        sample: event!("custom_sms_sender.json"),
    },
    TriggerInfo {
        slot: "CustomEmailSender",
        when: "instead of Cognito's own email: receives the (KMS-encrypted) code to send through your provider",
        file: "custom_email_sender.json",
        sample: event!("custom_email_sender.json"),
    },
];

pub fn info(slot: &str) -> Option<&'static TriggerInfo> {
    TRIGGERS.iter().find(|t| t.slot == slot)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::LambdaConfig;

    #[test]
    fn every_lambda_slot_is_described_and_every_sample_is_json() {
        for (slot, _) in LambdaConfig::default().slots() {
            if slot != "KMSKeyID" {
                assert!(info(slot).is_some(), "{slot} has no description");
            }
        }
        for t in TRIGGERS {
            let v: serde_json::Value = serde_json::from_str(t.sample)
                .unwrap_or_else(|e| panic!("{} is not JSON: {e}", t.file));
            assert!(
                v.get("triggerSource").is_some(),
                "{} names its triggerSource",
                t.file
            );
        }
    }
}
