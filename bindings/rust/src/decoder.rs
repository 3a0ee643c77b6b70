//! The background decoder: the typed decode of pages read ahead, on SDK threads at idle priority,
//! so that reading ahead never takes the CPU from the caller's own work or from the request in
//! flight.
//!
//! A page read ahead is speculative work: nobody waits for it yet. On a busy machine — the
//! sandbox serving the next page on the same two cores, or the caller's program working through
//! the items before — decoding it at normal priority slows what everyone is waiting for. So the
//! decode goes to a few threads (one per core, at most four), started on the first read-ahead,
//! that Linux runs at `SCHED_IDLE`: they get a core when no other thread wants it. Every few items
//! they offer it back (`sched_yield`), for a thread woken on their core would otherwise wait for
//! the core's next timer tick on some kernels. Elsewhere they are ordinary threads.
//!
//! An idle-priority thread can starve while the machine is saturated. So a page not decoded
//! within its grace period — 10 ms plus 10 ns per byte (30 ms for a 2 MB page of 2000 entries,
//! several times what its decode takes) — is decoded again on tokio's blocking pool at normal
//! priority, and whichever finishes first is used: the caller never waits on an idle thread for
//! longer than the grace period. The decode is a pure function of the bytes, so the two agree.

use crate::stream::Item;
use futures_channel::oneshot;
use harvest_core::model::ListPage;
use harvest_core::{Error, Response, Result};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

type Work = Box<dyn FnOnce() + Send>;

/// How many decoder threads: one per core, at most four.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// The decoder threads' queue, started on first use; `None` if no thread could be started.
fn queue() -> Option<&'static mpsc::Sender<Work>> {
    static QUEUE: OnceLock<Option<mpsc::Sender<Work>>> = OnceLock::new();
    QUEUE
        .get_or_init(|| {
            let (sender, receiver) = mpsc::channel::<Work>();
            let receiver = Arc::new(Mutex::new(receiver));
            let started = (0..threads())
                .filter(|n| {
                    let receiver = receiver.clone();
                    std::thread::Builder::new().name(format!("harvest-decode-{n}")).spawn(move || decode_forever(&receiver)).is_ok()
                })
                .count();
            (started > 0).then_some(sender)
        })
        .as_ref()
}

