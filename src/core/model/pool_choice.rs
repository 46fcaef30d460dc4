//! The runner's identity pool chooser: the pools that trust the app client (found after `c`
//! or `C`), the one selected, the flow picked (enhanced or basic) and why a pick was refused.
//! Plain data; `core::update::runner::identity` moves it, `ui::panes::pool_choice` draws it.

use crate::core::msg::RequestId;
use crate::domain::identity::IdentityPool;

/// A search for the trusting pools in flight: its id, and whether the user asked for the
/// chooser (`C`) rather than the straight exchange (`c`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub id: RequestId,
    pub choose: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolChoice {
    pub pools: Vec<IdentityPool>,
    pub selected: usize,
    /// The basic (classic) flow; the enhanced one when false.
    pub basic: bool,
    /// Why the last pick was refused, shown in place until the next move.
    pub refusal: Option<String>,
}

impl PoolChoice {
    pub fn new(pools: Vec<IdentityPool>) -> Self {
        Self {
            pools,
            selected: 0,
            basic: false,
            refusal: None,
        }
    }

    pub fn current(&self) -> Option<&IdentityPool> {
        self.pools.get(self.selected)
    }

    /// Why the flow picked cannot run on the pool selected (the basic flow where
    /// AllowClassicFlow is off); `None` when it can.
    pub fn refused(&self) -> Option<String> {
        let p = self.current()?;
        (self.basic && !p.allow_classic_flow).then(|| {
            format!(
                "the basic flow is refused: identity pool {} has AllowClassicFlow off (enhanced only)",
                p.name
            )
        })
    }
}
