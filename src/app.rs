//! The loop: owns the Model, waits only on its message channel (and a tick while something
//! is loading), runs effects in spawned tasks, and draws once per batch of messages.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::admin::Pace;
use crate::cognito::CognitoApi;
use crate::effect::Effect;
use crate::keymap::Keymap;
use crate::model::{Context, Model};
use crate::msg::{Msg, Response};
use crate::{tui, ui, update};

pub struct Settings {
    pub call_timeout: Duration,
    pub keymap: Keymap,
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
    loop {
        for effect in pending.drain(..) {
            match effect {
                Effect::Quit => {
                    input.abort();
                    return Ok(());
                }
                Effect::Bulk(id, run) => {
                    let api = Arc::clone(&api);
                    let tx = tx.clone();
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
                        run.execute(api.as_ref(), timeout, Pace::default(), |index, result| {
                            let _ = item_tx.send(Msg::Api(
                                id,
                                Response::BulkItem { index, result },
                                now(),
                            ));
                        })
                        .await;
                        let _ = tx.send(Msg::Api(id, Response::BulkDone, now()));
                    });
                }
                Effect::Call(id, request) => {
                    let api = Arc::clone(&api);
                    let tx = tx.clone();
                    let timeout = settings.call_timeout;
                    tracing::debug!(id, op = request.operation(), "call");
                    tokio::spawn(async move {
                        let response = request.execute(api.as_ref(), timeout).await;
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
