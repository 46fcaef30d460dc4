//! The SRP big-number work the runner hands out ([`SrpWork`]) and its result ([`SrpDone`]).
//! The app runs it off the UI loop, on a blocking thread, and passes it what the pure code may
//! not take itself: the current time (the claim's `TIMESTAMP`) and a cryptographic random
//! number generator (the secret `a`). No I/O, no clock, no randomness of its own.

use std::fmt;

use rand::{CryptoRng, RngCore};
use time::OffsetDateTime;

use crate::auth::srp::{self, PasswordClaim, SrpClient, SrpError};
use crate::domain::secret::Secret;

/// Big-number SRP work to run off the UI loop; hand the result to
/// [`Runner::srp_done`](crate::auth::Runner::srp_done).
/// `Debug` never shows the password or the secret `a`.
pub struct SrpWork(pub(super) SrpJob);

pub(super) enum SrpJob {
    /// Draw a random `a` (from the caller's generator) and compute `A = g^a mod N`.
    NewClient,
    /// Answer `PASSWORD_VERIFIER`.
    Claim {
        client: SrpClient,
        pool_id: String,
        user_id_for_srp: String,
        password: Secret,
        srp_b: String,
        salt: String,
        secret_block: String,
    },
}

impl SrpWork {
    /// Runs the computation. `now` becomes the claim's `TIMESTAMP` (pass the current UTC time);
    /// `rng` draws the secret `a` of a new SRP client (pass the operating system's generator,
    /// `rand::rngs::OsRng`). The claim does not use `rng`.
    pub fn run(self, now: OffsetDateTime, rng: &mut (impl RngCore + CryptoRng)) -> SrpDone {
        SrpDone(match self.0 {
            SrpJob::NewClient => SrpOutcome::Client(SrpClient::new(rng)),
            SrpJob::Claim {
                client,
                pool_id,
                user_id_for_srp,
                password,
                srp_b,
                salt,
                secret_block,
            } => SrpOutcome::Claim(client.password_claim(
                &pool_id,
                &user_id_for_srp,
                password.expose(),
                &srp_b,
                &salt,
                &secret_block,
                &srp::cognito_timestamp(now),
            )),
        })
    }

    /// What is being computed, for a status line.
    pub fn describe(&self) -> &'static str {
        match self.0 {
            SrpJob::NewClient => "computing SRP_A = g^a mod N",
            SrpJob::Claim { .. } => "computing the SRP password claim",
        }
    }
}

impl fmt::Debug for SrpWork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SrpWork({})", self.describe())
    }
}

/// The result of [`SrpWork::run`].
pub struct SrpDone(pub(super) SrpOutcome);

pub(super) enum SrpOutcome {
    Client(SrpClient),
    Claim(Result<PasswordClaim, SrpError>),
}

impl SrpDone {
    /// The public values of this SRP step, for the step view: `A`; or `B`, `u` and the
    /// signature (a one-time proof, useless once sent). Never the secret `a`, `x` or the key.
    pub fn public_values(&self) -> Vec<(&'static str, String)> {
        match &self.0 {
            SrpOutcome::Client(c) => vec![("A", c.srp_a_hex())],
            SrpOutcome::Claim(Ok(c)) => vec![
                ("B", c.srp_b_hex.clone()),
                ("u", c.u_hex.clone()),
                ("PASSWORD_CLAIM_SIGNATURE", c.signature_b64.clone()),
            ],
            SrpOutcome::Claim(Err(_)) => vec![],
        }
    }
}

impl fmt::Debug for SrpDone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            SrpOutcome::Client(_) => "SrpDone(SRP_A ready)",
            SrpOutcome::Claim(Ok(_)) => "SrpDone(password claim ready)",
            SrpOutcome::Claim(Err(_)) => "SrpDone(failed)",
        })
    }
}
