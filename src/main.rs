//! The command line: flags, subcommands and start-up checks. Bad flags, config or
//! credentials fail here, on stderr, with exit code 2 — before the terminal enters raw mode.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand};

use cognito_tui::app::{self, Settings};
use cognito_tui::app::{config, logging};
use cognito_tui::auth::{Flow, FlowConfig, Inputs, Runner};
use cognito_tui::cli::emulator::{self, Emulator};
use cognito_tui::cli::{auth as headless, export, seed};
use cognito_tui::cognito::{self, CognitoApi, ConnectOptions};
use cognito_tui::core::input::keymap::Keymap;
use cognito_tui::core::model::Context;
use cognito_tui::ui;

#[derive(Debug, Parser)]
#[command(
    name = "cognito-tui",
    version,
    about = "A terminal console for Amazon Cognito user pools",
    long_about = "A terminal console for Amazon Cognito user pools: browse pools, clients, users, groups and triggers, and run sign-in flows.\n\nWithout a subcommand it opens the TUI. Credentials and region come from the standard AWS chain (environment, profiles incl. SSO, AWS_REGION, AWS_ENDPOINT_URL)."
)]
struct Cli {
    /// AWS profile to use (default: AWS_PROFILE or `default`).
    #[arg(long, global = true, value_name = "NAME")]
    profile: Option<String>,
    /// AWS region, e.g. eu-west-1 (default: AWS_REGION or the profile's region).
    #[arg(long, global = true, value_name = "REGION")]
    region: Option<String>,
    /// Send every call to this endpoint instead of AWS, e.g. http://127.0.0.1:4566.
    #[arg(long, global = true, value_name = "URL")]
    endpoint_url: Option<String>,
    /// Refuse every call that would change the pool.
    #[arg(long, global = true)]
    read_only: bool,
    /// Write the log here (default: $XDG_STATE_HOME/cognito-tui/cognito-tui.log).
    #[arg(long, global = true, value_name = "FILE")]
    log_file: Option<PathBuf>,
    /// Give up on a call after this many seconds (retries included).
    #[arg(long, global = true, value_name = "SECS", default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    timeout: u64,
    /// Key bindings and colours (default: $XDG_CONFIG_HOME/cognito-tui/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the user pools as JSON on stdout.
    Pools,
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
        /// JSON lines without groups (skips one AdminListGroupsForUser call per user).
        #[arg(long)]
        no_groups: bool,
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
        /// CUSTOM_AUTH, CUSTOM_AUTH_WITH_SRP (SRP first) or USER_AUTH (any case).
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
    },
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cognito-tui: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(run(cli))
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("cognito-tui: {msg}");
    ExitCode::from(2)
}

