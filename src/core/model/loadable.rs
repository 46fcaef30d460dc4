//! `Loadable<T>`: one pane's data and where its load stands. Keeps the last good data while
//! a refresh runs or after it fails, so the screen never goes blank on a retry.

use crate::core::msg::RequestId;
use crate::domain::CognitoError;

#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    Idle,
    Loading(RequestId),
    Loaded,
    Failed(CognitoError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Loadable<T> {
    pub data: Option<T>,
    pub state: LoadState,
}

impl<T> Default for Loadable<T> {
    fn default() -> Self {
        Self {
            data: None,
            state: LoadState::Idle,
        }
    }
}

impl<T> Loadable<T> {
    /// A new request for this slot; any older one in flight becomes stale.
    pub fn start(&mut self, id: RequestId) {
        self.state = LoadState::Loading(id);
    }

    /// Whether a result with this id is the one this slot waits for.
    pub fn is_current(&self, id: RequestId) -> bool {
        self.state == LoadState::Loading(id)
    }

    pub fn is_loading(&self) -> bool {
        matches!(self.state, LoadState::Loading(_))
    }

    pub fn loaded(&mut self, data: T) {
        self.data = Some(data);
        self.state = LoadState::Loaded;
    }

    pub fn failed(&mut self, err: CognitoError) {
        self.state = LoadState::Failed(err);
    }

    pub fn error(&self) -> Option<&CognitoError> {
        match &self.state {
            LoadState::Failed(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ErrorKind;

    #[test]
    fn a_newer_request_supersedes_the_older() {
        let mut l: Loadable<u32> = Loadable::default();
        l.start(1);
        l.start(2);
        assert!(!l.is_current(1));
        assert!(l.is_current(2));
    }

    #[test]
    fn failure_keeps_the_last_good_data() {
        let mut l = Loadable::default();
        l.start(1);
        l.loaded(7);
        l.start(2);
        l.failed(CognitoError::new(ErrorKind::Network, "down"));
        assert_eq!(l.data, Some(7));
        assert!(l.error().is_some());
    }
}
