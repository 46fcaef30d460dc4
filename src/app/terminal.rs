//! The terminal: raw mode, alternate screen, mouse capture and bracketed paste in, all
//! restored on every way out (including a panic), and the crossterm event stream feeding
//! the app's channel (a paste arrives whole, as one `Msg::Paste`, never as key presses).

use std::io::stdout;
use std::path::PathBuf;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    EventStream, KeyEventKind,
};
use crossterm::execute;
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use tokio::sync::mpsc::UnboundedSender;

use crate::core::msg::Msg;

/// Enter raw mode. A panic restores the terminal, then says where the log is.
pub fn init(log_path: Option<PathBuf>) -> DefaultTerminal {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
        tracing::error!(%info, "panic");
        previous(info);
        if let Some(p) = &log_path {
            eprintln!("cognito-tui crashed; the log is at {}", p.display());
        }
    }));
    // ratatui's hook restores the terminal first, then calls ours.
    let terminal = ratatui::init();
    let _ = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste);
    terminal
}

/// Leave the terminal as it was; `run` calls this whether the loop ended well or not.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

/// Forward terminal events to the app until the channel or the terminal closes.
pub fn spawn_input(tx: UnboundedSender<Msg>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut events = EventStream::new();
        while let Some(ev) = events.next().await {
            let msg = match ev {
                Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => Msg::Key(k),
                Ok(Event::Mouse(m)) => Msg::Mouse(m),
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                Ok(Event::Paste(text)) => Msg::Paste(text),
                Ok(_) => continue,
                Err(e) => {
                    tracing::error!(error = %e, "terminal input failed");
                    break;
                }
            };
            if tx.send(msg).is_err() {
                break;
            }
        }
    })
}
