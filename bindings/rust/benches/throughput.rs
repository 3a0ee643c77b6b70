//! `make bench-rust`: plain `Instant` timing against a release sandbox.
//!
//! 1. Bulk read: stream 100000 time entries (per_page 2000) with the SDK, against a bare reqwest
//!    loop fetching the same URLs as raw bytes (no decode), in rounds (the order turning from
//!    round to round), medians; the CPU time the client and the sandbox spend per page in each;
//!    where the SDK's extra time goes (in requests, or between them); the SDK's peak memory
//!    while streaming (live heap, counted by this binary's allocator in a run of its own, and
//!    VmHWM growth). Beside them, the same loop decoding each page by hand while fetching the
//!    next: on tokio's blocking pool (what a decode at normal priority costs the sandbox when
//!    both share the machine), on an idle-priority thread, and on one that also offers its core
//!    back every 32 items as the SDK's does (what each of the two costs or saves); and how much
//!    a second busy thread gets on this machine.
//! 2. Rate-limit bound: 1000 pages of 100 read by 8 tasks sharing one client with the sandbox
//!    limited to 100 per 1.5 s (floor: 9 full windows = 13.5 s), then a naive client (no limiter,
//!    retries 429 after Retry-After) doing the same work.

#[path = "../tests/common/mod.rs"]
mod common;

use common::Sandbox;
use futures_util::StreamExt;
use harvest_sdk::api::{self, ListTimeEntriesParams};
use harvest_sdk::model::{ListPage, TimeEntry};
use harvest_sdk::{BoxFuture, Client, Limit, RateLimits, ReqwestTransport, Request, Response, RetryPolicy, Transport, TransportError};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The system allocator; while `COUNTING` is on it also keeps the live and peak heap bytes.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to `System` unchanged; the counts are a side effect.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak of the heap bytes allocated while `work` runs and not freed meanwhile (what was
/// allocated before and freed during it counts below zero, so this is an upper bound).
async fn peak_heap<F: std::future::Future<Output = ()>>(work: F) -> usize {
    LIVE.store(0, Ordering::SeqCst);
    PEAK.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    work.await;
    COUNTING.store(false, Ordering::SeqCst);
    PEAK.load(Ordering::SeqCst)
}

/// The default transport, remembering the URLs it fetched (for the baseline to replay) and when
/// each request was sent and its response had arrived.
#[derive(Clone)]
struct Recording {
    inner: ReqwestTransport,
    urls: Arc<Mutex<Vec<String>>>,
    spans: Arc<Mutex<Vec<Span>>>,
}

/// When a request was sent, and when its response had arrived.
type Span = (Instant, Instant);

impl Transport for Recording {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        self.urls.lock().unwrap().push(request.url.clone());
        Box::pin(async move {
            let sent = Instant::now();
            let response = self.inner.send(request).await;
            self.spans.lock().unwrap().push((sent, Instant::now()));
            response
        })
    }
}

/// Where a run's time went: in its requests, between the first two, between all the others.
struct Split {
    inside: Duration,
    first_gap: Duration,
    other_gaps: Duration,
}

fn split(spans: &[Span]) -> Split {
    let gaps: Vec<Duration> = spans.windows(2).map(|w| w[1].0.saturating_duration_since(w[0].1)).collect();
    Split {
        inside: spans.iter().map(|(sent, arrived)| *arrived - *sent).sum(),
        first_gap: gaps.first().copied().unwrap_or_default(),
        other_gaps: gaps.iter().skip(1).sum(),
    }
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

/// CPU time (user + system, all threads) a process has used so far, from `/proc` (Linux).
fn cpu_time(pid: &str) -> Duration {
    let ticks = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
            let fields: Vec<u64> = s.rsplit(')').next()?.split_whitespace().skip(11).take(2).filter_map(|f| f.parse().ok()).collect();
            Some(fields.iter().sum::<u64>())
        })
        .unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// One timed run: wall time, and the CPU time used by this process and by the sandbox.
struct Run {
    wall: Duration,
    client_cpu: Duration,
    server_cpu: Duration,
}

async fn measured<F: std::future::Future<Output = ()>>(server: &str, work: F) -> Run {
    let (client0, server0) = (cpu_time("self"), cpu_time(server));
    let started = Instant::now();
    work.await;
    let wall = started.elapsed();
    Run { wall, client_cpu: cpu_time("self") - client0, server_cpu: cpu_time(server) - server0 }
}