async fn run(cli: Cli) -> ExitCode {
    // The config file only matters to the TUI; a bad one fails before anything else.
    let keymap = if matches!(cli.command, None | Some(Command::Sandbox { .. })) {
        match config::load(cli.config.as_deref()) {
            Ok(c) => {
                ui::theme::install(c.theme);
                c.keymap()
            }
            Err(e) => return fail(e),
        }
    } else {
        Keymap::default()
    };
    let log_path = cli.log_file.clone().unwrap_or_else(logging::default_path);
    if let Err(e) = logging::init(&log_path) {
        return fail(e);
    }
    let mut opts = ConnectOptions {
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
    };
    match cli.command {
        None => {
            let api = match cognito::connect(&opts).await {
                Ok(api) => api,
                Err(e) => return fail(e),
            };
            tui(api, &cli.profile, &log_path, &opts, keymap).await
        }
        Some(Command::Pools) => {
            let api = match cognito::connect(&opts).await {
                Ok(api) => api,
                Err(e) => return fail(e),
            };
            let mut all = Vec::new();
            let mut next = None;
            loop {
                match api.list_user_pools(next).await {
                    Ok(page) => {
                        all.extend(page.items);
                        match page.next_token {
                            Some(t) => next = Some(t),
                            None => break,
                        }
                    }
                    Err(e) => {
                        eprintln!("cognito-tui: ListUserPools failed: {e}");
                        return ExitCode::from(1);
                    }
                }
            }
            match serde_json::to_string_pretty(&all) {
                Ok(s) => {
                    println!("{s}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Some(Command::Seed {
            file,
            lambda_role_arn,
        }) => {
            let api = match cognito::connect(&opts).await {
                Ok(api) => api,
                Err(e) => return fail(e),
            };
            match seed::seed(&api, &file, lambda_role_arn.as_deref()).await {
                Ok(report) => {
                    let _ = report.print(&mut std::io::stdout());
                    ExitCode::SUCCESS
                }
                Err(e @ (seed::SeedError::Read { .. } | seed::SeedError::Invalid { .. })) => {
                    fail(e)
                }
                Err(e) => {
                    eprintln!("cognito-tui: seeding failed at {e}");
                    ExitCode::from(1)
                }
            }
        }
        Some(Command::Export {
            pool_id,
            format,
            out,
            no_groups,
        }) => {
            let api = match cognito::connect(&opts).await {
                Ok(api) => api,
                Err(e) => return fail(e),
            };
            run_export(&api, &pool_id, format, out.as_deref(), !no_groups).await
        }
        Some(Command::Auth {
            pool_id,
            client_id,
            flow,
            username,
            decode,
            client_secret_env,
            preferred_challenge,
        }) => {
            let flow = match headless::parse_flow(&flow, preferred_challenge.as_deref()) {
                Ok(f) => f,
                Err(e) => return fail(e),
            };
            let username = username.unwrap_or_default();
            if username.trim().is_empty() && flow != Flow::RefreshToken {
                return fail(format!("--username is required for {}", flow.name()));
            }
            let api = match cognito::connect(&opts).await {
                Ok(api) => api,
                Err(e) => return fail(e),
            };
            let config = FlowConfig::new(pool_id, client_id, username, flow);
            run_auth(&api, config, client_secret_env.as_deref(), decode).await
        }
        Some(Command::Sandbox {
            seed: seed_file,
            emulator,
        }) => {
            if cli.endpoint_url.is_some() {
                return fail("sandbox starts its own emulator; drop --endpoint-url");
            }
            let (kind, default_seed) = match emulator {
                SandboxEmulator::Ministack => (emulator::Kind::Ministack, "assets/workshop.json"),
                SandboxEmulator::Moto => (emulator::Kind::Moto, "assets/mfa-workshop.json"),
            };
            let file = seed_file
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(default_seed));
            if let Err(e) = seed::load(&file) {
                return fail(e);
            }
            eprintln!("Starting the local Cognito emulator ({})…", kind.name());
            let emu = match tokio::task::spawn_blocking(move || Emulator::start(kind)).await {
                Ok(Ok(emu)) => emu,
                Ok(Err(e)) => return fail(e),
                Err(e) => return fail(e),
            };
            // The sandbox speaks to its own emulator with its test credentials.
            opts.endpoint_url = Some(emu.endpoint());
            opts.profile = None;
            opts.static_credentials = Some(("test".into(), "test".into()));
            opts.region = Some(opts.region.unwrap_or_else(|| "us-east-1".into()));
            let api = match cognito::connect(&opts).await {
                Ok(api) => api,
                Err(e) => return fail(e),
            };
            eprintln!("Seeding {} on {}…", file.display(), emu.endpoint());
            match seed::seed(&api, &file, None).await {
                Ok(report) => {
                    let _ = report.print(&mut std::io::stderr());
                }
                Err(e) => {
                    eprintln!("cognito-tui: seeding the sandbox failed at {e}");
                    return ExitCode::from(1);
                }
            }
            let code = tui(api, &None, &log_path, &opts, keymap).await;
            drop(emu);
            eprintln!("Sandbox stopped.");
            code
        }
    }
}

async fn run_auth(
    api: &cognito::SdkCognito,
    mut config: FlowConfig,
    client_secret_env: Option<&str>,
    decode: bool,
) -> ExitCode {
    let mut err = std::io::stderr();
    config.client_secret = headless::resolve_client_secret(
        api,
        &config.pool_id,
        &config.client_id,
        client_secret_env,
        &mut err,
    )
    .await;
    let (pool_id, client_id) = (config.pool_id.clone(), config.client_id.clone());
    let mut runner = Runner::new(config);
    let result = headless::drive(
        api,
        &mut runner,
        Inputs::default(),
        &mut headless::Terminal,
        &mut err,
        headless::DriveOptions::default(),
    )
    .await;
    match result {
        Ok(tokens) => {
            let decoded = if decode {
                let now = time::OffsetDateTime::now_utc().unix_timestamp();
                Some(
                    headless::decode_tokens(api, api.region(), &pool_id, &client_id, &tokens, now)
                        .await,
                )
            } else {
                None
            };
            match serde_json::to_string_pretty(&headless::tokens_json(&tokens, decoded)) {
                Ok(s) => {
                    println!("{s}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Err(e) => {
            eprintln!(
                "cognito-tui: sign-in failed: {}",
                headless::describe_error(&e)
            );
            if headless::failed_before_any_call(&runner, &e) {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

async fn run_export(
    api: &dyn CognitoApi,
    pool_id: &str,
    format: export::Format,
    out: Option<&std::path::Path>,
    with_groups: bool,
) -> ExitCode {
    use std::io::Write;
    let mut progress = std::io::stderr();
    let result = match out {
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            export::export_users(
                api,
                pool_id,
                format,
                with_groups,
                &mut stdout,
                &mut progress,
            )
            .await
        }
        Some(path) => {
            // Written beside the target and renamed at the end: a failed export never
            // leaves a truncated file under the name asked for.
            let mut partial = path.as_os_str().to_owned();
            partial.push(".partial");
            let partial = PathBuf::from(partial);
            let file = match std::fs::File::create(&partial) {
                Ok(f) => f,
                Err(e) => return fail(format!("{}: {e}", partial.display())),
            };
            let mut w = std::io::BufWriter::new(file);
            let r = export::export_users(api, pool_id, format, with_groups, &mut w, &mut progress)
                .await;
            let r = r.and_then(|s| {
                w.flush()?;
                drop(w);
                std::fs::rename(&partial, path)?;
                Ok(s)
            });
            if r.is_err() {
                let _ = std::fs::remove_file(&partial);
            }
            r
        }
    };
    match result {
        Ok(summary) => {
            let whereto = out
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "stdout".into());
            eprintln!("exported {} users to {whereto}", summary.users);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cognito-tui: export failed: {e}");
            ExitCode::from(1)
        }
    }
}

async fn tui(
    api: cognito::SdkCognito,
    profile: &Option<String>,
    log_path: &std::path::Path,
    opts: &ConnectOptions,
    keymap: Keymap,
) -> ExitCode {
    let ctx = Context {
        region: api.region().to_string(),
        endpoint: api.endpoint().map(str::to_string),
        profile: profile.clone(),
        read_only: api.read_only(),
        log_path: Some(log_path.display().to_string()),
    };
    let api: Arc<dyn CognitoApi> = Arc::new(api);
    let settings = Settings {
        // The gateway has its own timeout; this outer bound catches anything else.
        call_timeout: opts.call_timeout + Duration::from_secs(2),
        keymap: keymap.with_read_only(ctx.read_only),
        connect: Some(opts.clone()),
    };
    match app::run(api, ctx, settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cognito-tui: {e}");
            ExitCode::from(1)
        }
    }
}
