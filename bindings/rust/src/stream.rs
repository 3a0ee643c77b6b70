//! Lazy, auto-paginating lists: [`Pages`] yields one page per request, [`Items`] the items of those
//! pages one by one. Both report a [`Position`] that can be saved and resumed from later — in
//! another process too — with [`crate::Client::resume_pages`] / [`crate::Client::resume_items`].
//!
//! **Fetch and decode overlap.** A page is fetched as bytes by a `Paginator` whose output only
//! finds the page's `links` (from the end of the body, where Harvest sends them: see
//! [`RawBody::trailing_page_links`]; else by a structural scan of the whole body,
//! [`RawBody::quick_page_links`]), so the next page's request can go out at once; the typed
//! decode of the page runs on tokio's blocking pool meanwhile, and the fetch runs as a task of
//! its own, so that it moves on while the caller is busy with the items before it. At most one
//! page is decoding and one is fetched ahead (about two pages of memory); dropping the stream
//! cancels the fetch. Statuses, retries, rate limits and truncated bodies are handled by the core
//! exactly as for a typed list. If the typed decode of a scanned page fails (a field of the wrong
//! type), the page is fetched again the typed way from its position — with the core's retries —
//! so the error, or the page, is the one the typed path gives; the page read ahead is dropped.
//! On `wasm32` (no threads) the decode runs inline after the fetch.

use crate::client::Inner;
use crate::driver::drive;
use crate::transport::{BoxFuture, MaybeSend};
use futures_core::Stream;
use harvest_core::model::{Links, ListPage, Listed};
use harvest_core::paginator::Paged;
use harvest_core::{Error, ErrorCode, OperationId, Output, Paginator, Position, RawBody, Response, Result};
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use std::future::Future;
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

/// The pages of a list, fetched lazily, one request per page (and one ahead while the current
/// page decodes). Ends after the last page, or after yielding an error (resume from
/// [`Pages::position`] to retry the page that failed).
pub struct Pages<T> {
    position: Arc<Mutex<Option<Position>>>,
    stream: BoxStream<Result<ListPage<T>>>,
}

impl<T: Item> Pages<T> {
    pub(crate) fn new(inner: Arc<Inner>, paginator: Result<Paginator<ListPage<T>>>) -> Self {
        let position = Arc::new(Mutex::new(paginator.as_ref().ok().map(Paginator::position)));
        let stream = Pipeline::new(inner, paginator, position.clone());
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

/// A page as the read-ahead paginator gets it: the bytes and links, checked by the quick scan;
/// or, when the scan declined the body, the page the typed decode made of it (or its error, which
/// the core then handles as for a typed list).
enum RawPage<T> {
    Raw { status: u16, body: Vec<u8>, links: Links },
    Typed(ListPage<T>),
}

impl<T: Item> Output for RawPage<T> {
    fn decode_response(id: OperationId, response: &Response) -> Result<Self> {
        Self::decode_owned(id, response.clone())
    }

    fn decode_owned(id: OperationId, response: Response) -> Result<Self> {
        if (200..300).contains(&response.status) {
            let links = RawBody::trailing_page_links(&response.body).or_else(|| RawBody::quick_page_links(T::LIST_KEY, &response.body));
            if let Some(links) = links {
                return Ok(RawPage::Raw { status: response.status, body: response.body, links });
            }
        }
        <ListPage<T> as Output>::decode_response(id, &response).map(RawPage::Typed)
    }
}

impl<T> Paged for RawPage<T> {
    fn page_links(&self) -> Option<&Links> {
        match self {
            RawPage::Raw { links, .. } => Some(links),
            RawPage::Typed(page) => Some(&page.links),
        }
    }
}

/// The typed decode of a scanned page, exactly as the typed path decodes it.
fn decode_page<T: Item>(id: OperationId, status: u16, body: Vec<u8>) -> Result<ListPage<T>> {
    let response = Response { request_id: 0, status, headers: Vec::new(), body };
    <ListPage<T> as Output>::decode_response(id, &response)
}

/// A page being decoded (on the blocking pool), with the positions before and after it.
struct Decoding<T> {
    task: DecodeTask<T>,
    before: Position,
    after: Position,
}

enum DecodeTask<T> {
    Done(Option<Box<Result<ListPage<T>>>>),
    #[cfg(not(target_arch = "wasm32"))]
    Blocking(tokio::task::JoinHandle<Result<ListPage<T>>>),
}

impl<T: Item> DecodeTask<T> {
    fn start(id: OperationId, page: RawPage<T>) -> Self {
        match page {
            RawPage::Typed(page) => DecodeTask::Done(Some(Box::new(Ok(page)))),
            #[cfg(not(target_arch = "wasm32"))]
            RawPage::Raw { status, body, .. } if tokio::runtime::Handle::try_current().is_ok() => {
                DecodeTask::Blocking(tokio::task::spawn_blocking(move || decode_page(id, status, body)))
            }
            RawPage::Raw { status, body, .. } => DecodeTask::Done(Some(Box::new(decode_page(id, status, body)))),
        }
    }

    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<Result<ListPage<T>>> {
        match self {
            DecodeTask::Done(result) => Poll::Ready(result.take().map(|r| *r).unwrap_or_else(|| Err(Error::protocol("a decoded page was taken twice")))),
            #[cfg(not(target_arch = "wasm32"))]
            DecodeTask::Blocking(handle) => match Pin::new(handle).poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(Ok(result)) => Poll::Ready(result),
                Poll::Ready(Err(join)) if join.is_panic() => std::panic::resume_unwind(join.into_panic()),
                Poll::Ready(Err(join)) => Poll::Ready(Err(Error::protocol(format!("the page decode was cancelled: {join}")))),
            },
        }
    }
}

/// A finished fetch: the paginator back, the position before the page, and the outcome.
type Fetched<T> = (Paginator<RawPage<T>>, Position, Result<Option<RawPage<T>>>);
/// The typed re-read of a page whose scanned bytes did not decode.
type Reread<T> = (Paginator<ListPage<T>>, Result<Option<ListPage<T>>>);

/// The fetch of the page ahead: a task of its own on tokio's runtime (it moves while the caller
/// works through the page before), else a future polled with the stream. Dropping it cancels it.
enum Ahead<T> {
    Polled(BoxFuture<'static, Fetched<T>>),
    #[cfg(not(target_arch = "wasm32"))]
    Task(tokio::task::JoinHandle<Fetched<T>>),
}

impl<T: Item> Ahead<T> {
    fn start(fetch: BoxFuture<'static, Fetched<T>>) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            return Ahead::Task(runtime.spawn(fetch));
        }
        Ahead::Polled(fetch)
    }

