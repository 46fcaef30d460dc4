//! Reads behind the browse panes: app clients, users (with server-side filters), user detail, groups and members, schema.
//! Part of the gateway: SDK types stay inside `cognito/`.

use async_trait::async_trait;
use aws_sdk_cognitoidentityprovider::types as t;

use super::pace::Family;
use super::sdk::{classify, secs};
use super::{
    AppClient, CognitoError, Device, ErrorKind, Group, Page, Result, SdkCognito, TokenValidity,
    User,
};
use crate::domain::secret::Secret;

/// Users per ListUsers / ListUsersInGroup page (ListUsers' maximum).
pub const USERS_PAGE: i32 = 60;

#[async_trait]
pub trait BrowseApi: Send + Sync {
    /// DescribeUserPoolClient without its secret (`has_secret` says whether one exists).
    async fn describe_user_pool_client(&self, pool_id: &str, client_id: &str) -> Result<AppClient>;
    /// The client secret, for an explicit reveal only; `None` when the client has none.
    async fn reveal_client_secret(&self, pool_id: &str, client_id: &str) -> Result<Option<Secret>>;
    /// One page (60) of ListUsers, optionally with a server-side `filter` expression.
    async fn list_users(
        &self,
        pool_id: &str,
        filter: Option<String>,
        pagination_token: Option<String>,
    ) -> Result<Page<User>>;
    async fn admin_list_groups_for_user(
        &self,
        pool_id: &str,
        username: &str,
        next_token: Option<String>,
    ) -> Result<Page<Group>>;
    /// AdminListDevices. Endpoints that lack it answer `ErrorKind::Unsupported`.
    async fn admin_list_devices(
        &self,
        pool_id: &str,
        username: &str,
        pagination_token: Option<String>,
    ) -> Result<Page<Device>>;
    async fn get_group(&self, pool_id: &str, group: &str) -> Result<Group>;
    /// One page (60) of ListUsersInGroup.
    async fn list_users_in_group(
        &self,
        pool_id: &str,
        group: &str,
        next_token: Option<String>,
    ) -> Result<Page<User>>;
}

fn token(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(str::to_string)
}

