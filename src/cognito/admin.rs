//! The writes an operator needs: users, groups, attributes, pool settings (read-modify-write), export. Every method passes the read-only guard first.
//! Part of the gateway: SDK types stay inside `cognito/`.

use async_trait::async_trait;

#[allow(unused_imports)]
use super::{CognitoError, ErrorKind, Result, SdkCognito};

#[async_trait]
pub trait AdminApi: Send + Sync {}

#[async_trait]
impl AdminApi for SdkCognito {}
