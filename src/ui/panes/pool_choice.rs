//! The runner's identity pool chooser, inside the token pane: while the trusting pools are
//! being found, a line saying so; once found (several, or `C`), each pool by name and id with
//! whether it allows the basic flow, the one selected marked, the two flows with the one
//! picked, and why a pick was refused (the keys are the hint bar's, mode `PoolChoice`).

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::model::pool_choice::PoolChoice;
use crate::core::model::runner::AuthState;
use crate::domain::identity::{flow_calls, flow_word};
use crate::domain::untrusted::printable;
use crate::ui::theme::theme;

/// The chooser's lines (empty when neither a search nor the chooser is under way).
pub fn lines(s: &AuthState) -> Vec<Line<'static>> {
    let mut l = Vec::new();
    if s.finding.is_some() {
        l.push(Line::styled(
            "AWS credentials: finding the identity pools that trust this app client…",
            Style::new().fg(theme().warn),
        ));
    }
    if let Some(c) = &s.chooser {
        chooser(c, &mut l);
    }
    l
}

fn chooser(c: &PoolChoice, l: &mut Vec<Line<'static>>) {
    let title = Style::new().fg(theme().accent).add_modifier(Modifier::BOLD);
    let dim = Style::new().fg(theme().dim);
    let picked = Style::new().fg(theme().focus).add_modifier(Modifier::BOLD);
    l.push(Line::from(vec![
        Span::styled(
            "AWS credentials: choose the identity pool and the flow",
            title,
        ),
        Span::styled(
            match c.pools.len() {
                1 => "  (1 trusts this app client)".to_owned(),
                n => format!("  ({n} trust this app client)"),
            },
            dim,
        ),
    ]));
    let width = c
        .pools
        .iter()
        .map(|p| printable(&p.name).chars().count())
        .max()
        .unwrap_or(0);
    for (i, p) in c.pools.iter().enumerate() {
        let on = i == c.selected;
        let (mark, style) = if on {
            ("▸ ", picked)
        } else {
            ("  ", Style::new().fg(theme().text))
        };
        let flows = if p.allow_classic_flow {
            Span::styled("basic flow allowed", Style::new().fg(theme().ok))
        } else {
            Span::styled("enhanced only", dim)
        };
        let mut row = vec![
            Span::styled(mark, style),
            Span::styled(format!("{:<width$}  ", printable(&p.name)), style),
            Span::styled(format!("{}  ", printable(&p.id)), dim),
            flows,
        ];
        if p.allow_unauthenticated {
            row.push(Span::styled(" · guests allowed", dim));
        }
        l.push(Line::from(row));
    }
    for basic in [false, true] {
        let (radio, style) = if basic == c.basic {
            ("(•) ", picked)
        } else {
            ("( ) ", Style::new().fg(theme().text))
        };
        let (name, calls) = (flow_word(basic), flow_calls(basic));
        l.push(Line::from(vec![
            Span::styled(if basic { "      " } else { "flow  " }, dim),
            Span::styled(radio, style),
            Span::styled(format!("{name:<9}"), style),
            Span::styled(calls.to_owned(), dim),
        ]));
    }
    if let Some(why) = c.refusal.clone().or_else(|| c.refused()) {
        l.push(Line::styled(
            format!("✗ {}", printable(&why)),
            Style::new().fg(theme().error),
        ));
    }
    l.push(Line::raw(""));
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::core::effect::{Effect, Request};
    use crate::core::input::keymap::Keymap;
    use crate::core::model::Model;
    use crate::core::msg::{Msg, Response};
    use crate::core::update::runner::tests::{key, model, signed_in};
    use crate::domain::identity::IdentityPool;
    use crate::ui::panes::runner::tests::draw;

    /// Signed in, `c` pressed, two trusting pools found: the first allows the basic flow,
    /// the second (guests allowed) does not.
    fn choosing() -> Model {
        let mut m = model();
        signed_in(&mut m);
        let fx = key(&mut m, KeyCode::Char('c'));
        let [Effect::Call(id, Request::TrustingPools { .. })] = fx.as_slice() else {
            panic!("{fx:?}")
        };
        let pool = |id: &str, name: &str, classic, guests| IdentityPool {
            id: id.into(),
            name: name.into(),
            allow_classic_flow: classic,
            allow_unauthenticated: guests,
            ..Default::default()
        };
        let pools = vec![
            pool(
                "us-east-1:1d2c3b4a-0000-4000-8000-000000000001",
                "cognito-workshop-identities",
                true,
                false,
            ),
            pool(
                "us-east-1:1d2c3b4a-0000-4000-8000-000000000002",
                "partner-portal",
                false,
                true,
            ),
        ];
        let now = m.now;
        update_with(
            &mut m,
            Msg::Api(*id, Response::TrustingPools(Ok(pools)), now),
        );
        m
    }

    fn update_with(m: &mut Model, msg: Msg) {
        crate::core::update::update(m, &Keymap::default(), msg);
    }

    #[test]
    fn the_chooser_in_the_token_pane() {
        let mut m = choosing();
        let screen = draw(&m, 120, 24);
        assert!(screen.contains("▸ cognito-workshop-identities"), "{screen}");
        assert!(
            screen.contains("flow  (•) enhanced (GetId → GetCredentialsForIdentity)"),
            "{screen}"
        );
        // The basic flow on the pool that has it off: refused in place.
        key(&mut m, KeyCode::Char('j'));
        key(&mut m, KeyCode::Right);
        let screen = draw(&m, 120, 24);
        assert!(screen.contains("▸ partner-portal"), "{screen}");
        assert!(
            screen.contains("✗ the basic flow is refused: identity pool partner-portal"),
            "{screen}"
        );
        assert!(screen.contains("<enter> exchange"), "{screen}");
        insta::assert_snapshot!(screen);
    }

    #[test]
    fn the_flow_picked_is_the_one_in_brackets() {
        let mut m = choosing();
        key(&mut m, KeyCode::Right);
        let screen = draw(&m, 160, 24);
        assert!(
            screen.contains(
                "      (•) basic    (GetId → GetOpenIdToken → STS AssumeRoleWithWebIdentity)"
            ),
            "{screen}"
        );
        assert!(!screen.contains("refused"), "{screen}");
        // Back up to the tokens: the chooser is gone.
        key(&mut m, KeyCode::Esc);
        let screen = draw(&m, 160, 24);
        assert!(!screen.contains("choose the identity pool"), "{screen}");
    }
}
