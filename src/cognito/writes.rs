//! The SDK-backed `AdminApi`: the writes an operator needs (users, groups, custom attributes,
//! trigger slots by read-modify-write) and the unpaced reads the admin work and the export
//! need. Every write passes the read-only guard first (`SdkCognito::write`/`writer`).

use async_trait::async_trait;
use aws_sdk_cognitoidentityprovider::types as t;

use super::api::AdminApi;
use super::client::SdkCognito;
use super::convert::{attrs, described_pool, page_token, schema_type, user};
use super::error::Result;
use super::pool_update::{carry_over, with_slot};
use crate::domain::*;

/// One MFA method's setting in the shape of each of the SDK's three settings types.
macro_rules! mfa_setting {
    ($ty:ty, $pref:expr) => {
        $pref.map(|p| {
            <$ty>::builder()
                .enabled(p.enabled)
                .preferred_mfa(p.preferred)
                .build()
        })
    };
}

/// A write addressed to one user and nothing more (delete, enable, disable, confirm, reset,
/// sign out): `user_write!(self, call("Operation", pool_id, username))`, where `call` is the
/// client's method for the operation.
macro_rules! user_write {
    ($api:expr, $call:ident($operation:literal, $pool_id:expr, $username:expr)) => {
        $api.write($operation, |c| {
            c.$call().user_pool_id($pool_id).username($username).send()
        })
        .await
        .map(|_| ())
    };
}

#[async_trait]
impl AdminApi for SdkCognito {
    async fn list_users_page(&self, pool_id: &str, token: Option<String>) -> Result<Page<User>> {
        let out = self
            .call("ListUsers", |c| {
                c.list_users()
                    .user_pool_id(pool_id)
                    .limit(60)
                    .set_pagination_token(token)
                    .send()
            })
            .await?;
        Ok(Page {
            items: out.users().iter().map(user).collect(),
            next_token: page_token(out.pagination_token()),
        })
    }

    async fn list_users_in_group_page(
        &self,
        pool_id: &str,
        group: &str,
        token: Option<String>,
    ) -> Result<Page<User>> {
        self.users_in_group_page(None, pool_id, group, token).await
    }

    async fn group_names_of_user(&self, pool_id: &str, username: &str) -> Result<Vec<String>> {
        let mut names = Vec::new();
        let mut next: Option<String> = None;
        let mut trail = crate::domain::untrusted::TokenTrail::default();
        loop {
            let out = self
                .call("AdminListGroupsForUser", |c| {
                    c.admin_list_groups_for_user()
                        .user_pool_id(pool_id)
                        .username(username)
                        .limit(60)
                        .set_next_token(next)
                        .send()
                })
                .await?;
            names.extend(
                out.groups()
                    .iter()
                    .filter_map(|g| g.group_name().map(str::to_string)),
            );
            match trail.follow("AdminListGroupsForUser", page_token(out.next_token()))? {
                Some(t) => next = Some(t),
                None => return Ok(names),
            }
        }
    }

    async fn get_csv_header(&self, pool_id: &str) -> Result<Vec<String>> {
        let out = self
            .call("GetCSVHeader", |c| {
                c.get_csv_header().user_pool_id(pool_id).send()
            })
            .await?;
        Ok(out.csv_header().to_vec())
    }

    async fn admin_create_user(&self, pool_id: &str, new: &NewUser) -> Result<User> {
        let w = self.writer("AdminCreateUser")?;
        let mut req = w
            .cognito()
            .admin_create_user()
            .user_pool_id(pool_id)
            .username(&new.username)
            .set_user_attributes(Some(attrs(&new.attributes)?))
            .set_temporary_password(
                new.temporary_password
                    .as_ref()
                    .map(|p| p.expose().to_string()),
            )
            .set_message_action(new.message_action.map(|m| match m {
                MessageAction::Suppress => t::MessageActionType::Suppress,
                MessageAction::Resend => t::MessageActionType::Resend,
            }));
        for d in &new.delivery {
            req = req.desired_delivery_mediums(match d {
                DeliveryMedium::Email => t::DeliveryMediumType::Email,
                DeliveryMedium::Sms => t::DeliveryMediumType::Sms,
            });
        }
        let out = w.send("AdminCreateUser", req.send()).await?;
        Ok(out.user().map(user).unwrap_or_else(|| User {
            username: new.username.clone(),
            status: None,
            enabled: true,
            attributes: new.attributes.clone(),
            created: None,
            modified: None,
            ..Default::default()
        }))
    }

    async fn admin_delete_user(&self, pool_id: &str, username: &str) -> Result<()> {
        user_write!(
            self,
            admin_delete_user("AdminDeleteUser", pool_id, username)
        )
    }

