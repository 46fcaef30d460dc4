//! The runner's AWS credentials box, inside the token pane: after `c`, the identity pool
//! used, the identity id, the role the caller identity names, the access key id (the secret
//! key and the session token masked), the expiry counting down, the explainer's prediction
//! beside the role given (a difference flagged), then every step as the exchange wrote it.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::domain::identity::{CredentialsView, flow_name};
use crate::domain::jwt;
use crate::domain::untrusted::printable;
use crate::ui::theme::theme;

fn label(text: &str) -> Span<'static> {
    Span::styled(format!("{text:<14}"), Style::new().fg(theme().dim))
}

fn row(name: &str, value: String) -> Line<'static> {
    Line::from(vec![label(name), Span::raw(printable(&value))])
}

/// The lines of the box; `busy` while an exchange is in flight.
pub fn lines(view: Option<&CredentialsView>, busy: bool, now: i64) -> Vec<Line<'static>> {
    let title = Style::new().fg(theme().accent).add_modifier(Modifier::BOLD);
    let mut l = Vec::new();
    if busy {
        l.push(Line::styled(
            "AWS credentials: exchanging the ID token…",
            Style::new().fg(theme().warn),
        ));
    }
    let Some(v) = view else {
        return l;
    };
    l.push(Line::from(vec![
        Span::styled("AWS credentials (identity pool)", title),
        Span::styled(
            "  c again · C to choose the pool or the flow",
            Style::new().fg(theme().dim),
        ),
    ]));
    l.push(row("pool", v.pool_label()));
    l.push(row("flow", flow_name(v.basic)));
    if let Some(id) = &v.identity_id {
        l.push(row("identity id", id.clone()));
    }
    if let Some(arn) = &v.caller_arn {
        l.push(row("caller", arn.clone()));
    }
    if let Some(key) = &v.access_key_id {
        l.push(row("access key", key.clone()));
        l.push(row("secret key", "**** (masked)".into()));
        l.push(row("session token", "**** (masked)".into()));
    }
    if let Some(exp) = v.expiration {
        let left = exp - now;
        let text = if left > 0 {
            format!(
                "{} (expires in {}:{:02}:{:02})",
                jwt::utc_string(exp),
                left / 3600,
                left % 3600 / 60,
                left % 60
            )
        } else {
            format!("{} (expired)", jwt::utc_string(exp))
        };
        l.push(row("expiry", text));
    }
    if let Some(p) = &v.predicted {
        l.push(row("predicted", p.clone()));
    }
    match v.differs {
        Some(true) => l.push(Line::styled(
            "✗ the role given differs from the mapping's prediction (see below)",
            Style::new().fg(theme().warn),
        )),
        Some(false) => l.push(Line::styled(
            "✓ the role given is the one the mapping predicts",
            Style::new().fg(theme().ok),
        )),
        None => {}
    }
    if let Some(e) = &v.error {
        l.push(Line::styled(
            format!("✗ {}", printable(e)),
            Style::new().fg(theme().error),
        ));
    }
    l.push(Line::styled("steps", Style::new().fg(theme().dim)));
    for s in &v.lines {
        l.push(Line::raw(printable(s)));
    }
    l.push(Line::raw(""));
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line<'_>]) -> String {
        lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_box_counts_down_masks_and_flags_a_difference() {
        let v = CredentialsView {
            identity_pool_name: "ids".into(),
            identity_pool_id: "us-east-1:1".into(),
            identity_id: Some("us-east-1:abc".into()),
            access_key_id: Some("ASIAEXAMPLE".into()),
            expiration: Some(1_800_003_725),
            caller_arn: Some(
                "arn:aws:sts::1:assumed-role/signed-in/CognitoIdentityCredentials".into(),
            ),
            predicted: Some("student".into()),
            differs: Some(true),
            lines: vec!["→ GetId us-east-1:1".into()],
            error: None,
            basic: true,
        };
        let t = text(&lines(Some(&v), false, 1_800_000_000));
        assert!(t.contains("expires in 1:02:05"), "{t}");
        assert!(
            t.contains("ASIAEXAMPLE") && t.contains("secret key    **** (masked)"),
            "{t}"
        );
        assert!(t.contains("predicted     student"), "{t}");
        assert!(
            t.contains("flow          basic (GetId → GetOpenIdToken"),
            "{t}"
        );
        assert!(t.contains("✗ the role given differs"), "{t}");
        assert!(t.contains("→ GetId us-east-1:1"), "{t}");
        let t = text(&lines(Some(&v), false, 1_800_003_725));
        assert!(t.contains("(expired)"), "{t}");
        let t = text(&lines(None, true, 0));
        assert!(t.contains("exchanging"), "{t}");
    }
}
