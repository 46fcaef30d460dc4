//! The screen's geometry, as plain numbers: where the header, breadcrumbs, pane, flash line
//! and hint bar sit in the terminal, and inside a list pane where the column header, the
//! error banner and each visible row sit. `ui` draws with it and `update` maps a mouse click
//! to a row with it, so the two cannot drift apart. Pure arithmetic: no terminal types, no
//! drawing.

use crate::core::model::ListPane;

/// A rectangle of terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Self {
        Self {
            x,
            y,
            width,
            height,
        }
    }

    /// The whole terminal of `(columns, rows)`, e.g. `Model::size`.
    pub const fn screen(size: (u16, u16)) -> Self {
        Self::new(0, 0, size.0, size.1)
    }

    /// What is inside a one-cell border on every side.
    pub fn inner(self) -> Self {
        let x = self
            .x
            .saturating_add(1)
            .min(self.x.saturating_add(self.width));
        let y = self
            .y
            .saturating_add(1)
            .min(self.y.saturating_add(self.height));
        Self {
            x,
            y,
            width: self.width.saturating_sub(2),
            height: self.height.saturating_sub(2),
        }
    }

    /// The first `n` rows (at most all of them).
    pub fn top(self, n: u16) -> Self {
        Self {
            height: n.min(self.height),
            ..self
        }
    }

    /// What is left below the first `n` rows.
    pub fn below(self, n: u16) -> Self {
        let n = n.min(self.height);
        Self {
            y: self.y + n,
            height: self.height - n,
            ..self
        }
    }

    /// Whether screen row `y` is one of this area's rows.
    pub fn has_row(self, y: u16) -> bool {
        y >= self.y && y - self.y < self.height
    }
}

/// The five bands of the screen, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub header: Area,
    pub crumbs: Area,
    /// The pane of the view on screen (overlays, prompts and popups draw over it).
    pub main: Area,
    pub flash: Area,
    pub hints: Area,
}

/// The pane keeps at least this many rows.
const MAIN_MIN: u16 = 3;

/// Split the terminal: header, breadcrumbs, the pane (every row that is left), flash line,
/// hint bar, one row each. On a terminal under seven rows the pane keeps three and the
/// one-row bands give way from the bottom up: hints, flash, breadcrumbs, header.
pub fn screen(area: Area) -> Screen {
    let spare = area.height.saturating_sub(MAIN_MIN);
    let [header, crumbs, flash, hints] = [1, 2, 3, 4].map(|n| u16::from(spare >= n));
    let main_h = area.height - header - crumbs - flash - hints;
    let rest = area.below(header);
    let crumbs_a = rest.top(crumbs);
    let rest = rest.below(crumbs);
    let main = rest.top(main_h);
    let rest = rest.below(main_h);
    Screen {
        header: area.top(header),
        crumbs: crumbs_a,
        main,
        flash: rest.top(flash),
        hints: rest.below(flash).top(hints),
    }
}

/// The first visible row that keeps `selected` on screen in `height` rows.
pub fn offset(selected: usize, height: usize) -> usize {
    if height == 0 || selected < height {
        0
    } else {
        selected + 1 - height
    }
}

/// Where a list pane's parts sit inside the pane's bordered area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// Inside the border: the loading / failed / empty messages are centred here.
    pub inner: Area,
    /// The one-line `✗ … [r] retry` banner above kept rows, when a refresh failed.
    pub banner: Option<Area>,
    /// The column header and the rows (below the banner).
    pub table: Area,
    /// The rows alone, one screen row each.
    pub body: Area,
    /// The selected row, kept inside `0..len` (0 when there are none).
    pub selected: usize,
    /// The first row on screen; rows `first..end` are drawn.
    pub first: usize,
    pub end: usize,
}

impl Table {
    /// The row index drawn at screen row `y`, if a row is drawn there.
    pub fn row_at(&self, y: u16) -> Option<usize> {
        if !self.body.has_row(y) {
            return None;
        }
        let i = self.first + usize::from(y - self.body.y);
        (i < self.end).then_some(i)
    }
}

/// Lay out a list pane drawn in `pane` (border included) with `len` rows, `selected` kept
/// on screen, and a banner line when `banner` (a refresh failed over rows still shown).
pub fn table(pane: Area, banner: bool, selected: usize, len: usize) -> Table {
    let inner = pane.inner();
    let (banner, table) = if banner {
        (Some(inner.top(1)), inner.below(1))
    } else {
        (None, inner)
    };
    let body = table.below(1);
    let selected = selected.min(len.saturating_sub(1));
    let rows = usize::from(body.height);
    let first = offset(selected, rows);
    let end = (first + rows).min(len);
    Table {
        inner,
        banner,
        table,
        body,
        selected,
        first,
        end,
    }
}

/// The list row under screen row `y` of a terminal of `size`, when the view on screen is a
/// list pane with `len` rows (`selected`, `banner` as for [`table`]).
pub fn list_row_at(
    size: (u16, u16),
    banner: bool,
    selected: usize,
    len: usize,
    y: u16,
) -> Option<usize> {
    table(screen(Area::screen(size)).main, banner, selected, len).row_at(y)
}

/// [`list_row_at`] for a list pane on screen: its banner shows when a refresh failed over
/// rows still kept.
pub fn pane_row_at<T>(size: (u16, u16), pane: &ListPane<T>, y: u16) -> Option<usize> {
    let banner = pane.list.data.is_some() && pane.list.error().is_some();
    list_row_at(size, banner, pane.selected, pane.len(), y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_terminal_keeps_the_pane() {
        let rows = |h| {
            let s = screen(Area::screen((80, h)));
            [s.header, s.crumbs, s.main, s.flash, s.hints].map(|a| (a.y, a.height))
        };
        assert_eq!(rows(7), [(0, 1), (1, 1), (2, 3), (5, 1), (6, 1)]);
        assert_eq!(rows(5), [(0, 1), (1, 1), (2, 3), (5, 0), (5, 0)]);
        assert_eq!(rows(2), [(0, 0), (0, 0), (0, 2), (2, 0), (2, 0)]);
        assert_eq!(rows(0), [(0, 0); 5]);
    }

    #[test]
    fn a_list_pane_under_the_header_and_crumbs() {
        // 120 x 30: the pane is rows 2..=27; its border rows 2 and 27, the column header
        // row 3, the rows 4..=26.
        let t = table(screen(Area::screen((120, 30))).main, false, 0, 60);
        assert_eq!(t.body, Area::new(1, 4, 118, 23));
        assert_eq!((t.first, t.end), (0, 23));
        assert_eq!(list_row_at((120, 30), false, 0, 60, 4), Some(0));
        assert_eq!(list_row_at((120, 30), false, 0, 60, 26), Some(22));
        assert_eq!(list_row_at((120, 30), false, 0, 60, 27), None, "border");
        assert_eq!(list_row_at((120, 30), false, 0, 60, 3), None, "header");
        // A banner pushes the rows down one; scrolling shifts the indices.
        assert_eq!(list_row_at((120, 30), true, 0, 60, 5), Some(0));
        assert_eq!(list_row_at((120, 30), false, 40, 60, 4), Some(18));
        // Past the last row.
        assert_eq!(list_row_at((120, 30), false, 0, 3, 7), None);
        assert_eq!(list_row_at((120, 30), false, 0, 0, 4), None);
    }
}
