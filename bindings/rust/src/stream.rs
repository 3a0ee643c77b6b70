//! Lazy, auto-paginating lists: [`Pages`] yields one page per request, [`Items`] the items of those
//! pages one by one. Both report a [`Position`] that can be saved and resumed from later — in
//! another process too — with [`crate::Client::resume_pages`] / [`crate::Client::resume_items`].
//!
//! **Fetch and decode overlap.** A fetcher reads the pages one after another as bytes, through a
//! `Paginator` whose output only finds the page's `links` (from the end of the body, where Harvest
//! sends them: [`RawBody::trailing_page_links`]; else by a structural scan of the whole body,
//! [`RawBody::quick_page_links`]), so each request goes out as soon as the page before has
//! arrived. Each page's typed decode starts the moment the page has arrived, and the fetcher
//! hands the page over decoded while it fetches the next, so the caller is woken once a page and
//! never stands between two requests. On tokio the fetcher is a task of its own (it moves on while
//! the caller is busy with the items before), and the decode runs in the background at idle
//! priority, overtaken at normal priority if it has not finished within a grace period
//! (`decoder.rs`). A decoded page waits in a one-page channel and the next with the fetcher; with
//! the page the caller holds and the one being fetched, that is at most four pages (three decoded,
//! one of JSON), whatever the length of the list; dropping the stream cancels the fetcher.
//! [`Items`] gives each page's vector back once its items are out, and later pages are decoded
//! into those vectors, so a long list is read into the same two or three blocks of memory. The
//! read-ahead starts when the caller asks for a second page, so reading one page, or the first
//! item, costs one request.
//! Statuses, retries, rate limits and truncated bodies are handled by the core exactly as for a
//! typed list. If the typed decode of a fetched page fails (a field of the wrong type), the page
//! is fetched again the typed way from its position — with the core's retries — so the error, or
//! the page, is the one the typed path gives; what was fetched ahead is dropped.
//! On `wasm32` (no threads) the fetcher is polled with the stream and the decode runs inline.

use crate::client::Inner;
use crate::driver::drive;
use crate::transport::{BoxFuture, MaybeSend};
use futures_core::Stream;
use harvest_core::model::{Links, ListPage, Listed};
use harvest_core::paginator::Paged;
use harvest_core::{Error, ErrorCode, OperationId, Output, Paginator, Position, RawBody, Response, Result};
use serde::de::DeserializeOwned;
use futures_channel::{mpsc, oneshot};
use futures_util::StreamExt;
use std::collections::VecDeque;
#[cfg(not(target_arch = "wasm32"))]
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

/// The pages of a list, one request per page, from the first poll on fetched up to two pages
/// ahead of the caller. Ends after the last page, or after yielding an error (resume from
/// [`Pages::position`] to retry the page that failed).
pub struct Pages<T> {
    position: Arc<Mutex<Option<Position>>>,
    stream: BoxStream<Result<ListPage<T>>>,
    spare: Spare<T>,
}

/// Used vectors of items, emptied, for the next pages' items to be decoded into (see
/// [`ListPage::decode_into`]): [`Items`] gives back each page's vector once it has handed out
/// its items, so that a long list is read into the same few blocks of memory. It keeps no more
/// than the read-ahead can have in use at once.
type Spare<T> = Arc<Mutex<Vec<Vec<T>>>>;

/// The most vectors [`Spare`] keeps: a page in the channel, one with the fetcher, one decoded
/// twice (see `decoder.rs`).
const SPARE_VECTORS: usize = 3;

