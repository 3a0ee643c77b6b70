//! Decoding a 2000-entry `listTimeEntries` page: typed models (through `harvest_core::decode`,
//! `ListPage::decode` sized for the page, and straight `serde_json::from_slice::<ListPage<TimeEntry>>`)
//! against `serde_json::Value`, on the same bytes in the same run. Run with `cargo bench -p harvest-core --bench decode`.

use harvest_core::model::{ListPage, TimeEntry};
use harvest_core::{decode, Decoded, Response};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};

const ENTRIES: usize = 2000;
const ROUNDS: usize = 31;

/// A small deterministic generator, so every run decodes the same bytes.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn page() -> Vec<u8> {
    let mut rng = Lcg(42);
    let users = ["Kim Allen", "Bob Powell", "Jane Bar", "Richard Roe", "Alice Smith"];
    let projects = [("Marketing Website", "MW"), ("Online Store - Phase 1", "OS1"), ("Mobile App", "MA"), ("Rebrand", "RB")];
    let tasks = ["Graphic Design", "Programming", "Project Management", "Research", "Meetings"];
    let notes = ["Adding CSS styling", "Fixing the checkout flow", "Planning meeting with the client", "Code review", ""];
    let entries: Vec<Value> = (0..ENTRIES)
        .map(|i| {
            let user = rng.below(users.len() as u64) as usize;
            let (project, code) = projects[rng.below(projects.len() as u64) as usize];
            let task = rng.below(tasks.len() as u64) as usize;
            let hundredths = 5 + rng.below(800);
            let hours = hundredths as f64 / 100.0;
            let rounded = (hundredths.div_ceil(25) * 25) as f64 / 100.0;
            let day = 1 + rng.below(28);
            let billed = rng.below(4) == 0;
            let running = i == 0;
            json!({
                "id": 2_380_504_951_u64 + i as u64 * 7,
                "spent_date": format!("2024-03-{day:02}"),
                "user": {"id": 1_782_959 + user as u64, "name": users[user]},
                "client": {"id": 5_735_774 + rng.below(3), "name": "ABC Corp", "currency": "USD"},
                "project": {"id": 14_307_913 + rng.below(4), "name": project, "code": code},
                "task": {"id": 8_083_365 + task as u64, "name": tasks[task]},
                "user_assignment": {"id": 125_068_553 + user as u64, "is_project_manager": user == 0, "is_active": true, "use_default_rates": true,
                                    "budget": null, "created_at": "2017-06-26T22:32:52Z", "updated_at": "2017-06-26T22:32:52Z", "hourly_rate": 100.0},
                "task_assignment": {"id": 155_502_709 + task as u64, "billable": true, "is_active": true, "created_at": "2017-06-26T21:36:23Z",
                                    "updated_at": "2017-06-26T21:36:23Z", "hourly_rate": 100.0, "budget": null},
                "hours": hours,
                "hours_without_timer": hours,
                "rounded_hours": rounded,
                "notes": notes[rng.below(notes.len() as u64) as usize],
                "created_at": format!("2024-03-{day:02}T{:02}:{:02}:{:02}Z", rng.below(24), rng.below(60), rng.below(60)),
                "updated_at": format!("2024-03-{day:02}T{:02}:{:02}:{:02}Z", rng.below(24), rng.below(60), rng.below(60)),
                "is_locked": billed,
                "locked_reason": if billed { json!("Item Invoiced and Approved and Locked for this Time Period") } else { Value::Null },
                "approval_status": if billed { "approved" } else { "unsubmitted" },
                "is_closed": billed,
                "is_billed": billed,
                "timer_started_at": if running { json!("2024-03-28T09:15:00Z") } else { Value::Null },
                "started_time": if running { json!("9:15am") } else { Value::Null },
                "ended_time": Value::Null,
                "is_running": running,
                "invoice": if billed { json!({"id": 13_150_403 + rng.below(50), "number": format!("{}", 1000 + rng.below(50))}) } else { Value::Null },
                "external_reference": if rng.below(10) == 0 {
                    json!({"id": format!("{}", rng.below(100_000)), "group_id": "1234", "account_id": "99", "permalink": "https://github.com/acme/site/issues/12",
                           "service": "github.com", "service_icon_url": "https://proxy.harvestfiles.com/production_harvestapp_public/assets/github.png"})
                } else { Value::Null },
                "billable": true,
                "budgeted": rng.below(2) == 0,
                "billable_rate": (100 + rng.below(5) * 25) as f64,
                "cost_rate": 50.0 + rng.below(100) as f64 / 4.0,
            })
        })
        .collect();
    serde_json::to_vec(&json!({
        "time_entries": entries,
        "per_page": 2000, "total_pages": 3, "total_entries": 5431, "next_page": 2, "previous_page": null, "page": 1,
        "links": {"first": "https://api.harvestapp.com/v2/time_entries?page=1&per_page=2000",
                  "next": "https://api.harvestapp.com/v2/time_entries?page=2&per_page=2000",
                  "previous": null, "last": "https://api.harvestapp.com/v2/time_entries?page=3&per_page=2000"}
    }))
    .expect("serializable")
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn report(name: &str, time: Duration, bytes: usize, baseline: Duration) {
    let secs = time.as_secs_f64();
    println!(
        "{name:<44} {:>9.3} ms  {:>8.1} MB/s  {:>6.3} µs/entry  {:>5.2}x Value's time",
        secs * 1e3,
        bytes as f64 / secs / 1e6,
        secs * 1e6 / ENTRIES as f64,
        secs / baseline.as_secs_f64()
    );
}

fn main() {
    let body = page();
    let response = Response::new(1, 200, body.clone());
    let bytes = body.len();

    // Sanity: all three decode the page fully.
    match decode("listTimeEntries", &response) {
        Ok(Decoded::TimeEntries(page)) => assert_eq!(page.items.len(), ENTRIES),
        other => panic!("the generated page must decode: {other:?}"),
    }

    let (mut through_decode, mut sized, mut typed, mut value) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS + 3 {
        // Interleave the three so that noise hits them alike; the first rounds warm up.
        let t = Instant::now();
        black_box(decode("listTimeEntries", black_box(&response)).expect("decodes"));
        let a = t.elapsed();
        let t = Instant::now();
        black_box(ListPage::<TimeEntry>::decode(black_box(&response), Some(2000)).expect("decodes"));
        let s = t.elapsed();
        let t = Instant::now();
        black_box(serde_json::from_slice::<ListPage<TimeEntry>>(black_box(&body)).expect("decodes"));
        let b = t.elapsed();
        let t = Instant::now();
        black_box(serde_json::from_slice::<Value>(black_box(&body)).expect("decodes"));
        let c = t.elapsed();
        if round >= 3 {
            through_decode.push(a);
            sized.push(s);
            typed.push(b);
            value.push(c);
        }
    }
    let (through_decode, sized, typed, value) = (median(through_decode), median(sized), median(typed), median(value));
    println!("listTimeEntries page: {ENTRIES} entries, {:.2} MB, median of {ROUNDS} rounds", bytes as f64 / 1e6);
    report("harvest_core::decode(\"listTimeEntries\")", through_decode, bytes, value);
    report("ListPage::<TimeEntry>::decode(per_page 2000)", sized, bytes, value);
    report("serde_json::from_slice::<ListPage<TimeEntry>>", typed, bytes, value);
    report("serde_json::from_slice::<Value>", value, bytes, value);
    println!("typed / Value time ratio: {:.2} (below 1.00 means typed decoding is faster)", typed.as_secs_f64() / value.as_secs_f64());
}
