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

    /// What the set-up form says about it.
    pub fn about(self) -> &'static str {
        match self {
            HostedKind::AuthorizationCode => {
                "Signs in through the pool's managed login in the browser: the authorize URL with a PKCE challenge and a random state, a listener on the callback URL's port, then the code exchanged at /oauth2/token."
            }
            HostedKind::ClientCredentials => {
                "Asks /oauth2/token for an access token with the client's secret (HTTP Basic) and its resource-server scopes; no user, so no ID token."
            }
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
