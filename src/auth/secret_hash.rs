//! Cognito's `SECRET_HASH` for app clients that have a client secret.
//!
//! `SECRET_HASH = Base64(HMAC-SHA256(key = client_secret, msg = username + client_id))`,
//! where the key is the UTF-8 bytes of the client secret *as shown by Cognito*
//! (it is not base64-decoded first) and the output is standard base64 with padding.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Computes the `SECRET_HASH` parameter Cognito requires when the app client has a secret.
///
/// `username` must be the name the request is about: the `USERNAME` sent in `InitiateAuth`,
/// and for challenge responses the `USERNAME` Cognito returned in the challenge parameters
/// (which may differ from what the user typed, e.g. a sub UUID for an email alias).
pub fn secret_hash(username: &str, client_id: &str, client_secret: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(client_secret.as_bytes())
        .expect("HMAC-SHA256 accepts keys of any length");
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Fixture {
        cases: Vec<Case>,
    }

    #[derive(Deserialize)]
    struct Case {
        username: String,
        client_id: String,
        client_secret: String,
        secret_hash: String,
    }

    const FIXTURE: &str = include_str!("../../tests/fixtures/secret_hash.json");

    #[test]
    fn matches_independent_vectors() {
        let fixture: Fixture = serde_json::from_str(FIXTURE).expect("fixture parses");
        assert!(fixture.cases.len() >= 4, "fixture has too few cases");
        for case in &fixture.cases {
            assert_eq!(
                secret_hash(&case.username, &case.client_id, &case.client_secret),
                case.secret_hash,
                "SECRET_HASH for username {:?}",
                case.username
            );
        }
    }

    #[test]
    fn is_padded_standard_base64_of_32_bytes() {
        let h = secret_hash("user", "client", "secret");
        assert_eq!(h.len(), 44);
        assert!(h.ends_with('='));
        assert_eq!(STANDARD.decode(&h).expect("decodes").len(), 32);
    }

    #[test]
    fn username_and_client_id_are_concatenated_not_separated() {
        // The message is the plain concatenation, so moving characters across the
        // boundary gives the same hash: documents that no separator is used.
        assert_eq!(secret_hash("ab", "c", "k"), secret_hash("a", "bc", "k"));
        assert_ne!(secret_hash("ab", "c", "k"), secret_hash("ab", "c", "K"));
    }
}
