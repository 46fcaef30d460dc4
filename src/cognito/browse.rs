//! Reads behind the browse panes: app clients, users (with server-side filters), user detail, groups and members, schema.
//! Part of the gateway: SDK types stay inside `cognito/`.

use async_trait::async_trait;

#[allow(unused_imports)]
use super::{CognitoError, ErrorKind, Result, SdkCognito};

#[async_trait]
pub trait BrowseApi: Send + Sync {}

#[async_trait]
impl BrowseApi for SdkCognito {}