async fn sdk_stream(client: &Client) -> usize {
    let mut items = client.time_entries().list(&ListTimeEntriesParams { per_page: Some(2000), ..Default::default() });
    let mut count = 0;
    while let Some(entry) = items.next().await {
        entry.expect("an entry");
        count += 1;
    }
    count
}

/// One page's bytes, fetched as a bare client would (no copy).
async fn fetch(http: &reqwest::Client, url: &str, token: &str, account: u64) -> impl AsRef<[u8]> + Into<Vec<u8>> + Send + 'static {
    let response = http
        .get(url)
        .header("Authorization", format!("Bearer {token}"))
        .header("Harvest-Account-Id", account.to_string())
        .header("User-Agent", "harvest-sdk bench (bench@example.com)")
        .send()
        .await
        .expect("an answer");
    response.bytes().await.expect("a body")
}

async fn bare_loop(http: &reqwest::Client, urls: &[String], token: &str, account: u64, spans: &mut Vec<Span>) -> usize {
    let mut bytes = 0;
    for url in urls {
        let sent = Instant::now();
        bytes += fetch(http, url, token, account).await.as_ref().len();
        spans.push((sent, Instant::now()));
    }
    bytes
}

/// Where a hand-written pipelined client decodes its pages.
#[derive(Clone, Copy)]
enum Decoder {
    /// tokio's blocking pool, at normal priority.
    BlockingPool,
    /// A thread of its own at `SCHED_IDLE`.
    IdleThread,
    /// The same, offering its core back every 32 items, as the SDK does.
    IdleGivingWay,
}

/// A hand-written client with the same pages: the bare loop, each page's bytes decoded into typed
/// models while the next page is fetched. With the blocking pool it shows what a decode at
/// normal priority costs the sandbox on this machine; with an idle thread, what idle priority
/// alone saves; giving way too, the floor for any client that decodes.
async fn hand_pipelined(http: &reqwest::Client, urls: &[String], token: &str, account: u64, decoder: Decoder) -> usize {
    type Page = ListPage<TimeEntry>;
    fn decode(body: Vec<u8>, give_way: bool) -> Page {
        let mut decoded = 0;
        let mut after_item = || {
            decoded += 1;
            if give_way && decoded % 32 == 0 {
                std::thread::yield_now();
            }
        };
        ListPage::decode_into_with(&Response::new(0, 200, body), Some(2000), Vec::new(), &mut after_item).expect("a page")
    }
    // The caller's part, as with the SDK's stream: each item taken out of its page and dropped.
    fn consume(page: Page) -> usize {
        page.items.into_iter().map(std::hint::black_box).count()
    }
    let (jobs, queue) = std::sync::mpsc::channel::<(Vec<u8>, tokio::sync::oneshot::Sender<Page>)>();
    if let Decoder::IdleThread | Decoder::IdleGivingWay = decoder {
        let give_way = matches!(decoder, Decoder::IdleGivingWay);
        std::thread::spawn(move || {
            let param = libc::sched_param { sched_priority: 0 };
            // SAFETY: a valid `sched_param`; pid 0 is this thread.
            assert_eq!(unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) }, 0, "SCHED_IDLE");
            for (body, done) in queue {
                let _ = done.send(decode(body, give_way));
            }
        });
    }
    let mut count = 0;
    let mut decoding: Option<tokio::sync::oneshot::Receiver<Page>> = None;
    for url in urls {
        // The page before is taken out (once decoded) while this one is on its way.
        let previous = decoding.take();
        let taken = async {
            match previous {
                Some(previous) => consume(previous.await.expect("a decode")),
                None => 0,
            }
        };
        let (body, taken) = futures_util::future::join(fetch(http, url, token, account), taken).await;
        count += taken;
        let body: Vec<u8> = body.into();
        let (done, decoded) = tokio::sync::oneshot::channel();
        match decoder {
            Decoder::BlockingPool => drop(tokio::task::spawn_blocking(move || {
                let _ = done.send(decode(body, false));
            })),
            Decoder::IdleThread | Decoder::IdleGivingWay => jobs.send((body, done)).expect("the decoder thread"),
        }
        decoding = Some(decoded);
    }
    if let Some(last) = decoding {
        count += consume(last.await.expect("a decode"));
    }
    count
}

/// How much a second busy thread gets on this machine: the time of one thread's fixed work over
/// the time of the same work on each of two threads at once (1.0: two full cores).
fn parallel_capacity() -> f64 {
    fn spin() -> Duration {
        let started = Instant::now();
        let mut x = 0u64;
        for i in 0..300_000_000u64 {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(i));
        }
        started.elapsed()
    }
    let alone = spin();
    let pair = std::thread::scope(|s| {
        let other = s.spawn(spin);
        let mine = spin();
        mine.max(other.join().unwrap())
    });
    alone.as_secs_f64() / pair.as_secs_f64()
}

