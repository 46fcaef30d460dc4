//! The loop: owns the Model, waits only on its message channel (and a tick while something
//! is loading), runs effects in spawned tasks, and draws once per batch of messages.

pub mod bulk;
pub mod check;
pub mod config;
pub mod executor;
pub mod files;
pub mod logging;
pub mod terminal;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::app::bulk::Pace;

use crate::app::terminal as tui;
use crate::cognito::{self, CognitoApi, ConnectOptions};
use crate::core::effect::{Effect, Switch};
use crate::core::input::keymap::Keymap;
use crate::core::model::{Context, Model};
use crate::core::msg::{Msg, Response, Switched};
use crate::core::update;
use crate::ui;

pub struct Settings {
    pub call_timeout: Duration,
    pub keymap: Keymap,
    /// How the gateway was built, to rebuild it for `:region` / `:profile`; `None` when
    /// switching is not possible.
    pub connect: Option<ConnectOptions>,
}

/// Build a gateway for `to` off the loop: the result and the options that made it.
type Built = (
    crate::core::msg::RequestId,
    ConnectOptions,
    Result<cognito::SdkCognito, String>,
);

fn spawn_switch(
    id: crate::core::msg::RequestId,
    to: Switch,
    current: Option<&ConnectOptions>,
    tx: mpsc::UnboundedSender<Built>,
) {
    let Some(current) = current else {
        let _ = tx.send((
            id,
            ConnectOptions::default(),
            Err("switching region or profile is not available in this session".into()),
        ));
        return;
    };
    let mut opts = current.clone();
    if let Some(r) = to.region {
        opts.region = Some(r);
    }
    if let Some(p) = to.profile {
        // A named profile replaces fixed credentials (the sandbox's).
        opts.profile = Some(p);
        opts.static_credentials = None;
    }
    tokio::spawn(async move {
        let result = cognito::connect(&opts).await;
        let _ = tx.send((id, opts, result));
    });
}

pub async fn run(api: Arc<dyn CognitoApi>, ctx: Context, settings: Settings) -> anyhow::Result<()> {
    let log = ctx.log_path.clone().map(Into::into);
    let mut terminal = tui::init(log);
    let result = run_loop(&mut terminal, api, ctx, settings).await;
    tui::restore();
    result
}

async fn run_loop(
    terminal: &mut ratatui::DefaultTerminal,
    api: Arc<dyn CognitoApi>,
    ctx: Context,
    settings: Settings,
) -> anyhow::Result<()> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (built_tx, mut built_rx) = mpsc::unbounded_channel::<Built>();
    let mut api = api;
    let mut connect = settings.connect.clone();
    let input = tui::spawn_input(tx.clone());
    let mut model = Model::new(ctx);
    let keymap = settings.keymap;
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);

    let unix_now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    };
    update::update(&mut model, &keymap, Msg::Now(unix_now()));
    let mut pending = update::init(&mut model);
    // Each running bulk run's cancel flag (`Effect::CancelBulk`), by request id.
    let mut bulk_cancels: std::collections::HashMap<_, Arc<std::sync::atomic::AtomicBool>> =
        std::collections::HashMap::new();
    if let Ok(size) = terminal.size() {
        pending.extend(update::update(
            &mut model,
            &keymap,
            Msg::Resize(size.width, size.height),
        ));
    }
    loop {
        for effect in pending.drain(..) {
            match effect {
                Effect::Quit => {
                    input.abort();
                    return Ok(());
                }
                Effect::CancelBulk(id) => {
                    if let Some(flag) = bulk_cancels.get(&id) {
                        flag.store(true, std::sync::atomic::Ordering::SeqCst);
                    }
                }
                Effect::Bulk(id, run) => {
                    let api = Arc::clone(&api);
                    let tx = tx.clone();
                    let cancel = Arc::new(std::sync::atomic::AtomicBool::new(false));
                    bulk_cancels.retain(|_, f| Arc::strong_count(f) > 1);
                    bulk_cancels.insert(id, Arc::clone(&cancel));
                    let timeout = settings.call_timeout;
                    tracing::debug!(id, n = run.usernames.len(), "bulk");
                    // The pacing (sleeping between starts) lives here, never in `update`.
                    tokio::spawn(async move {
                        let now = || {
                            std::time::SystemTime::now()
                                .duration_since(std::time::UNIX_EPOCH)
                                .map_or(0, |d| d.as_secs() as i64)
                        };
                        let item_tx = tx.clone();
                        executor::execute_bulk(
                            run,
                            api.as_ref(),
                            timeout,
                            Pace::default(),
                            || cancel.load(std::sync::atomic::Ordering::SeqCst),
                            |index, outcome| {
                                let _ = item_tx.send(Msg::Api(
                                    id,
                                    Response::BulkItem { index, outcome },
                                    now(),
                                ));
                            },
                        )
                        .await;
                        let _ = tx.send(Msg::Api(id, Response::BulkDone, now()));
                    });
                }
                Effect::Switch(id, to) => {
                    tracing::info!(id, ?to, "switch");
                    spawn_switch(id, to, connect.as_ref(), built_tx.clone());
                }
                Effect::Call(id, request) => {
                    let api = Arc::clone(&api);
                    let tx = tx.clone();
                    let timeout = settings.call_timeout;
                    tracing::debug!(id, op = request.operation(), "call");
                    tokio::spawn(async move {
                        let response = executor::execute(request, api.as_ref(), timeout).await;
                        let at = std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(0, |d| d.as_secs() as i64);
                        let _ = tx.send(Msg::Api(id, response, at));
                    });
                }
            }
        }
        terminal.draw(|f| ui::render(&model, &keymap, f))?;
        let first = tokio::select! {
            m = rx.recv() => m,
            Some((id, opts, built)) = built_rx.recv() => Some(Msg::Switched(id, match built {
                Ok(gateway) => {
                    let to = Switched {
                        region: gateway.region().to_string(),
                        profile: opts.profile.clone(),
                    };
                    api = Arc::new(gateway);
                    connect = Some(opts);
                    Ok(to)
                }
                Err(e) => Err(e),
            })),
            _ = tick.tick(), if model.needs_tick() => Some(Msg::Tick),
        };
        if matches!(first, Some(Msg::Tick)) {
            update::update(&mut model, &keymap, Msg::Now(unix_now()));
        }
        let Some(first) = first else {
            return Ok(());
        };
        pending.extend(update::update(&mut model, &keymap, first));
        while let Ok(m) = rx.try_recv() {
            pending.extend(update::update(&mut model, &keymap, m));
        }
    }
}
