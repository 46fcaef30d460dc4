//! Where the hosted endpoints are, the pre-flight checks of an app client's OAuth settings
//! (each failure with its fix, before anything is sent), the authorize URL, the three
//! token-endpoint forms (secrets masked when shown), and the choice of refresh way.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use url::Url;
use url::form_urlencoded::Serializer;

use crate::auth::MASK;
use crate::domain::AppClient;
use crate::domain::secret::Secret;

/// The managed-login endpoints under one base URL (no trailing `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub base: String,
}

impl Endpoints {
    pub fn authorize(&self) -> String {
        format!("{}/oauth2/authorize", self.base)
    }
    pub fn token(&self) -> String {
        format!("{}/oauth2/token", self.base)
    }
    pub fn user_info(&self) -> String {
        format!("{}/oauth2/userInfo", self.base)
    }
    pub fn revoke(&self) -> String {
        format!("{}/oauth2/revoke", self.base)
    }
    /// The `/logout` URL that ends the browser's managed-login session.
    pub fn logout(&self, client_id: &str, logout_uri: Option<&str>) -> String {
        let mut q = Serializer::new(String::new());
        q.append_pair("client_id", client_id);
        if let Some(u) = logout_uri {
            q.append_pair("logout_uri", u);
        }
        format!("{}/logout?{}", self.base, q.finish())
    }
}

/// The base of the hosted endpoints: `--domain-url` when given; else the `--endpoint-url`
/// (the emulators serve managed login at their root); else the pool's custom domain; else
/// its prefix domain (`https://PREFIX.auth.REGION.amazoncognito.com`).
pub fn hosted_base(
    domain_url: Option<&str>,
    endpoint: Option<&str>,
    domain: Option<&str>,
    custom_domain: Option<&str>,
    region: &str,
) -> Result<Endpoints, String> {
    let base = match (domain_url, endpoint, custom_domain, domain) {
        (Some(u), ..) => {
            let parsed = Url::parse(u).map_err(|e| format!("--domain-url {u:?}: {e}"))?;
            if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
                return Err(format!(
                    "--domain-url {u:?} must be an http:// or https:// URL with a host"
                ));
            }
            u.to_owned()
        }
        // The emulators serve managed login at their root, for a pool that has a domain.
        (None, Some(e), c, d) if c.or(d).is_some_and(|x| !x.is_empty()) => e.to_owned(),
        (None, None, Some(c), _) if !c.is_empty() => format!("https://{c}"),
        (None, None, _, Some(d)) if !d.is_empty() => {
            format!("https://{d}.auth.{region}.amazoncognito.com")
        }
        _ => return Err(no_domain()),
    };
    Ok(Endpoints {
        base: base.trim_end_matches('/').to_owned(),
    })
}

fn no_domain() -> String {
    "the pool has no domain, so it has no managed login: add one (console: Branding → Domain; \
     or `aws cognito-idp create-user-pool-domain --user-pool-id ID --domain PREFIX`), or pass \
     --domain-url"
        .to_owned()
}

/// What the authorization-code flow will use, once the pre-flight checks passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodePlan {
    pub redirect_uri: String,
    /// The port the loopback listener takes.
    pub port: u16,
    /// The path the browser comes back to (`/callback`).
    pub path: String,
    pub scopes: Vec<String>,
    pub identity_provider: Option<String>,
}

/// The loopback port and path of `uri` when it is `http://localhost:PORT/…` (or 127.0.0.1,
/// [::1]) with an explicit port; else `None`.
fn loopback(uri: &str) -> Option<(u16, String)> {
    let u = Url::parse(uri).ok()?;
    let host = u.host_str()?;
    if u.scheme() != "http" || !matches!(host, "localhost" | "127.0.0.1" | "[::1]") {
        return None;
    }
    Some((u.port()?, u.path().to_owned()))
}

fn requested_scopes(client: &AppClient, scope: Option<&str>) -> Result<Vec<String>, String> {
    let Some(scope) = scope.filter(|s| !s.trim().is_empty()) else {
        return Ok(client.allowed_oauth_scopes.clone());
    };
    let asked: Vec<String> = scope.split_whitespace().map(str::to_owned).collect();
    let missing: Vec<&str> = asked
        .iter()
        .filter(|s| !client.allowed_oauth_scopes.contains(s))
        .map(String::as_str)
        .collect();
    if missing.is_empty() {
        return Ok(asked);
    }
    Err(format!(
        "scope {} is not allowed for app client {}: allowed are {}; add it to \
         AllowedOAuthScopes or ask for fewer",
        missing.join(" "),
        client.name,
        list_or_none(&client.allowed_oauth_scopes)
    ))
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(" ")
    }
}

