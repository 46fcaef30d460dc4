//! Which operations are reads: the one list both interceptors use. The read-only guard
//! (`guard`) lets exactly these through (plus harmless challenge answers); the resend guard
//! (`retry`, via `error::may_resend`) lets the SDK retry these, except the sign-in starts,
//! which can send a code. Plain data: it imports nothing.

pub(super) const COGNITO: &str = "Cognito Identity Provider";
pub(super) const LAMBDA: &str = "Lambda";
pub(super) const IAM: &str = "IAM";
pub(super) const IDENTITY: &str = "Cognito Identity";
pub(super) const STS: &str = "STS";

/// The operations a read-only gateway may send: reads, and the sign-in calls that only hand
/// out tokens (InitiateAuth, AdminInitiateAuth) or read them (GetUser).
///
/// The identity pool exchange counts as signing in, so read-only mode allows it: GetId (the
/// first time a login is seen, Cognito records an identity id for it — no user pool, role or
/// policy changes), GetCredentialsForIdentity, GetOpenIdToken and STS
/// AssumeRoleWithWebIdentity only hand out credentials, GetCallerIdentity reads them.
pub(super) const READS: &[(&str, &str)] = &[
    (COGNITO, "ListUserPools"),
    (COGNITO, "DescribeUserPool"),
    (COGNITO, "ListUserPoolClients"),
    (COGNITO, "DescribeUserPoolClient"),
    (COGNITO, "ListGroups"),
    (COGNITO, "GetGroup"),
    (COGNITO, "ListUsers"),
    (COGNITO, "ListUsersInGroup"),
    (COGNITO, "AdminGetUser"),
    (COGNITO, "AdminListGroupsForUser"),
    (COGNITO, "AdminListDevices"),
    (COGNITO, "AdminListUserAuthEvents"),
    (COGNITO, "GetCSVHeader"),
    (COGNITO, "GetUserPoolMfaConfig"),
    (COGNITO, "GetUser"),
    (COGNITO, "DescribeUserPoolDomain"),
    (COGNITO, "ListResourceServers"),
    (COGNITO, "ListIdentityProviders"),
    (COGNITO, "DescribeIdentityProvider"),
    (COGNITO, "InitiateAuth"),
    (COGNITO, "AdminInitiateAuth"),
    (LAMBDA, "GetFunction"),
    (IAM, "GetRole"),
    (IDENTITY, "ListIdentityPools"),
    (IDENTITY, "DescribeIdentityPool"),
    (IDENTITY, "GetIdentityPoolRoles"),
    (IDENTITY, "GetId"),
    (IDENTITY, "GetCredentialsForIdentity"),
    (IDENTITY, "GetOpenIdToken"),
    (STS, "AssumeRoleWithWebIdentity"),
    (STS, "GetCallerIdentity"),
];

/// Reads that must still never be sent twice: starting a sign-in can send a one-time code
/// (EMAIL_OTP, SMS), and a second start would send another.
pub(super) const NOT_RESENT: &[&str] = &["InitiateAuth", "AdminInitiateAuth"];