/// A decoder thread: lowers its priority, then runs the queue's work until the queue is gone.
fn decode_forever(queue: &Mutex<mpsc::Receiver<Work>>) {
    lower_priority();
    loop {
        let next = queue.lock().unwrap_or_else(|p| p.into_inner()).recv();
        let Ok(work) = next else { return };
        // A panic in one decode must not take the thread down with the pages after it.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    }
}

/// Puts the calling thread on `SCHED_IDLE`: it runs only when a core is otherwise idle.
#[cfg(any(target_os = "linux", target_os = "android"))]
#[allow(unsafe_code)]
fn lower_priority() {
    let param = libc::sched_param { sched_priority: 0 };
    // SAFETY: `param` is a valid `sched_param` that outlives the call; pid 0 is the calling
    // thread. A refusal leaves the thread at normal priority, which is still correct.
    let refused = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) } != 0;
    if refused {
        tracing::debug!("harvest-decode: SCHED_IDLE refused; decoding at normal priority");
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn lower_priority() {}

/// How long a page may wait for the idle thread before it is decoded at normal priority.
pub(crate) fn grace(body_len: usize) -> Duration {
    Duration::from_millis(10) + Duration::from_nanos(10 * body_len as u64)
}

/// A page, whether a decode of it has started, and a used vector for its items.
struct Job<T> {
    response: Response,
    per_page: Option<u32>,
    started: AtomicBool,
    /// Taken by the first decode to start (if both run, the second gets a new vector).
    items: Mutex<Vec<T>>,
}

impl<T: Item> Job<T> {
    /// Decodes the page at normal priority.
    fn decode(&self) -> Result<ListPage<T>> {
        self.decode_giving_way(&mut || {})
    }

    /// Decodes the page on an idle thread, giving the processor away every [`GIVE_WAY_EVERY`]
    /// items.
    fn decode_in_background(&self) -> Result<ListPage<T>> {
        let mut decoded = 0;
        self.decode_giving_way(&mut || {
            decoded += 1;
            if decoded % GIVE_WAY_EVERY == 0 {
                std::thread::yield_now();
            }
        })
    }

    fn decode_giving_way(&self, after_item: &mut dyn FnMut()) -> Result<ListPage<T>> {
        let items = std::mem::take(&mut *self.items.lock().unwrap_or_else(|p| p.into_inner()));
        ListPage::decode_into_with(&self.response, self.per_page, items, after_item)
    }
}

/// How many items an idle thread decodes before it offers the processor to any other thread
/// (about 60 µs of a page of time entries). `SCHED_IDLE` alone is not enough: a thread woken
/// on a core that an idle-priority thread keeps busy may wait for that core's next timer tick
/// (4 ms at 250 Hz) — on the 2-core VM of the benchmark, a busy idle-priority thread slowed a
/// bare request loop by 5-9 %, the same thread offering the core every ~100 µs by 0 %.
const GIVE_WAY_EVERY: usize = 32;

/// A page being decoded in the background; poll it (under a tokio runtime with timers) for the
/// typed page.
pub(crate) struct Background<T> {
    job: Arc<Job<T>>,
    /// The idle thread's answer; `None` once it is known not to come.
    idle: Option<oneshot::Receiver<Result<ListPage<T>>>>,
    grace: Pin<Box<tokio::time::Sleep>>,
    fallback: Option<tokio::task::JoinHandle<Result<ListPage<T>>>>,
}

impl<T: Item> Background<T> {
    /// Queues the decode of `response` (a list page's status and body) for the idle thread, its
    /// items into `items` (a used vector, or a new one).
    pub(crate) fn start(response: Response, per_page: Option<u32>, items: Vec<T>) -> Self {
        let grace = Box::pin(tokio::time::sleep(grace(response.body.len())));
        Self::queued(response, per_page, items, grace, queue())
    }

    fn queued(
        response: Response,
        per_page: Option<u32>,
        items: Vec<T>,
        grace: Pin<Box<tokio::time::Sleep>>,
        queue: Option<&mpsc::Sender<Work>>,
    ) -> Self {
        let job = Arc::new(Job {
            response,
            per_page,
            started: AtomicBool::new(false),
            items: Mutex::new(items),
        });
        let (answer, idle) = oneshot::channel();
        let work = {
            let job = job.clone();
            Box::new(move || {
                // Skipped when the caller has gone, or the normal-priority decode has started.
                if !answer.is_canceled() && !job.started.swap(true, Ordering::AcqRel) {
                    let _ = answer.send(job.decode_in_background());
                }
            })
        };
        let queued = queue.is_some_and(|q| q.send(work).is_ok());
        let mut background = Self {
            job,
            idle: Some(idle),
            grace,
            fallback: None,
        };
        if !queued {
            background.idle = None;
            background.start_fallback();
        }
        background
    }

    /// Decodes the page again on tokio's blocking pool, at normal priority.
    fn start_fallback(&mut self) {
        if self.fallback.is_none() {
            self.job.started.store(true, Ordering::Release);
            let job = self.job.clone();
            self.fallback = Some(tokio::task::spawn_blocking(move || job.decode()));
        }
    }

    pub(crate) fn poll(&mut self, cx: &mut Context<'_>) -> Poll<Result<ListPage<T>>> {
        if let Some(idle) = self.idle.as_mut() {
            match Pin::new(idle).poll(cx) {
                Poll::Ready(Ok(page)) => return Poll::Ready(page),
                // Skipped or lost (a panic): no answer will come from the idle thread.
                Poll::Ready(Err(oneshot::Canceled)) => {
                    self.idle = None;
                    self.start_fallback();
                }
                Poll::Pending => {
                    if self.fallback.is_none() && self.grace.as_mut().poll(cx).is_ready() {
                        self.start_fallback();
                    }
                }
            }
        }
        let Some(fallback) = self.fallback.as_mut() else {
            return Poll::Pending;
        };
        match Pin::new(fallback).poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Ok(page)) => Poll::Ready(page),
            Poll::Ready(Err(join)) if join.is_panic() => {
                std::panic::resume_unwind(join.into_panic())
            }
            Poll::Ready(Err(join)) => Poll::Ready(Err(Error::protocol(format!(
                "the page decode was cancelled: {join}"
            )))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use harvest_core::model::Client as HarvestClient;
    use std::future::poll_fn;
    use std::time::Instant;

    fn page(n: usize) -> Response {
        let clients: Vec<String> = (1..=n)
            .map(|i| format!(r#"{{"id":{i},"name":"Client {i}","is_active":true}}"#))
            .collect();
        let body = format!(
            r#"{{"clients":[{}],"per_page":100,"total_pages":1,"total_entries":{n},"next_page":null,"previous_page":null,"page":1,"links":{{"first":"x","next":null,"previous":null,"last":"x"}}}}"#,
            clients.join(",")
        );
        Response::new(0, 200, body)
    }

    async fn decoded(mut background: Background<HarvestClient>) -> ListPage<HarvestClient> {
        poll_fn(|cx| background.poll(cx)).await.expect("a page")
    }

    #[tokio::test]
    async fn the_idle_thread_decodes_what_the_typed_path_decodes() {
        let typed = ListPage::<HarvestClient>::decode(&page(50), Some(100)).unwrap();
        let background = Background::start(page(50), Some(100), Vec::new());
        assert_eq!(decoded(background).await, typed);
    }

    #[tokio::test]
    async fn the_items_go_into_the_vector_given() {
        let used = ListPage::<HarvestClient>::decode(&page(80), Some(100)).unwrap().items;
        let memory = used.as_ptr();
        let decoded = decoded(Background::start(page(50), Some(100), used)).await;
        assert_eq!(decoded, ListPage::<HarvestClient>::decode(&page(50), Some(100)).unwrap());
        assert_eq!(decoded.items.as_ptr(), memory);
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn the_decoder_threads_run_at_idle_priority() {
        let (answer, policy) = oneshot::channel();
        queue()
            .expect("decoder threads")
            .send(Box::new(move || {
                #[allow(unsafe_code)]
                // SAFETY: no arguments; pid 0 is the calling thread.
                let _ = answer.send(unsafe { libc::sched_getscheduler(0) });
            }))
            .unwrap();
        assert_eq!(policy.await.unwrap(), libc::SCHED_IDLE);
    }

    #[tokio::test]
    async fn pages_of_concurrent_streams_decode_side_by_side() {
        if threads() < 2 {
            return; // one core: one decoder thread
        }
        // The first piece of work finishes only once the second has run beside it.
        let (ran, second_ran) = mpsc::channel::<()>();
        let (answer, first_done) = oneshot::channel();
        let queue = queue().expect("decoder threads");
        queue.send(Box::new(move || {
            let _ = answer.send(second_ran.recv_timeout(Duration::from_secs(10)).is_ok());
        }))
        .unwrap();
        queue.send(Box::new(move || {
            let _ = ran.send(());
        }))
        .unwrap();
        assert!(first_done.await.unwrap(), "the second decode ran while the first was busy");
    }

    #[tokio::test]
    async fn a_starved_idle_thread_is_overtaken_after_the_grace_period() {
        // A queue whose thread never runs the work: as if starved by a saturated machine.
        let (starved, _held) = mpsc::channel::<Work>();
        let started = Instant::now();
        let background = Background::<HarvestClient>::queued(
            page(20),
            Some(100),
            Vec::new(),
            Box::pin(tokio::time::sleep(Duration::from_millis(30))),
            Some(&starved),
        );
        assert_eq!(decoded(background).await.items.len(), 20);
        assert!(
            started.elapsed() >= Duration::from_millis(30),
            "decoded again only after the grace period"
        );
    }

    #[tokio::test]
    async fn without_a_decoder_thread_the_blocking_pool_decodes_at_once() {
        let background = Background::<HarvestClient>::queued(
            page(5),
            None,
            Vec::new(),
            Box::pin(tokio::time::sleep(Duration::from_secs(3600))),
            None,
        );
        assert_eq!(decoded(background).await.items.len(), 5);
    }

    #[tokio::test]
    async fn work_the_idle_thread_skips_is_decoded_at_normal_priority() {
        // The idle thread finds the caller's decode already started and answers nothing.
        let (queue, work) = mpsc::channel::<Work>();
        let background = Background::<HarvestClient>::queued(
            page(3),
            None,
            Vec::new(),
            Box::pin(tokio::time::sleep(Duration::from_secs(3600))),
            Some(&queue),
        );
        background.job.started.store(true, Ordering::Release);
        work.recv().unwrap()();
        assert_eq!(decoded(background).await.items.len(), 3);
    }

    #[test]
    fn grace_grows_with_the_page() {
        assert_eq!(grace(0), Duration::from_millis(10));
        assert_eq!(grace(2_000_000), Duration::from_millis(30));
    }
}
