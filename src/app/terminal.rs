//! The terminal: raw mode, alternate screen, mouse capture and bracketed paste in
//! ([`enter`]), all given back on every way out ([`restore`]: a quit, a signal, a suspend, a
//! panic of the loop), and the crossterm event stream feeding the app's channel (a paste
//! arrives whole, as one `Msg::Paste`, never as key presses). A panic on another thread (a
//! spawned effect) leaves the screen alone: its task's failure is shown in the pane it was
//! for.

use std::io::{Write, stdout};
use std::path::PathBuf;

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    EventStream, KeyEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use ratatui::backend::CrosstermBackend;
use tokio::sync::mpsc::UnboundedSender;

use crate::core::msg::Msg;

/// Install the panic hook, enter raw mode and the alternate screen, and build the terminal.
pub fn init(log_path: Option<PathBuf>) -> std::io::Result<DefaultTerminal> {
    set_panic_hook(log_path);
    if let Err(e) = enter() {
        restore();
        return Err(e);
    }
    ratatui::Terminal::new(CrosstermBackend::new(stdout()))
}

/// Raw mode, the alternate screen, mouse capture, bracketed paste. Also what [`resume`]
/// re-enters.
pub fn enter() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Give the terminal back as it was: cooked mode, mouse and paste off, main screen, cursor
/// shown.
/// Safe to call more than once, and when the terminal is gone (SIGHUP).
pub fn restore() {
    // Raw mode off first: it has the most side effects if left on.
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = stdout().flush();
}

/// Back from a stop (SIGCONT): re-enter raw mode and the alternate screen, clear it, and
/// forget what was drawn so the next frame redraws everything. (Not `Terminal::clear`: it
/// asks the terminal for the cursor position, which the running input stream would take.)
pub fn resume(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    enter()?;
    execute!(stdout(), Clear(ClearType::All))?;
    terminal.swap_buffers();
    Ok(())
}

/// The loop's thread restores the terminal before the panic is printed (and says where the
/// log is); any other thread's panic only goes to the log, as writing to the screen would
/// tear the frame, and its task's answer says it failed.
fn set_panic_hook(log_path: Option<PathBuf>) {
    let previous = std::panic::take_hook();
    let loop_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current();
        let backtrace = std::backtrace::Backtrace::force_capture();
        tracing::error!(%info, thread = thread.name(), %backtrace, "panic");
        if std::thread::current().id() != loop_thread {
            return;
        }
        restore();
        previous(info);
        if let Some(p) = &log_path {
            // Not eprintln!: stderr may be gone (a hang-up), and that must not panic again.
            let _ = writeln!(
                std::io::stderr(),
                "cognito-tui crashed; the log is at {}",
                p.display()
            );
        }
    }));
}

/// Put `text` on the terminal's clipboard: OSC 52, which the terminal (local, or at the far
/// end of SSH) acts on; one that does not know it ignores the sequence.
pub fn copy(text: &str) -> std::io::Result<()> {
    execute!(
        stdout(),
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    )
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
