//! The terminal is always given back: the real binary in a pseudo-terminal, ended by SIGTERM
//! and SIGHUP, and suspended with Ctrl-Z under a job-control shell, then continued with `fg`.
//! The endpoint is a closed port on 127.0.0.1: the pools pane shows the failure, which is
//! all these tests need on screen.

mod support;

use std::time::{Duration, Instant};

use support::pty::{Tui, find_from, proc_state, stty_on};

const WAIT: Duration = Duration::from_secs(30);

fn dead_endpoint_env() -> Vec<(&'static str, String)> {
    let port = cognito_tui::cli::emulator::free_port().unwrap();
    support::binary_env(&format!("http://127.0.0.1:{port}"))
}

fn log_file(name: &str) -> String {
    std::env::temp_dir()
        .join(format!(
            "cognito-tui-terminal-{name}-{}.log",
            std::process::id()
        ))
        .display()
        .to_string()
}

fn kill(pid: u32, signal: &str) {
    let ok = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill")
        .success();
    assert!(ok, "kill -{signal} {pid}");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_exit_at_once() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let log = log_file(signal);
        let mut tui = Tui::spawn(
            &["--log-file", &log, "--timeout", "5"],
            &dead_endpoint_env(),
            100,
            30,
        );
        tui.wait_for("User pools (", WAIT);
        let running = tui.stty();
        assert!(
            !stty_on(&running, "icanon"),
            "raw while running:\n{running}"
        );
        let before = tui.raw_output().len();
        let started = Instant::now();
        kill(tui.pid(), signal);
        let exit = tui.wait_exit(WAIT);
        let took = started.elapsed();
        assert_eq!(exit, Some(code), "SIG{signal}");
        // wait_exit waits 200 ms for the last bytes; the exit itself is at once.
        assert!(took < Duration::from_secs(2), "SIG{signal} took {took:?}");
        let raw = tui.raw_output();
        for (what, seq) in [
            ("leave the alternate screen", &b"\x1b[?1049l"[..]),
            ("mouse capture off", b"\x1b[?1000l"),
            ("mouse motion off", b"\x1b[?1003l"),
            ("bracketed paste off", b"\x1b[?2004l"),
            ("cursor shown", b"\x1b[?25h"),
        ] {
            assert!(
                find_from(&raw, seq, before).is_some(),
                "SIG{signal}: no {what} after the signal"
            );
        }
        // What `stty -a` says afterwards: cooked again.
        let after = tui.stty();
        for flag in ["icanon", "echo", "isig", "opost"] {
            assert!(stty_on(&after, flag), "SIG{signal}: {flag} off:\n{after}");
        }
        let logged = std::fs::read_to_string(&log).unwrap_or_default();
        assert!(logged.contains("ended by a signal"), "{logged}");
        let _ = std::fs::remove_file(&log);
    }
}

#[test]
fn ctrl_z_stops_the_tui_and_fg_draws_the_pools_again() {
    let log = log_file("suspend");
    let mut env = dead_endpoint_env();
    env.extend([
        ("PS1", "shell$ ".to_string()),
        ("HISTFILE", "/dev/null".into()),
    ]);
    // An interactive shell, so there is job control: the TUI runs as its job.
    let mut sh = Tui::spawn_program("bash", &["--norc", "--noprofile", "-i"], &env, 100, 30);
    sh.wait_for("shell$", WAIT);
    sh.send(&format!(
        "{} --log-file {log} --timeout 5\r",
        env!("CARGO_BIN_EXE_cognito-tui")
    ));
    sh.wait_for("User pools (", WAIT);
    let pid = sh.foreground_group().expect("a foreground job") as u32;
    assert_ne!(pid, sh.pid(), "the TUI is the shell's job");
    // Running or sleeping (it may be drawing at this instant), not stopped.
    let state = proc_state(pid);
    assert!(matches!(state, Some('S' | 'R')), "{state:?}");

    let before = sh.raw_output().len();
    sh.send("\x1a"); // Ctrl-Z, a key in raw mode
    let deadline = Instant::now() + WAIT;
    while proc_state(pid) != Some('T') {
        assert!(
            Instant::now() < deadline,
            "never stopped: {:?}",
            proc_state(pid)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let screen = sh.wait_for("Stopped", WAIT);
    assert!(
        !screen.contains("User pools ("),
        "the shell's screen:\n{screen}"
    );
    let raw = sh.raw_output();
    assert!(
        find_from(&raw, b"\x1b[?1049l", before).is_some(),
        "left the alternate screen"
    );
    assert!(
        find_from(&raw, b"\x1b[?1000l", before).is_some(),
        "mouse off"
    );

    let before_fg = sh.raw_output().len();
    sh.send("fg\r");
    let screen = sh.wait_for("User pools (", WAIT);
    assert!(screen.contains("<q> quit"), "everything redrawn:\n{screen}");
    assert_ne!(proc_state(pid), Some('T'));
    let raw = sh.raw_output();
    assert!(
        find_from(&raw, b"\x1b[?1049h", before_fg).is_some(),
        "the alternate screen again"
    );
    // It answers keys as before, and Ctrl-Z is in help.
    sh.send("?");
    sh.wait_for("suspend to the shell", WAIT);
    sh.send("q");
    std::thread::sleep(Duration::from_millis(300));
    sh.send("q");
    let deadline = Instant::now() + WAIT;
    while proc_state(pid).is_some_and(|s| s != 'Z') {
        assert!(Instant::now() < deadline, "q did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = std::fs::remove_file(&log);
}