impl<T: Item> Pages<T> {
    pub(crate) fn new(inner: Arc<Inner>, paginator: Result<Paginator<ListPage<T>>>) -> Self {
        let position = Arc::new(Mutex::new(paginator.as_ref().ok().map(Paginator::position)));
        let spare = Spare::default();
        let stream = Pipeline::new(inner, paginator, position.clone(), spare.clone());
        Self { position, stream: Box::pin(stream), spare }
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
            if this.buffer.capacity() > 0 {
                let mut spare = this.pages.spare.lock().unwrap_or_else(|p| p.into_inner());
                if spare.len() < SPARE_VECTORS {
                    // Empty: no data moves, the vector keeps its memory for the next page.
                    spare.push(std::mem::take(&mut this.buffer).into());
                }
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

/// A scanned page as a response again, for the typed decode (`ListPage::decode`, exactly as the
/// typed path decodes it, with room for the `per_page` items asked for).
fn scanned(status: u16, body: Vec<u8>) -> Response {
    Response { request_id: 0, status, headers: Vec::new(), body }
}

/// The `per_page` a page at `position` is asked for with.
fn per_page(position: &Position) -> Option<u32> {
    position.query.iter().find(|(k, _)| k == "per_page").and_then(|(_, v)| v.parse().ok())
}

/// A page being decoded (in the background), with the positions before and after it.
struct Decoding<T> {
    task: DecodeTask<T>,
    before: Position,
    after: Position,
}

enum DecodeTask<T> {
    Done(Box<Result<ListPage<T>>>),
    #[cfg(not(target_arch = "wasm32"))]
    Background(crate::decoder::Background<T>),
}

impl<T: Item> DecodeTask<T> {
    /// Starts the decode of `page`, its items into the spare vector if there is one.
    fn start(page: RawPage<T>, per_page: Option<u32>, spare: &Spare<T>) -> Self {
        let (status, body) = match page {
            RawPage::Typed(page) => return DecodeTask::Done(Box::new(Ok(page))),
            RawPage::Raw { status, body, .. } => (status, body),
        };
        let items = spare.lock().unwrap_or_else(|p| p.into_inner()).pop().unwrap_or_default();
        #[cfg(not(target_arch = "wasm32"))]
        if tokio::runtime::Handle::try_current().is_ok() {
            return DecodeTask::Background(crate::decoder::Background::start(scanned(status, body), per_page, items));
        }
        DecodeTask::Done(Box::new(ListPage::decode_into(&scanned(status, body), per_page, items)))
    }

    /// The decoded page, once the decode is done.
    async fn finish(self) -> Box<Result<ListPage<T>>> {
        match self {
            DecodeTask::Done(result) => result,
            #[cfg(not(target_arch = "wasm32"))]
            DecodeTask::Background(mut background) => Box::new(std::future::poll_fn(|cx| background.poll(cx)).await),
        }
    }
}

/// What the fetcher hands over, in order: each page decoded (or the error of its typed decode)
/// with the positions before and after it; then how the list ended, and the position there.
enum Fetched<T> {
    Page { before: Position, after: Position, decoded: Box<Result<ListPage<T>>> },
    End { after: Position, error: Option<Error> },
}
/// The typed re-read of a page whose scanned bytes did not decode.
type Reread<T> = (Paginator<ListPage<T>>, Result<Option<ListPage<T>>>);

/// Fetches pages one after another into `pages`, until the list ends or fails. Each page's decode
/// starts as soon as it has arrived, and the page is handed over decoded while the next one is
/// fetched, so the caller is woken once a page, never in the way of a request. The channel holds
/// one page, so the fetcher waits only when the caller is two pages behind. After the first page
/// it waits for `more`: a caller that wants one page (or the first item) costs one request.
async fn read_ahead<T: Item>(inner: Arc<Inner>, mut paginator: Paginator<RawPage<T>>, mut pages: mpsc::Sender<Fetched<T>>, more: oneshot::Receiver<()>, spare: Spare<T>) {
    use futures_util::SinkExt;
    let mut more = Some(more);
    let mut decoding: Option<Decoding<T>> = None;
    loop {
        let before = paginator.position();
        let (outcome, handed) = futures_util::future::join(drive(&inner, &mut paginator), hand_over(&mut pages, decoding.take())).await;
        let after = paginator.position();
        if handed.is_err() {
            return;
        }
        match outcome {
            Ok(Some(page)) => decoding = Some(Decoding { task: DecodeTask::start(page, per_page(&before), &spare), before, after }),
            // The end of the list, or the error that ends it, after every page before it.
            end => {
                let _ = pages.feed(Fetched::End { after, error: end.err() }).await;
                return;
            }
        }
        if let Some(asked) = more.take() {
            if hand_over(&mut pages, decoding.take()).await.is_err() || asked.await.is_err() {
                return;
            }
        }
    }
}

/// Hands a page over to the stream once its decode is done.
async fn hand_over<T: Item>(pages: &mut mpsc::Sender<Fetched<T>>, decoding: Option<Decoding<T>>) -> std::result::Result<(), mpsc::SendError> {
    use futures_util::SinkExt;
    let Some(Decoding { task, before, after }) = decoding else { return Ok(()) };
    let decoded = task.finish().await;
    // `feed`, not `send`: nothing to flush in a channel.
    pages.feed(Fetched::Page { before, after, decoded }).await
}

/// The fetcher: a task of its own on tokio's runtime, so that it moves on while the caller works
/// through the page before; else a future polled with the stream. Dropping it cancels it.
enum Fetcher {
    Polled(Option<BoxFuture<'static, ()>>),
    #[cfg(not(target_arch = "wasm32"))]
    Task(tokio::task::JoinHandle<()>),
}

impl Fetcher {
    fn start(fetching: BoxFuture<'static, ()>) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            return Fetcher::Task(runtime.spawn(fetching));
        }
        Fetcher::Polled(Some(fetching))
    }

    /// Moves a polled fetcher on (a task moves by itself).
    #[cfg_attr(target_arch = "wasm32", allow(irrefutable_let_patterns))]
    fn drive(&mut self, cx: &mut Context<'_>) {
        if let Fetcher::Polled(fetching) = self {
            if fetching.as_mut().is_some_and(|f| f.as_mut().poll(cx).is_ready()) {
                *fetching = None;
            }
        }
    }

    /// Why the fetcher stopped without saying how the list ended: its panic goes on, else the
    /// runtime is shutting down.
    fn stopped(&mut self, cx: &mut Context<'_>) -> Error {
        #[cfg(not(target_arch = "wasm32"))]
        if let Fetcher::Task(handle) = self {
            if let Poll::Ready(Err(join)) = Pin::new(handle).poll(cx) {
                if join.is_panic() {
                    std::panic::resume_unwind(join.into_panic());
                }
            }
        }
        let _ = cx;
        Error::new(ErrorCode::Transport, "the page fetch was cancelled: the runtime is shutting down")
    }
}

impl Drop for Fetcher {
    fn drop(&mut self) {
        #[cfg(not(target_arch = "wasm32"))]
        if let Fetcher::Task(handle) = self {
            handle.abort();
        }
    }
}

/// The stream behind [`Pages`]: the fetcher's decoded pages, in order, with their positions.
struct Pipeline<T> {
    inner: Arc<Inner>,
    spare: Spare<T>,
    /// Where the fetcher starts, until the first poll starts it.
    start: Option<Paginator<RawPage<T>>>,
    fetcher: Option<Fetcher>,
    pages: Option<mpsc::Receiver<Fetched<T>>>,
    /// Tells the fetcher to go on after its first page, once the caller asks for another.
    more: Option<oneshot::Sender<()>>,
    /// Whether a page was yielded since the fetcher started.
    yielded: bool,
    reread: Option<BoxFuture<'static, Reread<T>>>,
    /// How the list ended before any fetch: an error, and the position then.
    end: Option<(Option<Error>, Option<Position>)>,
    done: bool,
    /// What [`Pages::position`] reports: after the last page yielded.
    position: Arc<Mutex<Option<Position>>>,
}

impl<T: Item> Pipeline<T> {
    fn new(inner: Arc<Inner>, typed: Result<Paginator<ListPage<T>>>, position: Arc<Mutex<Option<Position>>>, spare: Spare<T>) -> Self {
        let mut pipeline = Pipeline { inner, spare, start: None, fetcher: None, pages: None, more: None, yielded: false, reread: None, end: None, done: false, position };
        if let Err(error) = typed.and_then(|p| pipeline.continue_after(&p)) {
            pipeline.end = Some((Some(error), None));
        }
        pipeline
    }

    /// Sets the fetcher to start from where `typed` stands.
    fn continue_after(&mut self, typed: &Paginator<ListPage<T>>) -> Result<()> {
        self.start = Some(Paginator::resume(&self.inner.core, &typed.position())?);
        Ok(())
    }

    /// Starts the fetcher, if it is waiting for the first poll.
    fn start_fetcher(&mut self) {
        if let Some(paginator) = self.start.take() {
            // No slot but the sender's own: one decoded page waits for the caller.
            let (sender, receiver) = mpsc::channel(0);
            let (more, asked) = oneshot::channel();
            self.fetcher = Some(Fetcher::start(Box::pin(read_ahead(self.inner.clone(), paginator, sender, asked, self.spare.clone()))));
            self.pages = Some(receiver);
            self.more = Some(more);
            self.yielded = false;
        }
    }

    fn set_position(&self, position: Position) {
        *self.position.lock().unwrap_or_else(|p| p.into_inner()) = Some(position);
    }

    /// Fetches the page at `from` again the typed way, dropping what was fetched ahead.
    fn start_reread(&mut self, from: &Position) {
        self.start = None;
        self.fetcher = None;
        self.more = None;
        self.pages = None;
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
        self.start = None;
        self.fetcher = None;
        self.more = None;
        self.pages = None;
        self.reread = None;
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
            this.start_fetcher();
            if this.yielded {
                if let Some(more) = this.more.take() {
                    let _ = more.send(());
                }
            }
            if let Some(fetcher) = this.fetcher.as_mut() {
                fetcher.drive(cx);
            }
            if let Some((error, position)) = this.end.take() {
                return this.finish(error, position);
            }
            let Some(pages) = this.pages.as_mut() else { return this.finish(None, None) };
            match pages.poll_next_unpin(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Fetched::Page { before, after, decoded })) => match *decoded {
                    Ok(page) => {
                        this.set_position(after);
                        this.yielded = true;
                        return Poll::Ready(Some(Ok(page)));
                    }
                    Err(_) => this.start_reread(&before),
                },
                Poll::Ready(Some(Fetched::End { after, error })) => return this.finish(error, Some(after)),
                Poll::Ready(None) => {
                    let error = this.fetcher.as_mut().map(|f| f.stopped(cx));
                    return this.finish(error, None);
                }
            }
        }
    }
}
