//! Workshop mode's logic: presenter mode (`:presenter`, the refusals it adds, the short
//! per-item reveal that masks again after [`REVEAL_TICKS`] ticks), copy (`Y`: an
//! `Effect::Copy` of the selected id, ARN or name, or the decoded claims), and the routing
//! of keys to the guided tour (`tour`). Pure: the time comes in as ticks.

mod copy;
#[cfg(test)]
mod tests;
mod tour;

use super::*;
use crate::auth::Prompt as AuthPrompt;
use crate::core::model::runner::Stage;
use crate::core::model::workshop::{REVEAL_TICKS, Revealable};

pub(in crate::core::update) use tour::{after, open_list, tour_act, tour_takes};

/// `:presenter`: presenter mode on or off. Turning it on hides what is shown now: a
/// revealed client secret is dropped.
pub(in crate::core::update) fn toggle_presenter(model: &mut Model) -> Vec<Effect> {
    let w = &mut model.workshop;
    w.presenter = !w.presenter;
    w.revealed = None;
    if w.presenter {
        if let Some(c) = &mut model.client {
            c.secret = Loadable::default();
        }
        for f in model.form.iter_mut().flat_map(|f| f.fields.iter_mut()) {
            if let crate::core::model::FieldKind::Secret { shown } = &mut f.kind {
                *shown = false;
            }
        }
        model.flash(
            Level::Info,
            "presenter mode on: no secret, code or raw token is drawn (:presenter turns it off)",
        );
    } else {
        model.flash(Level::Info, "presenter mode off");
    }
    vec![]
}

/// Actions presenter mode refuses or changes, before anything else sees them; `None` lets
/// the action through.
pub(in crate::core::update) fn guard(model: &mut Model, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::RevealBriefly => Some(reveal(model)),
        Action::Copy
            if model.prompt.is_none() && model.form.is_none() && model.overlay.is_none() =>
        {
            Some(copy::copy(model))
        }
        _ if !model.workshop.presenter => None,
        Action::Reveal if model.form.is_none() => {
            model.flash(
                Level::Warn,
                "presenter mode: the client secret is not shown (whoever sees it can act as this app); :presenter turns it off",
            );
            Some(vec![])
        }
        Action::ToggleMask => {
            model.flash(
                Level::Warn,
                "presenter mode: passwords stay masked (:presenter turns presenter mode off)",
            );
            Some(vec![])
        }
        _ => None,
    }
}

/// Presenter mode's reveal: on an MFA set-up the TOTP secret and QR code first, then the
/// code typed; on a code prompt, the code. Masked again after `REVEAL_TICKS` ticks.
fn reveal(model: &mut Model) -> Vec<Effect> {
    if !model.workshop.presenter {
        model.flash(Level::Info, "nothing is hidden: presenter mode is off");
        return vec![];
    }
    let stage = model.auth.as_ref().map(|a| &a.stage);
    let item = match stage {
        Some(Stage::Prompt(AuthPrompt::MfaSetup { .. })) => {
            if model.workshop.shows(Revealable::TotpSecret, model.ticks) {
                Revealable::Code
            } else {
                Revealable::TotpSecret
            }
        }
        Some(Stage::Prompt(AuthPrompt::Code { .. })) => Revealable::Code,
        _ => {
            model.flash(Level::Info, "nothing here to reveal");
            return vec![];
        }
    };
    model.workshop.revealed = Some((item, model.ticks + REVEAL_TICKS));
    let what = match item {
        Revealable::TotpSecret => "the authenticator secret and its QR code",
        Revealable::Code => "the code",
    };
    model.flash(
        Level::Warn,
        format!("presenter mode: {what} shown for 10 s, then hidden again"),
    );
    vec![]
}

/// Whether screen row `y` is on the tour's panel (a click there picks no row of the pane).
pub(in crate::core::update) fn on_panel(model: &Model, y: u16) -> bool {
    let (w, h) = model.size;
    let main =
        crate::core::model::layout::screen(crate::core::model::layout::Area::new(0, 0, w, h)).main;
    let panel = model.workshop.panel_height(main.height);
    panel > 0 && y >= main.y + main.height - panel && y < main.y + main.height
}

/// A tick: a reveal whose time is up masks again.
pub(in crate::core::update) fn tick(model: &mut Model) {
    if let Some((_, until)) = model.workshop.revealed
        && model.ticks >= until
    {
        model.workshop.revealed = None;
    }
}
