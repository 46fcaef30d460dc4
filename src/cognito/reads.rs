//! The SDK-backed `BrowseApi`: the reads behind the browse panes (app clients, users with
//! server-side filters, user groups and devices, groups and their members). Every call is
//! paced by its quota family (the export's unpaced ListUsersInGroup page, in `writes`, shares
//! the request built here); nothing here writes.

use async_trait::async_trait;
use aws_sdk_cognitoidentityprovider::types as t;

use super::api::BrowseApi;
use super::client::SdkCognito;
use super::convert::{app_client, described_client, device, group, page_token, user};
use super::error::Result;
use super::pace::Family;
use crate::domain::secret::Secret;
use crate::domain::{AppClient, CognitoError, Device, ErrorKind, Group, Page, User};

/// Users per ListUsers / ListUsersInGroup page (ListUsers' maximum).
const USERS_PAGE: i32 = 60;

impl SdkCognito {
    /// DescribeUserPoolClient as the SDK gives it (for settings the domain type leaves out).
    pub(super) async fn describe_client_raw(
        &self,
        pool_id: &str,
        client_id: &str,
    ) -> Result<t::UserPoolClientType> {
        let out = self
            .read(Family::ResourceRead, "DescribeUserPoolClient", |c| {
                c.describe_user_pool_client()
                    .user_pool_id(pool_id)
                    .client_id(client_id)
                    .send()
            })
            .await?;
        described_client(&out).cloned()
    }

    /// One ListUsersInGroup page, paced by `family` (`None`: unpaced, for the export).
    pub(super) async fn users_in_group_page(
        &self,
        family: Option<Family>,
        pool_id: &str,
        name: &str,
        next_token: Option<String>,
    ) -> Result<Page<User>> {
        let out = self
            .read(family, "ListUsersInGroup", |c| {
                c.list_users_in_group()
                    .user_pool_id(pool_id)
                    .group_name(name)
                    .limit(USERS_PAGE)
                    .set_next_token(next_token)
                    .send()
            })
            .await?;
        Ok(Page {
            items: out.users().iter().map(user).collect(),
            next_token: page_token(out.next_token()),
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
        let out = self
            .read(Family::UserList, "ListUsers", |c| {
                c.list_users()
                    .user_pool_id(pool_id)
                    .limit(USERS_PAGE)
                    .set_filter(filter.filter(|f| !f.is_empty()))
                    .set_pagination_token(pagination_token)
                    .send()
            })
            .await?;
        Ok(Page {
            items: out.users().iter().map(user).collect(),
            next_token: page_token(out.pagination_token()),
        })
    }

    async fn admin_list_groups_for_user(
        &self,
        pool_id: &str,
        username: &str,
        next_token: Option<String>,
    ) -> Result<Page<Group>> {
        let out = self
            .read(Family::UserRead, "AdminListGroupsForUser", |c| {
                c.admin_list_groups_for_user()
                    .user_pool_id(pool_id)
                    .username(username)
                    .limit(60)
                    .set_next_token(next_token)
                    .send()
            })
            .await?;
        Ok(Page {
            items: out.groups().iter().map(group).collect(),
            next_token: page_token(out.next_token()),
        })
    }

    async fn admin_list_devices(
        &self,
        pool_id: &str,
        username: &str,
        pagination_token: Option<String>,
    ) -> Result<Page<Device>> {
        let out = self
            .read(Family::UserRead, "AdminListDevices", |c| {
                c.admin_list_devices()
                    .user_pool_id(pool_id)
                    .username(username)
                    .limit(60)
                    .set_pagination_token(pagination_token)
                    .send()
            })
            .await
            .map_err(CognitoError::unsupported_if_missing)?;
        Ok(Page {
            items: out.devices().iter().map(device).collect(),
            next_token: page_token(out.pagination_token()),
        })
    }

    async fn get_group(&self, pool_id: &str, name: &str) -> Result<Group> {
        let out = self
            .read(Family::ResourceRead, "GetGroup", |c| {
                c.get_group().user_pool_id(pool_id).group_name(name).send()
            })
            .await?;
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
        self.users_in_group_page(Some(Family::UserList), pool_id, name, next_token)
            .await
    }
}