const ROUNDS: usize = 15;

async fn bulk_read() {
    let sbx = Sandbox::start(&["--seed", "demo", "--no-rate-limit", "--seed-time-entries", "100000"]);
    let server = sbx.server_pid().map(|p| p.to_string()).unwrap_or_else(|| "self".into());
    let transport = Recording { inner: ReqwestTransport::new().unwrap(), urls: Arc::default(), spans: Arc::default() };
    let (urls, spans) = (transport.urls.clone(), transport.spans.clone());
    let client = Client::builder(sbx.config()).transport(transport).rate_limits(RateLimits { enabled: false, ..RateLimits::default() }).build().unwrap();
    let http = reqwest::Client::new();
    let hwm_before = vm_hwm_kb();
    // The first read records the URLs for the others and warms the sandbox up; it is not timed.
    let count = sdk_stream(&client).await;
    let hwm_after = vm_hwm_kb();
    let replay: Vec<String> = urls.lock().unwrap().clone();
    let pages = replay.len().max(1) as u32;
    let mut page_bytes = 0;
    // Rounds of the four, in an order that turns from round to round, so that all see the same
    // moments of a shared machine and none always follows the same one.
    let (mut sdk, mut bare, mut hand, mut idle, mut giving) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut sdk_split, mut bare_split) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        for turn in 0..5 {
            match (round + turn) % 5 {
                0 => {
                    let mut bare_spans = Vec::new();
                    bare.push(measured(&server, async { page_bytes = bare_loop(&http, &replay, &sbx.token, sbx.account_id, &mut bare_spans).await / pages as usize }).await);
                    bare_split.push(split(&bare_spans));
                }
                1 => hand.push(measured(&server, async { assert_eq!(hand_pipelined(&http, &replay, &sbx.token, sbx.account_id, Decoder::BlockingPool).await, count) }).await),
                2 => idle.push(measured(&server, async { assert_eq!(hand_pipelined(&http, &replay, &sbx.token, sbx.account_id, Decoder::IdleThread).await, count) }).await),
                3 => giving.push(measured(&server, async { assert_eq!(hand_pipelined(&http, &replay, &sbx.token, sbx.account_id, Decoder::IdleGivingWay).await, count) }).await),
                _ => {
                    spans.lock().unwrap().clear();
                    sdk.push(measured(&server, async { sdk_stream(&client).await; }).await);
                    sdk_split.push(split(&spans.lock().unwrap()));
                }
            }
        }
    }
    let heap = peak_heap(async { sdk_stream(&client).await; }).await;
    let capacity = parallel_capacity();
    let per_page = |runs: &[Run], pick: fn(&Run) -> Duration| median(runs.iter().map(pick).collect()).as_secs_f64() * 1000.0 / f64::from(pages);
    let (sdk_wall, bare_wall) = (median(sdk.iter().map(|r| r.wall).collect()), median(bare.iter().map(|r| r.wall).collect()));
    let overhead = (sdk_wall.as_secs_f64() / bare_wall.as_secs_f64() - 1.0) * 100.0;
    let mut pairs: Vec<f64> = sdk.iter().zip(&bare).map(|(s, b)| (s.wall.as_secs_f64() / b.wall.as_secs_f64() - 1.0) * 100.0).collect();
    pairs.sort_by(f64::total_cmp);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let middle = |v: &[Split], pick: fn(&Split) -> Duration| ms(median(v.iter().map(pick).collect()));
    println!("bulk read: {count} time entries in {pages} pages of 2000 ({ROUNDS} rounds, medians)");
    println!(
        "  SDK (fetch + decode + stream)     {:>8.0} ms  ({:.0} entries/s)   CPU per page: client {:.1} ms, sandbox {:.1} ms",
        sdk_wall.as_secs_f64() * 1000.0,
        count as f64 / sdk_wall.as_secs_f64(),
        per_page(&sdk, |r| r.client_cpu),
        per_page(&sdk, |r| r.server_cpu)
    );
    println!(
        "  bare reqwest loop (bytes only)    {:>8.0} ms                        CPU per page: client {:.1} ms, sandbox {:.1} ms",
        bare_wall.as_secs_f64() * 1000.0,
        per_page(&bare, |r| r.client_cpu),
        per_page(&bare, |r| r.server_cpu)
    );
    for (runs, name) in [(&hand, "by hand, on the blocking pool"), (&idle, "by hand, on an idle thread"), (&giving, "by hand, idle and giving way")] {
        let wall = median(runs.iter().map(|r| r.wall).collect());
        println!(
            "  {name:<34}{:>8.0} ms  ({:+.1} % vs bare)        CPU per page: client {:.1} ms, sandbox {:.1} ms",
            wall.as_secs_f64() * 1000.0,
            (wall.as_secs_f64() / bare_wall.as_secs_f64() - 1.0) * 100.0,
            per_page(runs, |r| r.client_cpu),
            per_page(runs, |r| r.server_cpu)
        );
    }
    println!(
        "  SDK overhead                      {overhead:>+8.1} %  (round by round: median {:+.1} %, {:+.1} … {:+.1} %)",
        pairs[pairs.len() / 2],
        pairs[0],
        pairs[pairs.len() - 1]
    );
    println!(
        "  where the time goes               in requests {:.0} ms (bare loop {:.0} ms); between them: after the first page {:.1} ms, after the others {:.1} ms",
        middle(&sdk_split, |s| s.inside),
        middle(&bare_split, |s| s.inside),
        middle(&sdk_split, |s| s.first_gap),
        middle(&sdk_split, |s| s.other_gaps)
    );
    let page_mb = page_bytes as f64 / 1_048_576.0;
    println!(
        "  peak memory while streaming       {:>8.1} MB  live heap ({:.1} pages of JSON), {:.1} MB RSS growth; one page is {page_mb:.1} MB of JSON",
        heap as f64 / 1_048_576.0,
        heap as f64 / 1_048_576.0 / page_mb,
        hwm_after.saturating_sub(hwm_before) as f64 / 1024.0
    );
    println!("  parallel capacity of this machine {capacity:>8.2}    (1.00: a second busy thread runs at full speed)");
}

