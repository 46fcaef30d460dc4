//! `ListPane<T>`: a table's rows (a `Loadable`), the cursor, the next-page token for lazy
//! paging, and the local `/` filter as the indices of the matching rows.

use super::Loadable;
use crate::domain::untrusted::TokenTrail;
use crate::domain::{ClientSummary, CognitoError, Group, User};

/// Rows that the local `/` filter can search: every column, custom attributes included.
pub trait Searchable {
    /// Whether any field contains `needle` (already lower-case), ignoring ASCII case.
    fn matches(&self, needle: &str) -> bool;
}

/// `hay` contains `needle` (lower-case ASCII expected for speed; other text compares as is).
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    if n.len() > h.len() {
        return false;
    }
    let first = n[0];
    (0..=h.len() - n.len()).any(|i| {
        h[i].to_ascii_lowercase() == first
            && h[i..i + n.len()]
                .iter()
                .zip(n)
                .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}

impl Searchable for User {
    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.username, needle)
            || self
                .status
                .as_deref()
                .is_some_and(|s| contains_ci(s, needle))
            || contains_ci(if self.enabled { "enabled" } else { "disabled" }, needle)
            || self
                .attributes
                .iter()
                .any(|(k, v)| contains_ci(v, needle) || contains_ci(k, needle))
    }
}

impl Searchable for Group {
    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.name, needle)
            || self
                .description
                .as_deref()
                .is_some_and(|d| contains_ci(d, needle))
            || self
                .role_arn
                .as_deref()
                .is_some_and(|d| contains_ci(d, needle))
            || self
                .precedence
                .is_some_and(|p| contains_ci(&p.to_string(), needle))
    }
}

impl Searchable for ClientSummary {
    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.name, needle) || contains_ci(&self.id, needle)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListPane<T> {
    /// What the rows belong to (a pool id).
    pub scope: String,
    pub list: Loadable<Vec<T>>,
    /// The cursor for the next page, when the server has more.
    pub next_token: Option<String>,
    /// Pages received in the current load.
    pub pages: usize,
    /// The page tokens followed in the current load (a repeated one ends it).
    pub trail: TokenTrail,
    /// The cursor, an index into the visible rows (the filtered ones when filtering).
    pub selected: usize,
    /// The local `/` filter, as typed.
    pub filter: String,
    /// Indices of the rows the filter matches; `None` when not filtering.
    pub matches: Option<Vec<usize>>,
}

impl<T> ListPane<T> {
    pub fn new(scope: impl Into<String>) -> Self {
        Self {
            scope: scope.into(),
            list: Loadable::default(),
            next_token: None,
            pages: 0,
            trail: TokenTrail::default(),
            selected: 0,
            filter: String::new(),
            matches: None,
        }
    }

    pub fn rows(&self) -> &[T] {
        self.list.data.as_deref().unwrap_or(&[])
    }

    /// How many rows are visible (after the filter).
    pub fn len(&self) -> usize {
        match &self.matches {
            Some(m) => m.len(),
            None => self.rows().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th visible row.
    pub fn get(&self, i: usize) -> Option<&T> {
        match &self.matches {
            Some(m) => m.get(i).and_then(|&j| self.rows().get(j)),
            None => self.rows().get(i),
        }
    }

    pub fn selected_row(&self) -> Option<&T> {
        self.get(self.selected)
    }

    pub fn has_more(&self) -> bool {
        self.next_token.is_some()
    }
}

impl<T: Searchable> ListPane<T> {
    /// Set the local filter and recompute the matching rows.
    pub fn set_filter(&mut self, filter: &str) {
        self.filter = filter.to_string();
        self.refilter();
        self.selected = self.selected.min(self.len().saturating_sub(1));
    }

    fn refilter(&mut self) {
        let needle = self.filter.trim().to_lowercase();
        self.matches = if needle.is_empty() {
            None
        } else {
            Some(
                self.rows()
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.matches(&needle))
                    .map(|(i, _)| i)
                    .collect(),
            )
        };
    }

    /// A page arrived from `operation`, its next token checked against those this load has
    /// followed: one that repeats adds the page, ends the list there, and is the error.
    pub fn page_checked(
        &mut self,
        operation: &str,
        items: Vec<T>,
        next_token: Option<String>,
    ) -> Result<(), CognitoError> {
        if self.pages == 0 {
            self.trail.clear();
        }
        match self.trail.follow(operation, next_token) {
            Ok(next) => {
                self.page(items, next);
                Ok(())
            }
            Err(e) => {
                self.page(items, None);
                Err(e)
            }
        }
    }

    /// A page arrived: the first replaces the rows, later ones append (the filter extends).
    pub fn page(&mut self, items: Vec<T>, next_token: Option<String>) {
        let first = self.pages == 0;
        self.pages += 1;
        let mut rows = if first {
            Vec::new()
        } else {
            self.list.data.take().unwrap_or_default()
        };
        let start = rows.len();
        rows.extend(items);
        self.list.loaded(rows);
        self.next_token = next_token;
        if first {
            self.refilter();
        } else if self.matches.is_some() {
            let needle = self.filter.trim().to_lowercase();
            let rows = self.rows();
            let more: Vec<usize> = (start..rows.len())
                .filter(|&i| rows[i].matches(&needle))
                .collect();
            if let Some(m) = &mut self.matches {
                m.extend(more);
            }
        }
        self.selected = self.selected.min(self.len().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, role: &str) -> User {
        User {
            username: name.into(),
            enabled: true,
            attributes: vec![("custom:role".into(), role.into())],
            ..Default::default()
        }
    }

    #[test]
    fn case_insensitive_contains() {
        assert!(contains_ci("Alice Nguyen", "nguy"));
        assert!(contains_ci("x", ""));
        assert!(!contains_ci("ab", "abc"));
    }

    #[test]
    fn filters_over_custom_attributes_and_extends_on_new_pages() {
        let mut p = ListPane::new("pool");
        p.list.start(1);
        p.page(
            vec![user("alice", "admin"), user("bao", "student")],
            Some("t".into()),
        );
        p.set_filter("ADMIN");
        assert_eq!(p.len(), 1);
        assert_eq!(p.get(0).unwrap().username, "alice");
        p.page(vec![user("carmen", "admin")], None);
        assert_eq!(p.len(), 2);
        assert_eq!(p.get(1).unwrap().username, "carmen");
        p.set_filter("");
        assert_eq!(p.len(), 3);
        assert!(!p.has_more());
    }
}