    /// The fetch's outcome; `None` if its task was cancelled (the runtime is shutting down).
    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<Option<Fetched<T>>> {
        match self {
            Ahead::Polled(fetch) => fetch.as_mut().poll(cx).map(Some),
            #[cfg(not(target_arch = "wasm32"))]
            Ahead::Task(handle) => match Pin::new(handle).poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(Ok(fetched)) => Poll::Ready(Some(fetched)),
                Poll::Ready(Err(join)) if join.is_panic() => std::panic::resume_unwind(join.into_panic()),
                Poll::Ready(Err(_)) => Poll::Ready(None),
            },
        }
    }
}

impl<T> Drop for Ahead<T> {
    fn drop(&mut self) {
        #[cfg(not(target_arch = "wasm32"))]
        if let Ahead::Task(handle) = self {
            handle.abort();
        }
    }
}

/// The stream behind [`Pages`]: one fetch in flight while the previous page decodes.
struct Pipeline<T> {
    inner: Arc<Inner>,
    id: Option<OperationId>,
    /// The paginator, when no fetch holds it.
    paginator: Option<Paginator<RawPage<T>>>,
    fetch: Option<Ahead<T>>,
    /// The position of the page being fetched.
    fetching_from: Option<Position>,
    /// A fetched page waiting for the decoder, with the positions before and after it.
    ready: Option<(RawPage<T>, Position, Position)>,
    decoding: Option<Decoding<T>>,
    reread: Option<BoxFuture<'static, Reread<T>>>,
    /// How the list ended (after the pages before it are yielded): the end, or an error, and
    /// the position then.
    end: Option<(Option<Error>, Option<Position>)>,
    done: bool,
    /// What [`Pages::position`] reports: after the last page yielded.
    position: Arc<Mutex<Option<Position>>>,
}

impl<T: Item> Pipeline<T> {
    fn new(inner: Arc<Inner>, typed: Result<Paginator<ListPage<T>>>, position: Arc<Mutex<Option<Position>>>) -> Self {
        let mut pipeline = Pipeline {
            inner,
            id: None,
            paginator: None,
            fetch: None,
            fetching_from: None,
            ready: None,
            decoding: None,
            reread: None,
            end: None,
            done: false,
            position,
        };
        match typed.and_then(|p| pipeline.continue_after(&p)) {
            Ok(()) => {}
            Err(error) => pipeline.end = Some((Some(error), None)),
        }
        pipeline
    }