fn pairs(list: &[t::AttributeType]) -> Vec<(String, String)> {
    list.iter()
        .map(|a| {
            (
                a.name().to_string(),
                a.value().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

pub(super) fn mfa_options(list: &[t::MfaOptionType]) -> Vec<String> {
    list.iter()
        .map(|o| {
            format!(
                "{} to {}",
                o.delivery_medium().map(|d| d.as_str()).unwrap_or("?"),
                o.attribute_name().unwrap_or("?")
            )
        })
        .collect()
}

pub(super) fn user(u: &t::UserType) -> User {
    User {
        username: u.username().unwrap_or_default().to_string(),
        status: u.user_status().map(|s| s.as_str().to_string()),
        enabled: u.enabled(),
        attributes: pairs(u.attributes()),
        created: secs(u.user_create_date()),
        modified: secs(u.user_last_modified_date()),
        mfa_options: mfa_options(u.mfa_options()),
        preferred_mfa: None,
        mfa_settings: Vec::new(),
    }
}

pub(super) fn group(g: &t::GroupType) -> Group {
    Group {
        name: g.group_name().unwrap_or_default().to_string(),
        precedence: g.precedence(),
        description: g.description().map(str::to_string),
        role_arn: g.role_arn().map(str::to_string),
        created: secs(g.creation_date()),
    }
}

fn unit(u: Option<&t::TimeUnitsType>, default: &str) -> String {
    u.map(|u| u.as_str().to_string())
        .unwrap_or_else(|| default.to_string())
}

/// The app client without its secret. Cognito's default units (when a client stores none)
/// are hours for access and ID tokens and days for refresh tokens.
fn app_client(c: &t::UserPoolClientType) -> AppClient {
    let units = c.token_validity_units();
    let validity = |v: Option<i32>, u: Option<&t::TimeUnitsType>, default: &str| {
        v.filter(|v| *v > 0).map(|value| TokenValidity {
            value,
            unit: unit(u, default),
        })
    };
    AppClient {
        id: c.client_id().unwrap_or_default().to_string(),
        name: c.client_name().unwrap_or_default().to_string(),
        pool_id: c.user_pool_id().unwrap_or_default().to_string(),
        has_secret: c.client_secret().is_some_and(|s| !s.is_empty()),
        explicit_auth_flows: c
            .explicit_auth_flows()
            .iter()
            .map(|f| f.as_str().to_string())
            .collect(),
        access_token_validity: validity(
            c.access_token_validity(),
            units.and_then(|u| u.access_token()),
            "hours",
        ),
        id_token_validity: validity(
            c.id_token_validity(),
            units.and_then(|u| u.id_token()),
            "hours",
        ),
        refresh_token_validity: validity(
            Some(c.refresh_token_validity()),
            units.and_then(|u| u.refresh_token()),
            "days",
        ),
        auth_session_validity: c.auth_session_validity(),
        read_attributes: c.read_attributes().to_vec(),
        write_attributes: c.write_attributes().to_vec(),
        allowed_oauth_flows: c
            .allowed_o_auth_flows()
            .iter()
            .map(|f| f.as_str().to_string())
            .collect(),
        allowed_oauth_scopes: c.allowed_o_auth_scopes().to_vec(),
        allowed_oauth_flows_user_pool_client: c
            .allowed_o_auth_flows_user_pool_client()
            .unwrap_or(false),
        callback_urls: c.callback_urls().to_vec(),
        logout_urls: c.logout_urls().to_vec(),
        default_redirect_uri: c.default_redirect_uri().map(str::to_string),
        supported_identity_providers: c.supported_identity_providers().to_vec(),
        prevent_user_existence_errors: c
            .prevent_user_existence_errors()
            .map(|p| p.as_str().to_string()),
        enable_token_revocation: c.enable_token_revocation(),
        created: secs(c.creation_date()),
        modified: secs(c.last_modified_date()),
    }
}

impl SdkCognito {
    async fn describe_client_raw(
        &self,
        pool_id: &str,
        client_id: &str,
    ) -> Result<t::UserPoolClientType> {
        self.pace(Family::ResourceRead).await;
        let out = self
            .client
            .describe_user_pool_client()
            .user_pool_id(pool_id)
            .client_id(client_id)
            .send()
            .await
            .map_err(|e| classify("DescribeUserPoolClient", e))?;
        out.user_pool_client().cloned().ok_or_else(|| {
            CognitoError::new(
                ErrorKind::Other,
                "DescribeUserPoolClient returned no client",
            )
        })
    }
}

#[async_trait]
impl BrowseApi for SdkCognito {
    async fn describe_user_pool_client(&self, pool_id: &str, client_id: &str) -> Result<AppClient> {
        let c = self.describe_client_raw(pool_id, client_id).await?;
        Ok(app_client(&c))
    }

    async fn reveal_client_secret(&self, pool_id: &str, client_id: &str) -> Result<Option<Secret>> {
        let c = self.describe_client_raw(pool_id, client_id).await?;
        tracing::info!(client_id, "client secret revealed on request");
        Ok(c.client_secret().filter(|s| !s.is_empty()).map(Secret::new))
    }

    async fn list_users(
        &self,
        pool_id: &str,
        filter: Option<String>,
        pagination_token: Option<String>,
    ) -> Result<Page<User>> {
        self.pace(Family::UserList).await;
        let out = self
            .client
            .list_users()
            .user_pool_id(pool_id)
            .limit(USERS_PAGE)
            .set_filter(filter.filter(|f| !f.is_empty()))
            .set_pagination_token(pagination_token)
            .send()
            .await
            .map_err(|e| classify("ListUsers", e))?;
        Ok(Page {
            items: out.users().iter().map(user).collect(),
            next_token: token(out.pagination_token()),
        })
    }

    async fn admin_list_groups_for_user(
        &self,
        pool_id: &str,
        username: &str,
        next_token: Option<String>,
    ) -> Result<Page<Group>> {
        self.pace(Family::UserRead).await;
        let out = self
            .client
            .admin_list_groups_for_user()
            .user_pool_id(pool_id)
            .username(username)
            .limit(60)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| classify("AdminListGroupsForUser", e))?;
        Ok(Page {
            items: out.groups().iter().map(group).collect(),
            next_token: token(out.next_token()),
        })
    }

    async fn admin_list_devices(
        &self,
        pool_id: &str,
        username: &str,
        pagination_token: Option<String>,
    ) -> Result<Page<Device>> {
        self.pace(Family::UserRead).await;
        let out = self
            .client
            .admin_list_devices()
            .user_pool_id(pool_id)
            .username(username)
            .limit(60)
            .set_pagination_token(pagination_token)
            .send()
            .await
            .map_err(|e| classify("AdminListDevices", e).unsupported_if_missing())?;
        Ok(Page {
            items: out
                .devices()
                .iter()
                .map(|d| {
                    let attributes = pairs(d.device_attributes());
                    Device {
                        key: d.device_key().unwrap_or_default().to_string(),
                        name: attributes
                            .iter()
                            .find(|(k, _)| k == "device_name")
                            .map(|(_, v)| v.clone()),
                        attributes,
                        created: secs(d.device_create_date()),
                        modified: secs(d.device_last_modified_date()),
                        last_authenticated: secs(d.device_last_authenticated_date()),
                    }
                })
                .collect(),
            next_token: token(out.pagination_token()),
        })
    }

    async fn get_group(&self, pool_id: &str, name: &str) -> Result<Group> {
        self.pace(Family::ResourceRead).await;
        let out = self
            .client
            .get_group()
            .user_pool_id(pool_id)
            .group_name(name)
            .send()
            .await
            .map_err(|e| classify("GetGroup", e))?;
        out.group()
            .map(group)
            .ok_or_else(|| CognitoError::new(ErrorKind::Other, "GetGroup returned no group"))
    }

    async fn list_users_in_group(
        &self,
        pool_id: &str,
        name: &str,
        next_token: Option<String>,
    ) -> Result<Page<User>> {
        self.pace(Family::UserList).await;
        let out = self
            .client
            .list_users_in_group()
            .user_pool_id(pool_id)
            .group_name(name)
            .limit(USERS_PAGE)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| classify("ListUsersInGroup", e))?;
        Ok(Page {
            items: out.users().iter().map(user).collect(),
            next_token: token(out.next_token()),
        })
    }
}