async fn pages_by_8_tasks(client: &Client) -> (Duration, usize) {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for t in 0..8u32 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let mut failed = 0;
            for page in (1..=1000u32).filter(|p| p % 8 == t) {
                let params = ListTimeEntriesParams { page: Some(page), per_page: Some(100), ..Default::default() };
                if client.send(api::list_time_entries(&params).unwrap()).await.is_err() {
                    failed += 1;
                }
            }
            failed
        }));
    }
    let mut failed = 0;
    for task in tasks {
        failed += task.await.unwrap();
    }
    (started.elapsed(), failed)
}

async fn rate_limit_bound() {
    let sbx = Sandbox::start(&["--seed", "demo", "--rate-limit", "100/1.5", "--faults", "--seed-time-entries", "100000"]);
    let limits = RateLimits { general: Limit { requests: 100, window_ms: 1500 }, ..RateLimits::default() };
    let shared = Client::builder(sbx.config()).rate_limits(limits).build().unwrap();
    let reset = |sbx: &Sandbox| {
        // Let the sandbox's window empty, then zero its counters.
        std::thread::sleep(Duration::from_millis(1600));
        sbx.clear_stats();
    };
    reset(&sbx);
    let (limited, limited_failed) = pages_by_8_tasks(&shared).await;
    let limited_stats = sbx.stats();
    reset(&sbx);
    let naive = Client::builder(sbx.config())
        .rate_limits(RateLimits { enabled: false, ..RateLimits::default() })
        .retry_policy(RetryPolicy { max_attempts: 100, ..RetryPolicy::default() })
        .build()
        .unwrap();
    let (naive_time, naive_failed) = pages_by_8_tasks(&naive).await;
    let naive_stats = sbx.stats();
    let floor = 13.5;
    println!("rate-limit bound: 1000 pages of 100, 8 tasks, sandbox limit 100 per 1.5 s (floor {floor} s)");
    println!(
        "  shared limiter  {:>6.2} s  ({:+.1} % vs floor)  429s: {}  failed calls: {limited_failed}",
        limited.as_secs_f64(),
        (limited.as_secs_f64() / floor - 1.0) * 100.0,
        limited_stats["rate_limited"]
    );
    println!(
        "  naive client    {:>6.2} s  ({:+.1} % vs floor)  429s: {}  failed calls: {naive_failed}",
        naive_time.as_secs_f64(),
        (naive_time.as_secs_f64() / floor - 1.0) * 100.0,
        naive_stats["rate_limited"]
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    // `HARVEST_BENCH=bulk` or `=rate` runs one part only.
    let only = std::env::var("HARVEST_BENCH").unwrap_or_default();
    runtime.block_on(async {
        if only != "rate" {
            bulk_read().await;
        }
        if only != "bulk" {
            rate_limit_bound().await;
        }
    });
}
