//! The loop: owns the Model, waits only on its message channel (and a tick while something
//! is loading, and the signals of `signals`), runs effects in spawned tasks (a panic in one
//! answers its request as failed), and draws once per batch of messages.

pub mod batch_pace;
pub mod bulk;
pub mod bulk_rate;
pub mod check;
pub mod config;
pub mod executor;
pub mod files;
pub mod hosted;
pub mod identity;
pub mod logging;
pub mod loopback;
pub mod signals;
pub mod terminal;
mod timed;
pub mod workshop;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::app::bulk::Pace;

use crate::app::signals::{Heard, Signals};
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
    /// Presenter mode, the chapter file, the sandbox's greeting.
    pub workshop: workshop::WorkshopSetup,
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

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `q`, Ctrl-C, `:quit`.
    Quit,
    /// SIGTERM, SIGHUP or SIGINT (the number).
    Signal(i32),
}

impl Exit {
    /// The process's exit code: 0 for a quit, 128 + the signal for a signal.
    pub fn code(self) -> u8 {
        match self {
            Exit::Quit => 0,
            Exit::Signal(n) => signals::exit_code(n),
        }
    }
}

pub async fn run(
    api: Arc<dyn CognitoApi>,
    ctx: Context,
    settings: Settings,
) -> anyhow::Result<Exit> {
    // Listening first: a SIGTERM from here on restores the terminal instead of leaving it raw.
    let mut signals = Signals::listen()?;
    let log = ctx.log_path.clone().map(Into::into);
    let mut terminal =
        tui::init(log).map_err(|e| anyhow::anyhow!("cannot set up the terminal: {e}"))?;
    let result = run_loop(&mut terminal, &mut signals, api, ctx, settings).await;
    tui::restore();
    if terminal.show_cursor().is_err() {
        // The terminal is gone (a hang-up): dropping it would try again and report the
        // failure on a stderr that is gone too, which panics.
        std::mem::forget(terminal);
    }
    result
}

/// Back from a stop: the terminal re-entered and redrawn. A failure is logged, not fatal:
/// it is a terminal going away, and its hang-up ends the loop.
fn resume(terminal: &mut ratatui::DefaultTerminal) {
    if let Err(e) = tui::resume(terminal) {
        tracing::warn!(error = %e, "cannot re-enter the terminal after a stop");
    }
}

async fn run_loop(
    terminal: &mut ratatui::DefaultTerminal,
    signals: &mut Signals,
    api: Arc<dyn CognitoApi>,
    ctx: Context,
    settings: Settings,
) -> anyhow::Result<Exit> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (built_tx, mut built_rx) = mpsc::unbounded_channel::<Built>();
    let mut api = api;
    let mut connect = settings.connect.clone();
    let mut input = tui::spawn_input(tx.clone());
    let mut model = Model::new(ctx);
    workshop::install(&mut model, &settings.workshop);
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
                    return Ok(Exit::Quit);
                }
                Effect::Suspend => {
                    tui::restore();
                    if let Err(e) = signals::stop() {
                        tracing::warn!(error = %e, "cannot stop the process");
                    }
                    resume(terminal);
                }
                Effect::Copy(text) => {
                    if let Err(e) = tui::copy(&text) {
                        tracing::warn!(error = %e, "cannot write the clipboard sequence");
                    }
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
                        let item = |index, outcome| {
                            let _ =
                                tx.send(Msg::Api(id, Response::BulkItem { index, outcome }, now()));
                        };
                        // A panic ends the run: every user not yet reported is, with why.
                        let mut unreported = vec![true; run.usernames.len()];
                        let guarded = executor::guarded(
                            "the bulk run",
                            executor::execute_bulk_adaptive(
                                run,
                                api.as_ref(),
                                timeout,
                                Pace::default(),
                                || cancel.load(std::sync::atomic::Ordering::SeqCst),
                                |index, outcome| {
                                    if let Some(u) = unreported.get_mut(index) {
                                        *u = false;
                                    }
                                    item(index, outcome);
                                },
                                |rate| {
                                    let (per_second, slowed) = (rate.per_second(), rate.slowed());
                                    tracing::info!(id, per_second, slowed, "bulk pace");
                                    let pace = Response::BulkPace { per_second, slowed };
                                    let _ = tx.send(Msg::Api(id, pace, now()));
                                },
                            ),
                        )
                        .await;
                        if let Err(e) = guarded {
                            for (index, _) in unreported.iter().enumerate().filter(|(_, u)| **u) {
                                item(index, executor::unknown_outcome(e.clone()));
                            }
                        }
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
                        let response =
                            executor::execute_guarded(request, api.as_ref(), timeout).await;
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
            heard = signals.next() => match heard {
                Heard::End(n) => {
                    tracing::info!(signal = n, "ended by a signal");
                    input.abort();
                    return Ok(Exit::Signal(n));
                }
                // Stopped from outside (kill -STOP, SIGTSTP) and continued: redraw it all.
                Heard::Continued => {
                    resume(terminal);
                    continue;
                }
            },
            // The terminal's input ended (it went away): a hang-up is on its way, else say so.
            _ = &mut input => {
                return match tokio::time::timeout(Duration::from_millis(200), signals.next()).await {
                    Ok(Heard::End(n)) => Ok(Exit::Signal(n)),
                    _ => Err(anyhow::anyhow!("the terminal's input stopped; the log may say why")),
                };
            }
        };
        if matches!(first, Some(Msg::Tick)) {
            update::update(&mut model, &keymap, Msg::Now(unix_now()));
        }
        let Some(first) = first else {
            return Ok(Exit::Quit);
        };
        pending.extend(update::update(&mut model, &keymap, first));
        while let Ok(m) = rx.try_recv() {
            pending.extend(update::update(&mut model, &keymap, m));
        }
    }
}