    async fn admin_enable_user(&self, pool_id: &str, username: &str) -> Result<()> {
        user_write!(
            self,
            admin_enable_user("AdminEnableUser", pool_id, username)
        )
    }

    async fn admin_disable_user(&self, pool_id: &str, username: &str) -> Result<()> {
        user_write!(
            self,
            admin_disable_user("AdminDisableUser", pool_id, username)
        )
    }

    async fn admin_confirm_sign_up(&self, pool_id: &str, username: &str) -> Result<()> {
        user_write!(
            self,
            admin_confirm_sign_up("AdminConfirmSignUp", pool_id, username)
        )
    }

    async fn admin_reset_user_password(&self, pool_id: &str, username: &str) -> Result<()> {
        user_write!(
            self,
            admin_reset_user_password("AdminResetUserPassword", pool_id, username)
        )
    }

    async fn admin_delete_user_attributes(
        &self,
        pool_id: &str,
        username: &str,
        names: &[String],
    ) -> Result<()> {
        self.write("AdminDeleteUserAttributes", |c| {
            c.admin_delete_user_attributes()
                .user_pool_id(pool_id)
                .username(username)
                .set_user_attribute_names(Some(names.to_vec()))
                .send()
        })
        .await?;
        Ok(())
    }

    async fn admin_user_global_sign_out(&self, pool_id: &str, username: &str) -> Result<()> {
        user_write!(
            self,
            admin_user_global_sign_out("AdminUserGlobalSignOut", pool_id, username)
        )
    }

    async fn admin_remove_user_from_group(
        &self,
        pool_id: &str,
        username: &str,
        group: &str,
    ) -> Result<()> {
        self.write("AdminRemoveUserFromGroup", |c| {
            c.admin_remove_user_from_group()
                .user_pool_id(pool_id)
                .username(username)
                .group_name(group)
                .send()
        })
        .await?;
        Ok(())
    }

    async fn admin_set_user_mfa_preference(
        &self,
        pool_id: &str,
        username: &str,
        prefs: &UserMfaPreferences,
    ) -> Result<()> {
        self.write("AdminSetUserMFAPreference", |c| {
            c.admin_set_user_mfa_preference()
                .user_pool_id(pool_id)
                .username(username)
                .set_sms_mfa_settings(mfa_setting!(t::SmsMfaSettingsType, prefs.sms))
                .set_software_token_mfa_settings(mfa_setting!(
                    t::SoftwareTokenMfaSettingsType,
                    prefs.software_token
                ))
                .set_email_mfa_settings(mfa_setting!(t::EmailMfaSettingsType, prefs.email))
                .send()
        })
        .await?;
        Ok(())
    }

    async fn update_group(&self, pool_id: &str, group: &Group) -> Result<()> {
        self.write("UpdateGroup", |c| {
            c.update_group()
                .user_pool_id(pool_id)
                .group_name(&group.name)
                .set_description(group.description.clone())
                .set_precedence(group.precedence)
                .set_role_arn(group.role_arn.clone())
                .send()
        })
        .await?;
        Ok(())
    }

    async fn delete_group(&self, pool_id: &str, name: &str) -> Result<()> {
        self.write("DeleteGroup", |c| {
            c.delete_group()
                .user_pool_id(pool_id)
                .group_name(name)
                .send()
        })
        .await?;
        Ok(())
    }

    async fn add_custom_attributes(
        &self,
        pool_id: &str,
        attributes: &[SchemaAttribute],
    ) -> Result<()> {
        let w = self.writer("AddCustomAttributes")?;
        if attributes.is_empty() {
            return Err(CognitoError::new(
                ErrorKind::Validation,
                "AddCustomAttributes needs at least one attribute",
            ));
        }
        let req = w
            .cognito()
            .add_custom_attributes()
            .user_pool_id(pool_id)
            .set_custom_attributes(Some(
                attributes.iter().map(|a| schema_type(a, false)).collect(),
            ));
        w.send("AddCustomAttributes", req.send()).await?;
        Ok(())
    }

    async fn set_trigger(&self, pool_id: &str, slot: TriggerSlot, arn: Option<&str>) -> Result<()> {
        let w = self.writer("UpdateUserPool")?;
        let describe = w.cognito().describe_user_pool().user_pool_id(pool_id);
        let described = w.send("DescribeUserPool", describe.send()).await?;
        let pool = described_pool(&described)?;
        let lambda_config = with_slot(pool.lambda_config(), slot, arn)?;
        let update = carry_over(w.cognito().update_user_pool().user_pool_id(pool_id), pool)
            .lambda_config(lambda_config);
        w.send("UpdateUserPool", update.send()).await?;
        tracing::info!(
            pool_id,
            slot = slot.name(),
            set = arn.is_some(),
            "trigger changed"
        );
        Ok(())
    }
}
