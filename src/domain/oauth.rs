//! What managed login depends on, as the app holds it: the pool's domain, its resource
//! servers and their scopes, its identity providers (details with secrets masked), and an
//! app client with OAuth settings as the seed creates it. Plain data, no I/O.

use serde::Serialize;

/// DescribeUserPoolDomain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PoolDomain {
    /// The prefix (`shop`) or the custom domain (`auth.example.com`).
    pub domain: String,
    pub custom: bool,
    /// `ACTIVE`, `CREATING`, …
    pub status: Option<String>,
    /// 1 = the classic hosted UI, 2 = managed login (branding editor).
    pub managed_login_version: Option<i32>,
    pub cloudfront_distribution: Option<String>,
}

/// One custom scope of a resource server (`identifier/name` in a token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceScope {
    pub name: String,
    pub description: String,
}

/// A resource server (CreateResourceServer / ListResourceServers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceServer {
    pub identifier: String,
    pub name: String,
    pub scopes: Vec<ResourceScope>,
}

impl ResourceServer {
    /// The scopes as a token and an app client name them: `identifier/scope`.
    pub fn full_scopes(&self) -> Vec<String> {
        self.scopes
            .iter()
            .map(|s| format!("{}/{}", self.identifier, s.name))
            .collect()
    }
}

/// An identity provider of the pool (ListIdentityProviders + DescribeIdentityProvider).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IdentityProvider {
    pub name: String,
    /// `Google`, `SAML`, `OIDC`, `Facebook`, `LoginWithAmazon`, `SignInWithApple`.
    pub provider_type: String,
    /// User-pool attribute ← provider attribute.
    pub attribute_mapping: Vec<(String, String)>,
    /// Provider details, each secret-looking value (`client_secret`, keys) masked.
    pub details: Vec<(String, String)>,
}

/// Whether a provider-details key holds a secret (client secrets, private keys).
pub fn is_secret_detail(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("secret") || k.contains("private_key") || k.ends_with("_key")
}

/// What a pool's managed login depends on, read together for the pool detail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ManagedLogin {
    /// `None`: the pool has no domain (no managed login).
    pub domain: Option<PoolDomain>,
    pub resource_servers: Vec<ResourceServer>,
    pub identity_providers: Vec<IdentityProvider>,
}

/// An app client with OAuth settings, as the seed creates it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewOauthClient {
    pub name: String,
    pub generate_secret: bool,
    /// `code`, `implicit`, `client_credentials`.
    pub allowed_oauth_flows: Vec<String>,
    pub allowed_oauth_scopes: Vec<String>,
    pub callback_urls: Vec<String>,
    pub logout_urls: Vec<String>,
    pub supported_identity_providers: Vec<String>,
    pub explicit_auth_flows: Vec<String>,
    /// Refresh-token rotation (GetTokensFromRefreshToken).
    pub refresh_token_rotation: bool,
}
