//! A data file as a resource that is there at the first render when its answer already is.
//! Leptos's `LocalResource` always waits a tick before it resolves (so that hydration sees what
//! the server rendered; this app renders on the client only), so the reader rendered twice on a
//! fast link: its shell with "loading", a layout and a paint, and then, a task later, the issue,
//! although the loader had read both answers before the app started (`early::read`). This one
//! resolves on its first poll when its fetch does.

use leptos::prelude::*;
use std::future::{Future, IntoFuture};

pub struct DataResource<T: 'static> {
    value: AsyncDerived<T, LocalStorage>,
    refetch: RwSignal<u32>,
}

impl<T: 'static> Clone for DataResource<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for DataResource<T> {}

impl<T: 'static> DataResource<T> {
    /// Runs `fetcher` now, and again when a signal it reads changes or on `refetch`.
    pub fn new<Fut: Future<Output = T> + 'static>(fetcher: impl Fn() -> Fut + 'static) -> Self {
        let refetch = RwSignal::new(0u32);
        let value = AsyncDerived::new_unsync(move || {
            refetch.track();
            fetcher()
        });
        DataResource { value, refetch }
    }

    /// Fetches again (a retry).
    pub fn refetch(&self) {
        self.refetch.update(|n| *n = n.wrapping_add(1));
    }
}

impl<T: Clone + 'static> IntoFuture for DataResource<T> {
    type Output = T;
    type IntoFuture = <AsyncDerived<T, LocalStorage> as IntoFuture>::IntoFuture;

    fn into_future(self) -> Self::IntoFuture {
        self.value.into_future()
    }
}
