//! The Cognito gateway: the ONLY module that imports the AWS SDK (Cognito, Lambda, IAM,
//! Cognito Identity, STS). It owns the `CognitoApi` trait (one method per operation the app
//! uses), the SDK-backed implementation, its conversions and error classification. It never sees ratatui or the
//! Model; its callers see domain types only.
//!
//! The files depend one way, top to bottom; none imports this file or a file above it:
//!
//! - `pools`, `reads`, `writes`, `signin`, `identity` (identity pools and STS): the trait
//!   implementations, one trait each;
//!   `pool_update`: UpdateUserPool's read-modify-write, for `writes`.
//! - `client`: `connect`, `SdkCognito`, and the only paths a call takes to the SDK (paced
//!   reads, and writes behind the read-only guard). `retry`: the resend guard on its clients.
//! - `guard`: the read-only interceptor every request passes (reads and harmless sign-in
//!   steps only; everything else refused before it is sent), and the clients' construction.
//! - `convert`: SDK shapes to domain types and back. `pace`: the per-family token buckets.
//!   `diagnose`: the reads behind a sign-in's pre-flight and diagnosis, and auth events.
//!   `http`: the size-capped reading of the bodies fetched outside the SDK (the JWKS).
//! - `oauth`: `OauthApi` (domain, resource servers, identity providers, rotation, the
//!   seed's OAuth writes); `hosted`: the token and userInfo endpoints, outside the SDK.
//! - `api`: the traits. `error`: classification and `Result`. `startup`: why no credentials
//!   could be loaded, as a sentence for stderr.

mod api;
mod client;
mod convert;
mod diagnose;
mod error;
mod guard;
mod hosted;
mod http;
mod identity;
mod oauth;
mod operations;
pub mod pace;
mod pool_update;
mod pools;
mod reads;
mod retry;
mod signin;
mod startup;
mod writes;

pub use api::{
    AdminApi, AuthApi, BrowseApi, CognitoApi, IDENTITY_WRITES, IdentityApi, MUTATING_OPERATIONS,
};
pub use client::{ConnectOptions, SdkCognito, connect};
pub use error::Result;
pub use oauth::{HostedReply, OauthApi};
