//! The command line: the flags and subcommands (clap), and a dispatch to each subcommand's
//! body in `cli/`. Bad flags fail in clap; bad config, log file or credentials fail in the
//! bodies, on stderr, with exit code 2 — before the terminal enters raw mode. No subcommand's
//! work is done here.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use cognito_tui::app::logging;
use cognito_tui::cli::out::Output;
use cognito_tui::cli::start::fail;
use cognito_tui::cli::{
    auth, credentials, docs, emulator, export, oauth, oauth_refresh, pools, sandbox, seed, tui,
};
use cognito_tui::cognito::ConnectOptions;
use cognito_tui::core::input::keymap::Keymap;

#[derive(Debug, Parser)]
#[command(
    name = "cognito-tui",
    version,
    about = "A terminal console for Amazon Cognito user pools",
    after_help = EXIT_CODES,
    after_long_help = EXIT_CODES,
    long_about = "A terminal console for Amazon Cognito user pools: browse pools, clients, users, groups and triggers, and run sign-in flows.\n\nWithout a subcommand it opens the TUI. Credentials and region come from the standard AWS chain (environment, profiles incl. SSO, AWS_REGION, AWS_ENDPOINT_URL)."
)]
struct Cli {
    /// AWS profile to use (default: AWS_PROFILE or `default`).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "NAME"
    )]
    profile: Option<String>,
    /// AWS region, e.g. eu-west-1 (default: AWS_REGION or the profile's region).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "REGION"
    )]
    region: Option<String>,
    /// Send every call to this endpoint instead of AWS, e.g. http://127.0.0.1:4566.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "URL"
    )]
    endpoint_url: Option<String>,
    /// Refuse every call that would change the pool.
    #[arg(long, global = true, help_heading = "Global options")]
    read_only: bool,
    /// Write the log here (default: $XDG_STATE_HOME/cognito-tui/cognito-tui.log).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "FILE"
    )]
    log_file: Option<PathBuf>,
    /// Give up on a call after this many seconds (retries included).
    #[arg(long, global = true, help_heading = "Global options", value_name = "SECS", default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    timeout: u64,
    /// Key bindings and colours (default: $XDG_CONFIG_HOME/cognito-tui/config.toml).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "FILE"
    )]
    config: Option<PathBuf>,
    /// Colours in the TUI: auto (off when NO_COLOR is set), always, never.
    #[arg(long, global = true, help_heading = "Global options", value_enum,
          default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Presenter mode: nothing secret or replayable is drawn (`:presenter` toggles it).
    #[arg(long, global = true, help_heading = "Global options")]
    presenter: bool,
    /// The guided tour's chapters (`:workshop`; default: the bundled workshop tour).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "FILE"
    )]
    chapters: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Every subcommand's `--help` ends with these; the README lists them too.
