//! PKCE (RFC 7636) with the S256 method, and the random `state` of an authorize request.
//! The random bytes are handed in.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::domain::secret::Secret;

/// A code verifier and its S256 challenge. The verifier is a [`Secret`]: it is what proves,
/// at the token endpoint, that whoever redeems the code started the sign-in.
#[derive(Debug, Clone)]
pub struct Pkce {
    pub verifier: Secret,
    /// `BASE64URL(SHA256(ASCII(verifier)))`, no padding.
    pub challenge: String,
}

impl Pkce {
    /// A fresh verifier from 32 random bytes: 43 characters of base64url, as RFC 7636 §4.1
    /// recommends.
    pub fn from_random(bytes: &[u8; 32]) -> Self {
        Self::from_verifier(&URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The challenge of a given verifier (the RFC's Appendix B vector is a test).
    pub fn from_verifier(verifier: &str) -> Self {
        let digest = Sha256::digest(verifier.as_bytes());
        Self {
            verifier: Secret::new(verifier),
            challenge: URL_SAFE_NO_PAD.encode(digest),
        }
    }

    /// Always `S256`: the plain method would send the verifier itself.
    pub fn method(&self) -> &'static str {
        "S256"
    }
}

/// The `state` of an authorize request from 16 random bytes (base64url, 22 characters).
pub fn state_from(bytes: &[u8; 16]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}
