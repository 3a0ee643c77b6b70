//! Lazy, auto-paginating lists: [`Pages`] yields one page per request, [`Items`] the items of those
//! pages one by one. Both report a [`Position`] that can be saved and resumed from later — in
//! another process too — with [`crate::Client::resume_pages`] / [`crate::Client::resume_items`].

use crate::client::Inner;
use crate::driver::drive;
use crate::transport::MaybeSend;
use futures_core::Stream;
use harvest_core::model::{ListPage, Listed};
use harvest_core::{Error, Paginator, Position, Result};
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

/// A model Harvest lists: anything [`Items`] and [`Pages`] can hold.
pub trait Item: DeserializeOwned + Listed + MaybeSend + 'static {}
impl<T: DeserializeOwned + Listed + MaybeSend + 'static> Item for T {}

#[cfg(not(target_arch = "wasm32"))]
type BoxStream<T> = Pin<Box<dyn Stream<Item = T> + Send>>;
#[cfg(target_arch = "wasm32")]
type BoxStream<T> = Pin<Box<dyn Stream<Item = T>>>;

/// The pages of a list, fetched lazily, one request per page. Ends after the last page, or after
/// yielding an error (resume from [`Pages::position`] to retry the page that failed).
pub struct Pages<T> {
    position: Arc<Mutex<Option<Position>>>,
    stream: BoxStream<Result<ListPage<T>>>,
}

struct PagesState<T> {
    inner: Arc<Inner>,
    paginator: Option<Paginator<ListPage<T>>>,
    start_error: Option<Error>,
    position: Arc<Mutex<Option<Position>>>,
}

impl<T: Item> Pages<T> {
    pub(crate) fn new(inner: Arc<Inner>, paginator: Result<Paginator<ListPage<T>>>) -> Self {
        let (paginator, start_error) = match paginator {
            Ok(p) => (Some(p), None),
            Err(e) => (None, Some(e)),
        };
        let position = Arc::new(Mutex::new(paginator.as_ref().map(Paginator::position)));
        let state = PagesState { inner, paginator, start_error, position: position.clone() };
        let stream = futures_util::stream::unfold(state, |mut state| async move {
            if let Some(error) = state.start_error.take() {
                return Some((Err(error), state));
            }
            let paginator = state.paginator.as_mut()?;
            let outcome = drive(&state.inner, paginator).await;
            let position = paginator.position();
            *state.position.lock().unwrap_or_else(|p| p.into_inner()) = Some(position);
            match outcome {
                Ok(Some(page)) => Some((Ok(page), state)),
                Ok(None) => None,
                Err(error) => {
                    state.paginator = None;
                    Some((Err(error), state))
                }
            }
        });
        Self { position, stream: Box::pin(stream) }
    }

    /// Where to resume: the next page not yet yielded. `None` if the list could not start
    /// (invalid parameters).
    pub fn position(&self) -> Option<Position> {
        self.position.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The items of these pages, one by one.
    pub fn items(self) -> Items<T> {
        Items { pages: self, buffer: VecDeque::new(), page_start: None }
    }
}

impl<T> Stream for Pages<T> {
    type Item = Result<ListPage<T>>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.stream.as_mut().poll_next(cx)
    }
}

impl<T> Unpin for Pages<T> {}

/// The items of a list, fetched page by page as they are consumed.
pub struct Items<T> {
    pages: Pages<T>,
    buffer: VecDeque<T>,
    /// The position of the page whose items are being handed out.
    page_start: Option<Position>,
}

impl<T: Item> Items<T> {
    /// Where to resume without losing an item: the page being handed out if some of its items
    /// are still to come (they are yielded again on resume), else the next page.
    pub fn position(&self) -> Option<Position> {
        if self.buffer.is_empty() {
            self.pages.position()
        } else {
            self.page_start.clone()
        }
    }

    /// Reads every remaining item into a `Vec`.
    pub async fn all(mut self) -> Result<Vec<T>> {
        use futures_util::StreamExt;
        let mut out = Vec::new();
        while let Some(item) = self.next().await {
            out.push(item?);
        }
        Ok(out)
    }
}

impl<T: Item> Stream for Items<T> {
    type Item = Result<T>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            this.page_start = this.pages.position();
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(page))) => this.buffer = page.items.into(),
            }
        }
    }
}

impl<T> Unpin for Items<T> {}