const EXIT_CODES: &str = "Exit codes:\n  0    ok\n  1    the service refused (a failed call, a refused sign-in, read-only)\n  2    usage or set-up (bad flags, config, credentials, region, endpoint)\n  130  interrupted (Ctrl-C in a headless command, SIGINT)\n  129  the terminal hung up (SIGHUP); the TUI restores the terminal first\n  141  stdout was closed early (`| head`); nothing more is written\n  143  terminated (SIGTERM); the TUI restores the terminal first";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether the TUI draws in colour: `auto` follows NO_COLOR (set and not empty: no colour).
    fn colour(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the user pools on stdout: a table on a terminal, JSON when piped.
    Pools {
        /// json or table (default: table when stdout is a terminal, else json).
        #[arg(long, value_enum, value_name = "FORMAT")]
        output: Option<Output>,
    },
    /// Create what a workshop file describes (pool, triggers, groups, clients, users),
    /// idempotently, against the endpoint the global flags name.
    Seed {
        /// The workshop file, e.g. assets/workshop.json.
        file: PathBuf,
        /// Run the trigger functions as this existing IAM role instead of creating one.
        #[arg(long, value_name = "ARN")]
        lambda_role_arn: Option<String>,
    },
    /// Write a pool's users to a file or stdout, page by page, with progress on stderr:
    /// JSON lines (with each user's groups) or the CSV a user import job takes.
    Export {
        /// The user pool, e.g. eu-west-1_AbCdEf123.
        #[arg(long, value_name = "ID")]
        pool_id: String,
        #[arg(long, value_enum, default_value_t = export::Format::Jsonl)]
        format: export::Format,
        /// Write here (replaced only once the export is complete) instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// JSON lines without groups (skips reading every group's members first).
        #[arg(long)]
        no_groups: bool,
        /// The JSON lines as json or a table (default: table when stdout is a terminal and
        /// there is no --out, else json). Not with --format csv.
        #[arg(long, value_enum, value_name = "FORMAT")]
        output: Option<Output>,
    },
    /// Sign in without the TUI: asks on the terminal for the password and any codes (or reads
    /// them as lines from stdin when it is not a terminal), answers the challenges, and prints
    /// the tokens as JSON on stdout. The step timeline goes to stderr, without secrets.
    Auth {
        /// The user pool, e.g. eu-west-1_AbCdEf123.
        #[arg(long, value_name = "ID")]
        pool_id: String,
        /// The app client.
        #[arg(long, value_name = "ID")]
        client_id: String,
        /// USER_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH,
        /// CUSTOM_AUTH, CUSTOM_AUTH_WITH_SRP (SRP first), USER_AUTH, or the hosted flows
        /// AUTHORIZATION_CODE (managed login in the browser, PKCE) and CLIENT_CREDENTIALS
        /// (machine to machine), or REFRESH (the refresh way the client needs, picked from its
        /// settings: GetTokensFromRefreshToken, /oauth2/token or REFRESH_TOKEN_AUTH) (any case).
        #[arg(long, value_name = "FLOW")]
        flow: String,
        /// Who signs in. For REFRESH_TOKEN_AUTH with a client secret: the user's real username
        /// (the access token's `username` claim), for SECRET_HASH.
        #[arg(long, value_name = "NAME")]
        username: Option<String>,
        /// Add each token's decoded header and claims and the JWKS verification verdict.
        #[arg(long)]
        decode: bool,
        /// Read the client secret from this environment variable when DescribeUserPoolClient
        /// is not allowed (otherwise it is asked for when needed).
        #[arg(long, value_name = "VAR")]
        client_secret_env: Option<String>,
        /// With USER_AUTH: the first factor to ask for (PASSWORD, PASSWORD_SRP, EMAIL_OTP,
        /// SMS_OTP).
        #[arg(long, value_name = "CHALLENGE")]
        preferred_challenge: Option<String>,
        /// AUTHORIZATION_CODE: the redirect URI, one of the client's CallbackURLs (default:
        /// its first http://localhost:PORT/… one); a listener waits on its port.
        #[arg(long, value_name = "URI")]
        redirect_uri: Option<String>,
        /// Hosted flows: the scopes to ask for, space-separated (default: all the client may have).
        #[arg(long, value_name = "SCOPES")]
        scope: Option<String>,
        /// AUTHORIZATION_CODE: go straight to this identity provider (e.g. COGNITO, Google).
        #[arg(long, value_name = "NAME")]
        identity_provider: Option<String>,
        /// AUTHORIZATION_CODE: do not open a browser; the authorize URL is printed alone on
        /// one line of stderr.
        #[arg(long)]
        no_browser: bool,
        /// Hosted flows: the managed-login base URL (default: under the endpoint URL, else the
        /// pool's custom or prefix domain).
        #[arg(long, value_name = "URL")]
        domain_url: Option<String>,
        /// AUTHORIZATION_CODE: seconds to wait for the browser to come back.
        #[arg(long, value_name = "SECS", default_value_t = 300)]
        redirect_timeout: u64,
        /// Print a pre-flight (what this sign-in will meet: flow, SECRET_HASH, username or
        /// alias, user status, MFA, triggers) before the first request, and the likely cause
        /// of each failed step, on stderr. Exit codes are unchanged.
        #[arg(long)]
        explain: bool,
    },
    /// Sign in as `auth` does, exchange the ID token at an identity pool for temporary AWS
    /// credentials, and print them as credential_process JSON on stdout (for
    /// `credential_process = cognito-tui credentials ...` in ~/.aws/config). The timeline and
    /// the role explanation (the mapping's prediction beside the role given) go to stderr.
    /// Never loads credentials from a profile (that profile may run this very command).
    Credentials {
        /// The identity pool, e.g. us-east-1:1a2b3c4d-....
        #[arg(long, value_name = "ID")]
        identity_pool_id: String,
        /// The user pool the identity pool trusts (not with --guest).
        #[arg(long, value_name = "ID")]
        pool_id: Option<String>,
        /// The app client the identity pool trusts (not with --guest).
        #[arg(long, value_name = "ID")]
        client_id: Option<String>,
        /// Who signs in.
        #[arg(long, value_name = "NAME")]
        username: Option<String>,
        /// The sign-in flow, as for `auth`.
        #[arg(long, value_name = "FLOW", default_value = "USER_SRP_AUTH")]
        flow: String,
        /// Ask for this role (one of the ID token's cognito:roles).
        #[arg(long, value_name = "ARN")]
        custom_role_arn: Option<String>,
        /// Guest (unauthenticated) credentials: no sign-in.
        #[arg(long)]
        guest: bool,
        /// The basic flow: GetOpenIdToken, then STS AssumeRoleWithWebIdentity (the role:
        /// --custom-role-arn, else the one the mapping predicts).
        #[arg(long)]
        basic: bool,
        /// Read the client secret from this environment variable.
        #[arg(long, value_name = "VAR")]
        client_secret_env: Option<String>,
    },
    /// Print a shell completion script on stdout, e.g.
    /// `cognito-tui completions bash > ~/.local/share/bash-completion/completions/cognito-tui`.
    Completions {
        /// bash, zsh, fish, powershell or elvish.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on stdout, e.g. `cognito-tui man | man -l -`.
    Man,
    /// Start the local emulator, seed the workshop pool, open the TUI on it, and stop the
    /// emulator when the TUI exits. Needs scripts/setup-emulators.sh to have run.
    Sandbox {
        /// The workshop file to seed (default: assets/workshop.json on ministack,
        /// assets/mfa-workshop.json on moto).
        #[arg(long, value_name = "FILE")]
        seed: Option<PathBuf>,
        /// Which emulator to run: ministack (triggers run, custom auth) or moto (MFA set-up
        /// with an authenticator app).
        #[arg(long, value_enum, default_value_t = SandboxEmulator::Ministack)]
        emulator: SandboxEmulator,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SandboxEmulator {
    Ministack,
    Moto,
}

/// The clap definition, with the exit codes under every subcommand's help too.
fn definition() -> clap::Command {
    Cli::command().mut_subcommands(|s| s.after_help(EXIT_CODES))
}

fn main() -> ExitCode {
    let cli = match Cli::from_arg_matches(&definition().get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    if let Some(Command::Export {
        format: export::Format::Csv,
        output: Some(_),
        ..
    }) = &cli.command
    {
        let mut def = definition();
        def.build();
        let msg = "--output is for the JSON lines; --format csv is always CSV";
        let kind = clap::error::ErrorKind::ArgumentConflict;
        match def.find_subcommand_mut("export") {
            Some(export) => export.error(kind, msg).exit(),
            None => def.error(kind, msg).exit(),
        }
    }
    // The two that only print what clap knows need no runtime, log or credentials.
    match &cli.command {
        Some(Command::Completions { shell }) => return docs::completions(definition(), *shell),
        Some(Command::Man) => return docs::man(definition()),
        _ => {}
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(format!("cannot start the async runtime: {e}")),
    };
    runtime.block_on(run(cli))
}

async fn run(cli: Cli) -> ExitCode {
    // The config file only matters to the TUI; a bad one fails before anything else.
    let (keymap, workshop) = if matches!(cli.command, None | Some(Command::Sandbox { .. })) {
        let keymap = match tui::load_config(cli.config.as_deref(), cli.color.colour()) {
            Ok(keymap) => keymap,
            Err(code) => return code,
        };
        match cognito_tui::app::workshop::configure(cli.presenter, cli.chapters.as_deref()) {
            Ok(workshop) => (keymap, workshop),
            Err(e) => return fail(e),
        }
    } else {
        (Keymap::default(), Default::default())
    };
    let log_path = cli.log_file.clone().unwrap_or_else(logging::default_path);
    if let Err(e) = logging::init(&log_path) {
        return fail(e);
    }
    let opts = ConnectOptions {
        profile: cli.profile.clone(),
        region: cli.region.clone(),
        endpoint_url: cli.endpoint_url.clone(),
        read_only: cli.read_only,
        call_timeout: Duration::from_secs(cli.timeout),
        max_attempts: std::env::var("AWS_MAX_ATTEMPTS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3),
        static_credentials: None,
        pacing: true,
        anonymous: false,
    };
    match cli.command {
        None => tui::start(&opts, cli.profile, &log_path, keymap, workshop).await,
        Some(Command::Pools { output }) => pools::run(&opts, Output::or_by_terminal(output)).await,
        Some(Command::Seed {
            file,
            lambda_role_arn,
        }) => seed::run(&opts, &file, lambda_role_arn.as_deref()).await,
        Some(Command::Export {
            pool_id,
            format,
            out,
            no_groups,
            output,
        }) => {
            let output = match (output, &out) {
                (None, Some(_)) => Output::Json,
                (chosen, _) => Output::or_by_terminal(chosen),
            };
            let shape = export::Shape::of(format, output);
            export::run(&opts, &pool_id, shape, out.as_deref(), !no_groups).await
        }
        Some(Command::Auth {
            pool_id,
            client_id,
            flow,
            username,
            decode,
            client_secret_env,
            preferred_challenge,
            redirect_uri,
            scope,
            identity_provider,
            no_browser,
            domain_url,
            redirect_timeout,
            explain,
        }) => {
            let o = auth::Options {
                pool_id,
                client_id,
                flow,
                username,
                decode,
                client_secret_env,
                preferred_challenge,
                explain,
            };
            let hosted = oauth::HostedOptions {
                redirect_uri,
                scope,
                identity_provider,
                no_browser,
                domain_url,
                redirect_timeout,
            };
            // The hosted flows and the refresh that picks its way have their own files.
            let flow = oauth::hosted_flow(&o.flow);
            if let Some(flag) = oauth::stray_flag(&hosted, flow).filter(|_| flow.is_none()) {
                fail(format!(
                    "{flag} goes with --flow AUTHORIZATION_CODE or CLIENT_CREDENTIALS"
                ))
            } else if let Some(flow) = flow {
                oauth::run(&opts, o, hosted, flow).await
            } else if oauth_refresh::is_refresh(&o.flow) {
                oauth_refresh::run(&opts, o, hosted.domain_url).await
            } else {
                auth::run(&opts, o).await
            }
        }
        Some(Command::Credentials {
            identity_pool_id,
            pool_id,
            client_id,
            username,
            flow,
            custom_role_arn,
            guest,
            basic,
            client_secret_env,
        }) => {
            let o = credentials::Options {
                identity_pool_id,
                pool_id,
                client_id,
                username,
                flow,
                custom_role_arn,
                guest,
                basic,
                client_secret_env,
            };
            credentials::run(&opts, o).await
        }
        Some(Command::Completions { .. } | Command::Man) => ExitCode::SUCCESS,
        Some(Command::Sandbox { seed, emulator }) => {
            let kind = match emulator {
                SandboxEmulator::Ministack => emulator::Kind::Ministack,
                SandboxEmulator::Moto => emulator::Kind::Moto,
            };
            sandbox::run(opts, seed, kind, &log_path, keymap, workshop).await
        }
    }
}
