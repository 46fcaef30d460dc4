//! The sign-in calls the auth-flow runner sends: InitiateAuth, RespondToAuthChallenge (and the Admin variants), software-token setup, GetUser, sign-out and revocation, the client secret and JWKS.
//! Part of the gateway: SDK types stay inside `cognito/`.

use async_trait::async_trait;

#[allow(unused_imports)]
use super::{CognitoError, ErrorKind, Result, SdkCognito};

#[async_trait]
pub trait AuthApi: Send + Sync {}

#[async_trait]
impl AuthApi for SdkCognito {}