fn allows_flow(client: &AppClient, flow: &str, problems: &mut Vec<String>) {
    if !client.allowed_oauth_flows_user_pool_client {
        problems.push(format!(
            "app client {} does not use OAuth (AllowedOAuthFlowsUserPoolClient is false): \
             turn it on with AllowedOAuthFlows {flow} (UpdateUserPoolClient, or the console's \
             managed login pages settings)",
            client.name
        ));
    } else if !client.allowed_oauth_flows.iter().any(|f| f == flow) {
        problems.push(format!(
            "app client {} does not allow the {flow} grant (AllowedOAuthFlows: {}): add {flow}",
            client.name,
            list_or_none(&client.allowed_oauth_flows)
        ));
    }
}

/// The pre-flight checks of the authorization-code flow: the client allows OAuth and the
/// `code` grant, the redirect URI is one of its CallbackURLs and a loopback URL the listener
/// can catch (the first registered `http://localhost:PORT/…` when none is given), the scopes
/// and identity provider are allowed. Every problem, each with its fix.
pub fn preflight_code(
    client: &AppClient,
    redirect_uri: Option<&str>,
    scope: Option<&str>,
    identity_provider: Option<&str>,
) -> Result<CodePlan, Vec<String>> {
    let mut problems = Vec::new();
    allows_flow(client, "code", &mut problems);
    let redirect = match redirect_uri {
        Some(uri) if !client.callback_urls.iter().any(|c| c == uri) => {
            problems.push(format!(
                "redirect URI {uri} is not one of app client {}'s CallbackURLs ({}): add it \
                 there, or pick a registered one with --redirect-uri",
                client.name,
                list_or_none(&client.callback_urls)
            ));
            None
        }
        Some(uri) => match loopback(uri) {
            Some((port, path)) => Some((uri.to_owned(), port, path)),
            None => {
                problems.push(format!(
                    "redirect URI {uri} is not on this machine: the listener catches only \
                     http://localhost:PORT/… (or 127.0.0.1); register one such as \
                     http://localhost:8765/callback"
                ));
                None
            }
        },
        None => {
            let found = client
                .callback_urls
                .iter()
                .find_map(|c| loopback(c).map(|(port, path)| (c.clone(), port, path)));
            if found.is_none() {
                problems.push(format!(
                    "app client {} has no http://localhost:PORT/… callback URL (CallbackURLs: \
                     {}): add http://localhost:8765/callback to its CallbackURLs",
                    client.name,
                    list_or_none(&client.callback_urls)
                ));
            }
            found
        }
    };
    let scopes = requested_scopes(client, scope)
        .map_err(|e| problems.push(e))
        .ok();
    if let Some(idp) = identity_provider {
        if !client.supported_identity_providers.iter().any(|p| p == idp) {
            problems.push(format!(
                "identity provider {idp} is not enabled for app client {} (SupportedIdentityProviders: {}): add it",
                client.name,
                list_or_none(&client.supported_identity_providers)
            ));
        }
    } else if client.supported_identity_providers.is_empty() {
        problems.push(format!(
            "app client {} has no identity provider enabled (SupportedIdentityProviders is \
             empty): add COGNITO for the pool's own users",
            client.name
        ));
    }
    match (redirect, scopes) {
        (Some((redirect_uri, port, path)), Some(scopes)) if problems.is_empty() => Ok(CodePlan {
            redirect_uri,
            port,
            path,
            scopes,
            identity_provider: identity_provider.map(str::to_owned),
        }),
        _ => Err(problems),
    }
}

/// The pre-flight checks of client credentials: the client allows OAuth and the
/// `client_credentials` grant, has a secret, and may have the scopes. The scopes to ask for.
pub fn preflight_client_credentials(
    client: &AppClient,
    scope: Option<&str>,
) -> Result<Vec<String>, Vec<String>> {
    let mut problems = Vec::new();
    allows_flow(client, "client_credentials", &mut problems);
    if !client.has_secret {
        problems.push(format!(
            "app client {} has no client secret: client credentials need a confidential \
             client (create one with a secret)",
            client.name
        ));
    }
    let scopes = requested_scopes(client, scope)
        .map_err(|e| problems.push(e))
        .ok();
    match scopes {
        Some(s) if problems.is_empty() => Ok(s),
        _ => Err(problems),
    }
}

/// The authorize request the browser is sent with.
#[derive(Debug, Clone)]
pub struct AuthorizeRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub state: String,
    pub code_challenge: String,
    pub identity_provider: Option<String>,
}

impl AuthorizeRequest {
    /// `/oauth2/authorize?response_type=code&…&code_challenge_method=S256`. Nothing in it is
    /// secret: the challenge is a hash and the state only has to be unguessable.
    pub fn url(&self, endpoints: &Endpoints) -> String {
        let mut q = Serializer::new(String::new());
        q.append_pair("response_type", "code")
            .append_pair("client_id", &self.client_id)
            .append_pair("redirect_uri", &self.redirect_uri);
        if !self.scopes.is_empty() {
            q.append_pair("scope", &self.scopes.join(" "));
        }
        q.append_pair("state", &self.state)
            .append_pair("code_challenge", &self.code_challenge)
            .append_pair("code_challenge_method", "S256");
        if let Some(idp) = &self.identity_provider {
            q.append_pair("identity_provider", idp);
        }
        format!("{}?{}", endpoints.authorize(), q.finish())
    }
}

