//! The hosted (OAuth 2.0) flows' part of the contract between `update` and the runtime:
//! the requests the runner's managed-login runs make (read the client and pool with random
//! bytes for PKCE and state, listen for the redirect, POST a token form, open a browser) and
//! their answers. Plain data; the randomness and I/O happen in `app::hosted`.

use crate::auth::oauth::TokenForm;
use crate::domain::{AppClient, CognitoError, PoolDetail};

/// The managed-login flows the runner offers after the API flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostedKind {
    AuthorizationCode,
    ClientCredentials,
}

impl HostedKind {
    pub const ALL: [HostedKind; 2] = [HostedKind::AuthorizationCode, HostedKind::ClientCredentials];

    pub fn label(self) -> &'static str {
        match self {
            HostedKind::AuthorizationCode => "AUTHORIZATION_CODE (managed login, PKCE)",
            HostedKind::ClientCredentials => "CLIENT_CREDENTIALS (machine to machine)",
        }
    }

    /// Its name, as `--flow` and a chapter file write it; also the key of its explanation
    /// in `assets/auth-steps.json`.
    pub fn name(self) -> &'static str {
        match self {
            HostedKind::AuthorizationCode => "AUTHORIZATION_CODE",
            HostedKind::ClientCredentials => "CLIENT_CREDENTIALS",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum HostedRequest {
    /// DescribeUserPoolClient and DescribeUserPool, plus fresh random bytes.
    Prepare { pool_id: String, client_id: String },
    /// Listen on 127.0.0.1:`port` for the browser's GET of `path`, up to `timeout_secs`.
    Listen {
        port: u16,
        path: String,
        timeout_secs: u64,
    },
    /// POST a form to the token endpoint `url`.
    Token { url: String, form: Box<TokenForm> },
    /// Open `url` in the default browser.
    OpenBrowser { url: String },
    /// The pool's domain, resource servers and identity providers (`:domain` …).
    ManagedLogin { pool_id: String },
}

impl PartialEq for TokenForm {
    fn eq(&self, other: &Self) -> bool {
        self.masked() == other.masked()
    }
}

#[derive(Debug)]
pub enum HostedResponse {
    Prepared {
        client: Box<AppClient>,
        pool: Box<PoolDetail>,
        verifier_bytes: [u8; 32],
        state_bytes: [u8; 16],
    },
    /// The redirect's request target, or why none came.
    Redirect(Result<String, String>),
    /// The token endpoint's HTTP status and body.
    Token {
        status: u16,
        body: String,
    },
    Opened(Result<(), String>),
    ManagedLogin(Box<crate::domain::oauth::ManagedLogin>),
    Failed(CognitoError),
}