    /// Continues with the read-ahead paginator from where `typed` stands.
    fn continue_after(&mut self, typed: &Paginator<ListPage<T>>) -> Result<()> {
        let position = typed.position();
        self.id = Some(OperationId::parse(&position.operation_id)?);
        self.paginator = Some(Paginator::resume(&self.inner.core, &position)?);
        Ok(())
    }

    fn set_position(&self, position: Position) {
        *self.position.lock().unwrap_or_else(|p| p.into_inner()) = Some(position);
    }

    fn start_fetch(&mut self) {
        if self.fetch.is_some() || self.ready.is_some() || self.end.is_some() {
            return;
        }
        if let Some(mut paginator) = self.paginator.take() {
            let inner = self.inner.clone();
            let before = paginator.position();
            self.fetching_from = Some(before.clone());
            self.fetch = Some(Ahead::start(Box::pin(async move {
                let outcome = drive(&inner, &mut paginator).await;
                (paginator, before, outcome)
            })));
        }
    }

    /// Fetches the page at `from` again the typed way, dropping the read-ahead.
    fn start_reread(&mut self, from: &Position) {
        self.fetch = None;
        self.ready = None;
        self.end = None;
        self.paginator = None;
        match Paginator::<ListPage<T>>::resume(&self.inner.core, from) {
            Ok(mut typed) => {
                let inner = self.inner.clone();
                self.reread = Some(Box::pin(async move {
                    let outcome = drive(&inner, &mut typed).await;
                    (typed, outcome)
                }));
            }
            Err(error) => self.end = Some((Some(error), Some(from.clone()))),
        }
    }

    fn finish(&mut self, error: Option<Error>, position: Option<Position>) -> Poll<Option<Result<ListPage<T>>>> {
        self.done = true;
        self.fetch = None;
        self.ready = None;
        self.decoding = None;
        self.reread = None;
        self.paginator = None;
        if let Some(position) = position {
            self.set_position(position);
        }
        Poll::Ready(error.map(Err))
    }
}

// Nothing in a pipeline is pinned in place: its futures are boxed, its pages plain values.
impl<T> Unpin for Pipeline<T> {}

impl<T: Item> Stream for Pipeline<T> {
    type Item = Result<ListPage<T>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            if let Some(reread) = this.reread.as_mut() {
                let Poll::Ready((typed, outcome)) = reread.as_mut().poll(cx) else { return Poll::Pending };
                this.reread = None;
                let position = typed.position();
                return match outcome {
                    Ok(Some(page)) => {
                        this.set_position(position);
                        if let Err(error) = this.continue_after(&typed) {
                            this.end = Some((Some(error), Some(typed.position())));
                        }
                        Poll::Ready(Some(Ok(page)))
                    }
                    Ok(None) => this.finish(None, Some(position)),
                    Err(error) => this.finish(Some(error), Some(position)),
                };
            }
            if this.decoding.is_none() {
                if let (Some((page, before, after)), Some(id)) = (this.ready.take(), this.id) {
                    this.decoding = Some(Decoding { task: DecodeTask::start(id, page), before, after });
                }
            }
            this.start_fetch();
            if let Some(fetch) = this.fetch.as_mut() {
                if let Poll::Ready(fetched) = fetch.poll(cx) {
                    this.fetch = None;
                    let Some((paginator, before, outcome)) = fetched else {
                        let error = Error::new(ErrorCode::Transport, "the page fetch was cancelled: the runtime is shutting down");
                        this.end = Some((Some(error), this.fetching_from.take()));
                        continue;
                    };
                    let after = paginator.position();
                    match outcome {
                        Ok(Some(page)) => {
                            this.ready = Some((page, before, after));
                            this.paginator = Some(paginator);
                        }
                        Ok(None) => this.end = Some((None, Some(after))),
                        Err(error) => this.end = Some((Some(error), Some(after))),
                    }
                    continue;
                }
            }
            if let Some(decoding) = this.decoding.as_mut() {
                let Poll::Ready(result) = decoding.task.poll(cx) else { return Poll::Pending };
                let Decoding { before, after, .. } = this.decoding.take().expect("a page is decoding");
                match result {
                    Ok(page) => {
                        this.set_position(after);
                        return Poll::Ready(Some(Ok(page)));
                    }
                    Err(_) => {
                        this.start_reread(&before);
                        continue;
                    }
                }
            }
            if this.fetch.is_some() || this.ready.is_some() {
                return Poll::Pending;
            }
            let (error, position) = this.end.take().unwrap_or((None, None));
            return this.finish(error, position);
        }
    }
}