/// One POST to `/oauth2/token`: its plain fields, its secret fields (code, verifier, refresh
/// token), and HTTP Basic when the client has a secret.
#[derive(Debug, Clone)]
pub struct TokenForm {
    pub grant_type: &'static str,
    fields: Vec<(&'static str, String)>,
    secrets: Vec<(&'static str, Secret)>,
    basic: Option<(String, Secret)>,
}

impl TokenForm {
    fn new(grant_type: &'static str, client_id: &str, client_secret: Option<&Secret>) -> Self {
        Self {
            grant_type,
            fields: vec![("grant_type", grant_type.to_owned())],
            secrets: Vec::new(),
            basic: client_secret.map(|s| (client_id.to_owned(), s.clone())),
        }
        .with("client_id", client_id)
    }

    fn with(mut self, name: &'static str, value: &str) -> Self {
        self.fields.push((name, value.to_owned()));
        self
    }

    fn with_secret(mut self, name: &'static str, value: &Secret) -> Self {
        self.secrets.push((name, value.clone()));
        self
    }

    /// `grant_type=authorization_code` with the code, the same redirect URI and the verifier.
    pub fn authorization_code(
        client_id: &str,
        client_secret: Option<&Secret>,
        code: &Secret,
        redirect_uri: &str,
        verifier: &Secret,
    ) -> Self {
        Self::new("authorization_code", client_id, client_secret)
            .with("redirect_uri", redirect_uri)
            .with_secret("code", code)
            .with_secret("code_verifier", verifier)
    }

    /// `grant_type=client_credentials` with the scopes (the secret goes in HTTP Basic).
    pub fn client_credentials(client_id: &str, client_secret: &Secret, scopes: &[String]) -> Self {
        let form = Self::new("client_credentials", client_id, Some(client_secret));
        if scopes.is_empty() {
            form
        } else {
            form.with("scope", &scopes.join(" "))
        }
    }

    /// `grant_type=refresh_token`.
    pub fn refresh(client_id: &str, client_secret: Option<&Secret>, refresh: &Secret) -> Self {
        Self::new("refresh_token", client_id, client_secret).with_secret("refresh_token", refresh)
    }

    /// The `application/x-www-form-urlencoded` body, secrets included: for the wire only.
    pub fn body(&self) -> String {
        let mut q = Serializer::new(String::new());
        for (k, v) in &self.fields {
            q.append_pair(k, v);
        }
        for (k, v) in &self.secrets {
            q.append_pair(k, v.expose());
        }
        q.finish()
    }

    /// The `Authorization` header value (`Basic base64(client_id:client_secret)`): wire only.
    pub fn authorization(&self) -> Option<String> {
        self.basic
            .as_ref()
            .map(|(id, s)| format!("Basic {}", STANDARD.encode(format!("{id}:{}", s.expose()))))
    }

    /// The request as the timeline shows it: plain fields as they are, secrets as `****`.
    pub fn masked(&self) -> String {
        let mut parts: Vec<String> = self
            .fields
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        parts.extend(self.secrets.iter().map(|(k, _)| format!("{k}={MASK}")));
        if self.basic.is_some() {
            parts.push(format!("Authorization: Basic {MASK}"));
        }
        format!("POST /oauth2/token {}", parts.join(" "))
    }
}

/// The three ways to refresh, each with the step text that says why it was picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshWay {
    /// InitiateAuth REFRESH_TOKEN_AUTH.
    InitiateAuth,
    /// GetTokensFromRefreshToken (clients with refresh-token rotation).
    GetTokensFromRefreshToken,
    /// grant_type=refresh_token at /oauth2/token (tokens from managed login).
    TokenEndpoint,
}

impl RefreshWay {
    /// The key of its explanation in `assets/oauth-steps.json`.
    pub fn step(self) -> &'static str {
        match self {
            RefreshWay::InitiateAuth => "refresh_initiate_auth",
            RefreshWay::GetTokensFromRefreshToken => "refresh_rotation",
            RefreshWay::TokenEndpoint => "refresh_hosted",
        }
    }
}

/// Which refresh fits the client: rotation wins (with rotation on, Cognito refuses the other
/// two); else a client that signs in through managed login (OAuth with the `code` grant)
/// refreshes where its tokens came from, the token endpoint; else InitiateAuth.
pub fn refresh_way(client: &AppClient, rotation: bool) -> RefreshWay {
    if rotation {
        RefreshWay::GetTokensFromRefreshToken
    } else if client.allowed_oauth_flows_user_pool_client
        && client.allowed_oauth_flows.iter().any(|f| f == "code")
    {
        RefreshWay::TokenEndpoint
    } else {
        RefreshWay::InitiateAuth
    }
}
