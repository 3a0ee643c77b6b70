//! SQLite schema and connection setup.

use rusqlite::Connection;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS company(
  id INTEGER PRIMARY KEY CHECK(id = 1), account_id INTEGER NOT NULL, base_uri TEXT, full_domain TEXT, name TEXT,
  is_active INTEGER, week_start_day TEXT, wants_timestamp_timers INTEGER, time_format TEXT, date_format TEXT,
  plan_type TEXT, expense_feature INTEGER, invoice_feature INTEGER, estimate_feature INTEGER, approval_feature INTEGER,
  clock TEXT, currency_code_display TEXT, currency_symbol_display TEXT, decimal_symbol TEXT, thousands_separator TEXT,
  color_scheme TEXT, weekly_capacity INTEGER, currency TEXT);
CREATE TABLE IF NOT EXISTS users(
  id INTEGER PRIMARY KEY AUTOINCREMENT, first_name TEXT, last_name TEXT, email TEXT, telephone TEXT, timezone TEXT,
  has_access_to_all_future_projects INTEGER, is_contractor INTEGER, is_active INTEGER, weekly_capacity INTEGER,
  default_hourly_rate INTEGER, cost_rate INTEGER, access_roles TEXT, avatar_url TEXT, created_at TEXT, updated_at TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users(email);
CREATE TABLE IF NOT EXISTS tokens(token TEXT PRIMARY KEY, user_id INTEGER NOT NULL, kind TEXT NOT NULL, expires_at INTEGER, client_id TEXT);
CREATE TABLE IF NOT EXISTS oauth_codes(code TEXT PRIMARY KEY, user_id INTEGER NOT NULL, client_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens(token TEXT PRIMARY KEY, user_id INTEGER NOT NULL, client_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clients(
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, is_active INTEGER, address TEXT, statement_key TEXT, currency TEXT,
  created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS contacts(
  id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER, title TEXT, first_name TEXT, last_name TEXT, email TEXT,
  phone_office TEXT, phone_mobile TEXT, fax TEXT, created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS tasks(
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, billable_by_default INTEGER, default_hourly_rate INTEGER,
  is_default INTEGER, is_active INTEGER, created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS projects(
  id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER, name TEXT, code TEXT, is_active INTEGER, is_billable INTEGER,
  is_fixed_fee INTEGER, bill_by TEXT, hourly_rate INTEGER, budget INTEGER, budget_by TEXT, budget_is_monthly INTEGER,
  notify_when_over_budget INTEGER, over_budget_notification_percentage INTEGER, over_budget_notification_date TEXT,
  show_budget_to_all INTEGER, cost_budget INTEGER, cost_budget_include_expenses INTEGER, fee INTEGER, notes TEXT,
  starts_on TEXT, ends_on TEXT, created_at TEXT, updated_at TEXT);
CREATE INDEX IF NOT EXISTS projects_client ON projects(client_id);
CREATE TABLE IF NOT EXISTS task_assignments(
  id INTEGER PRIMARY KEY AUTOINCREMENT, project_id INTEGER NOT NULL, task_id INTEGER NOT NULL, is_active INTEGER,
  billable INTEGER, hourly_rate INTEGER, budget INTEGER, created_at TEXT, updated_at TEXT, UNIQUE(project_id, task_id));
CREATE TABLE IF NOT EXISTS user_assignments(
  id INTEGER PRIMARY KEY AUTOINCREMENT, project_id INTEGER NOT NULL, user_id INTEGER NOT NULL, is_active INTEGER,
  is_project_manager INTEGER, use_default_rates INTEGER, hourly_rate INTEGER, budget INTEGER, created_at TEXT,
  updated_at TEXT, UNIQUE(project_id, user_id));
CREATE INDEX IF NOT EXISTS user_assignments_user ON user_assignments(user_id);
CREATE TABLE IF NOT EXISTS roles(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS role_users(role_id INTEGER NOT NULL, user_id INTEGER NOT NULL, PRIMARY KEY(role_id, user_id));
CREATE TABLE IF NOT EXISTS billable_rates(
  id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, amount INTEGER, start_date TEXT, end_date TEXT,
  created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS cost_rates(
  id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, amount INTEGER, start_date TEXT, end_date TEXT,
  created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS teammates(manager_id INTEGER NOT NULL, teammate_id INTEGER NOT NULL, PRIMARY KEY(manager_id, teammate_id));
CREATE TABLE IF NOT EXISTS time_entries(
  id INTEGER PRIMARY KEY AUTOINCREMENT, spent_date TEXT NOT NULL, user_id INTEGER NOT NULL, project_id INTEGER NOT NULL,
  task_id INTEGER NOT NULL, hours INTEGER NOT NULL DEFAULT 0, notes TEXT, is_closed INTEGER NOT NULL DEFAULT 0,
  is_billed INTEGER NOT NULL DEFAULT 0, invoice_id INTEGER, timer_started_at TEXT, started_time INTEGER,
  ended_time INTEGER, is_running INTEGER NOT NULL DEFAULT 0, billable INTEGER NOT NULL DEFAULT 0,
  budgeted INTEGER NOT NULL DEFAULT 1, billable_rate INTEGER, cost_rate INTEGER, ext_id TEXT, ext_group_id TEXT,
  ext_account_id TEXT, ext_permalink TEXT, ext_service TEXT, ext_service_icon_url TEXT, created_at TEXT, updated_at TEXT);
CREATE INDEX IF NOT EXISTS te_spent ON time_entries(spent_date DESC, id DESC);
CREATE INDEX IF NOT EXISTS te_user ON time_entries(user_id, spent_date DESC, id DESC);
CREATE INDEX IF NOT EXISTS te_project ON time_entries(project_id, spent_date DESC);
CREATE INDEX IF NOT EXISTS te_billed ON time_entries(is_billed, spent_date DESC);
CREATE INDEX IF NOT EXISTS te_updated ON time_entries(updated_at);
CREATE INDEX IF NOT EXISTS te_ext ON time_entries(ext_id);
CREATE INDEX IF NOT EXISTS te_invoice ON time_entries(invoice_id);
CREATE INDEX IF NOT EXISTS te_task ON time_entries(task_id);
CREATE TABLE IF NOT EXISTS expense_categories(
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, unit_name TEXT, unit_price INTEGER, is_active INTEGER,
  created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS expenses(
  id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, project_id INTEGER NOT NULL,
  expense_category_id INTEGER NOT NULL, spent_date TEXT NOT NULL, units INTEGER, total_cost INTEGER, notes TEXT,
  billable INTEGER NOT NULL DEFAULT 1, is_closed INTEGER NOT NULL DEFAULT 0, is_billed INTEGER NOT NULL DEFAULT 0,
  invoice_id INTEGER, receipt_file_name TEXT, receipt_file_size INTEGER, receipt_content_type TEXT,
  created_at TEXT, updated_at TEXT);
CREATE INDEX IF NOT EXISTS ex_spent ON expenses(spent_date DESC, id DESC);
CREATE INDEX IF NOT EXISTS ex_user ON expenses(user_id);
CREATE INDEX IF NOT EXISTS ex_project ON expenses(project_id);
CREATE INDEX IF NOT EXISTS ex_invoice ON expenses(invoice_id);
CREATE TABLE IF NOT EXISTS invoice_item_categories(
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, use_as_service INTEGER, use_as_expense INTEGER,
  created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS invoices(
  id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER NOT NULL, creator_id INTEGER, estimate_id INTEGER,
  retainer_id INTEGER, client_key TEXT, number TEXT, purchase_order TEXT, amount INTEGER NOT NULL DEFAULT 0,
  paid_amount INTEGER NOT NULL DEFAULT 0, tax INTEGER, tax_amount INTEGER NOT NULL DEFAULT 0, tax2 INTEGER,
  tax2_amount INTEGER NOT NULL DEFAULT 0, discount INTEGER, discount_amount INTEGER NOT NULL DEFAULT 0, subject TEXT,
  notes TEXT, currency TEXT, state TEXT NOT NULL DEFAULT 'draft', period_start TEXT, period_end TEXT, issue_date TEXT,
  due_date TEXT, payment_term TEXT, payment_options TEXT, sent_at TEXT, paid_at TEXT, paid_date TEXT, closed_at TEXT,
  recurring_invoice_id INTEGER, created_at TEXT, updated_at TEXT);
CREATE INDEX IF NOT EXISTS inv_issue ON invoices(issue_date DESC, id DESC);
CREATE TABLE IF NOT EXISTS invoice_line_items(
  id INTEGER PRIMARY KEY AUTOINCREMENT, invoice_id INTEGER NOT NULL, project_id INTEGER, kind TEXT, description TEXT,
  quantity INTEGER, unit_price INTEGER, amount INTEGER, taxed INTEGER, taxed2 INTEGER);
CREATE INDEX IF NOT EXISTS ili_invoice ON invoice_line_items(invoice_id);
CREATE TABLE IF NOT EXISTS invoice_messages(
  id INTEGER PRIMARY KEY AUTOINCREMENT, invoice_id INTEGER NOT NULL, sent_by TEXT, sent_by_email TEXT, sent_from TEXT,
  sent_from_email TEXT, recipients TEXT, subject TEXT, body TEXT, include_link_to_client_invoice INTEGER,
  attach_pdf INTEGER, send_me_a_copy INTEGER, thank_you INTEGER, reminder INTEGER, send_reminder_on TEXT,
  event_type TEXT, created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS invoice_payments(
  id INTEGER PRIMARY KEY AUTOINCREMENT, invoice_id INTEGER NOT NULL, amount INTEGER, paid_at TEXT, paid_date TEXT,
  recorded_by TEXT, recorded_by_email TEXT, notes TEXT, transaction_id TEXT, gateway_id INTEGER, gateway_name TEXT,
  created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS estimates(
  id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER NOT NULL, creator_id INTEGER, client_key TEXT, number TEXT,
  purchase_order TEXT, amount INTEGER NOT NULL DEFAULT 0, tax INTEGER, tax_amount INTEGER NOT NULL DEFAULT 0,
  tax2 INTEGER, tax2_amount INTEGER NOT NULL DEFAULT 0, discount INTEGER, discount_amount INTEGER NOT NULL DEFAULT 0,
  subject TEXT, notes TEXT, currency TEXT, state TEXT NOT NULL DEFAULT 'draft', issue_date TEXT, sent_at TEXT,
  accepted_at TEXT, declined_at TEXT, created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS estimate_line_items(
  id INTEGER PRIMARY KEY AUTOINCREMENT, estimate_id INTEGER NOT NULL, kind TEXT, description TEXT, quantity INTEGER,
  unit_price INTEGER, amount INTEGER, taxed INTEGER, taxed2 INTEGER);
CREATE INDEX IF NOT EXISTS eli_estimate ON estimate_line_items(estimate_id);
CREATE TABLE IF NOT EXISTS estimate_messages(
  id INTEGER PRIMARY KEY AUTOINCREMENT, estimate_id INTEGER NOT NULL, sent_by TEXT, sent_by_email TEXT, sent_from TEXT,
  sent_from_email TEXT, recipients TEXT, subject TEXT, body TEXT, send_me_a_copy INTEGER, event_type TEXT,
  created_at TEXT, updated_at TEXT);
CREATE TABLE IF NOT EXISTS estimate_item_categories(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, created_at TEXT, updated_at TEXT);
"#;

/// First id per table, so that ids look like Harvest's and never collide across resources
/// (time entry ids exceed 2^31 on purpose: clients must use 64-bit ids).
pub const ID_BASES: &[(&str, i64)] = &[
    ("users", 4_100_000),
    ("clients", 5_700_000),
    ("contacts", 4_900_000),
    ("tasks", 8_000_000),
    ("projects", 14_300_000),
    ("task_assignments", 155_500_000),
    ("user_assignments", 125_000_000),
    ("roles", 600_000),
    ("billable_rates", 1_830_000),
    ("cost_rates", 825_000),
    ("time_entries", 2_380_000_000),
    ("expense_categories", 4_190_000),
    ("expenses", 15_290_000),
    ("invoice_item_categories", 1_460_000),
    ("invoices", 13_150_000),
    ("invoice_line_items", 53_340_000),
    ("invoice_messages", 27_830_000),
    ("invoice_payments", 10_110_000),
    ("estimates", 1_439_000),
    ("estimate_line_items", 53_330_000),
    ("estimate_messages", 2_666_000),
    ("estimate_item_categories", 1_372_000),
];

/// Opens the writer connection (creating the schema and the id sequences). `durable` = a user's
/// `--db` file (`synchronous=FULL`); otherwise the private temporary file of an in-memory sandbox,
/// whose contents do not outlive the process (`synchronous=OFF`).
fn open_writer(path: &Path, durable: bool) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", if durable { "FULL" } else { "OFF" })?;
    tune(&conn)?;
    conn.execute_batch(SCHEMA)?;
    let has_seq: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_sequence", [], |r| r.get(0))?;
    if has_seq == 0 {
        for (t, base) in ID_BASES {
            conn.execute("INSERT INTO sqlite_sequence(name, seq) VALUES (?1, ?2)", rusqlite::params![t, base])?;
        }
    }
    Ok(conn)
}

/// A read connection: the same file, `query_only` (a GET that tried to write would fail loudly).
fn open_reader(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    tune(&conn)?;
    conn.pragma_update(None, "query_only", "ON")?;
    Ok(conn)
}

fn tune(conn: &Connection) -> rusqlite::Result<()> {
    // Query planner stability: without it (this SQLite has STAT4) every new value bound to an
    // indexed comparison expires the cached statement and it is compiled again on each request.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // 32 MiB of page cache per connection (no mmap: mapped pages are parsed again on every access)
    conn.pragma_update(None, "cache_size", -32768)?;
    conn.set_prepared_statement_cache_capacity(256);
    Ok(())
}

/// COUNT(*) results per query, valid for one committed state of the database.
///
/// `seq` is a sequence lock around every write transaction's COMMIT: odd while a commit is in
/// progress, incremented again when it is done. A reader that sees the same even value before its
/// snapshot was taken and after reads exactly the state of that generation, so it may use and fill
/// the cache for it; anything else bypasses the cache.
#[derive(Default)]
pub struct CountCache {
    seq: AtomicU64,
    /// (generation of the entries, entries)
    map: Mutex<(u64, HashMap<String, i64>)>,
}

/// The cache as seen from one read transaction (its generation).
#[derive(Clone, Copy)]
pub struct Counts<'a> {
    cache: &'a CountCache,
    generation: u64,
}

impl CountCache {
    pub fn generation(&self) -> u64 {
        self.seq.load(Ordering::SeqCst)
    }
    /// The view for a read transaction whose snapshot was taken between reading `before` and `after`.
    pub fn view(&self, before: u64, after: u64) -> Option<Counts<'_>> {
        (before == after && before.is_multiple_of(2)).then_some(Counts { cache: self, generation: before })
    }
    fn commit_starts(&self) {
        self.seq.fetch_add(1, Ordering::SeqCst);
    }
    fn commit_ends(&self) {
        self.seq.fetch_add(1, Ordering::SeqCst);
    }
}

impl Counts<'_> {
    pub fn get(&self, key: &str) -> Option<i64> {
        let m = self.cache.map.lock().unwrap_or_else(|e| e.into_inner());
        if m.0 != self.generation {
            return None;
        }
        m.1.get(key).copied()
    }
    pub fn put(&self, key: String, n: i64) {
        let mut m = self.cache.map.lock().unwrap_or_else(|e| e.into_inner());
        if m.0 != self.generation {
            if m.0 > self.generation {
                return; // a newer state is already cached
            }
            *m = (self.generation, HashMap::new());
        }
        if m.1.len() >= 4096 {
            m.1.clear();
        }
        m.1.insert(key, n);
    }
}

/// Removes the private database file of an in-memory sandbox (after its connections are closed).
struct TempFiles(PathBuf);

impl TempFiles {
    fn remove(&self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

impl Drop for TempFiles {
    fn drop(&mut self) {
        self.remove();
    }
}

/// One writer connection (every write request, in one transaction) and a few read connections
/// used concurrently (WAL: readers see the last commit and never block the writer).
pub struct Pool {
    writer: Mutex<Connection>,
    idle: Mutex<Vec<Connection>>,
    freed: Condvar,
    path: PathBuf,
    pub counts: CountCache,
    // declared last: dropped after the connections
    temp: Option<TempFiles>,
}

static TEMP_SEQ: AtomicU64 = AtomicU64::new(0);

impl Pool {
    /// `path` None = an in-memory sandbox: a private file in the temporary directory (WAL needs a
    /// file to give readers their own snapshots), with `synchronous=OFF`; unlinked once all
    /// connections are open (Unix) or when the pool is dropped.
    pub fn open(path: Option<&Path>) -> rusqlite::Result<Pool> {
        let (path, temp) = match path {
            Some(p) => (p.to_path_buf(), None),
            None => {
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0);
                let name = format!(
                    "harvest-sandbox-{}-{nanos}-{}.db",
                    std::process::id(),
                    TEMP_SEQ.fetch_add(1, Ordering::Relaxed)
                );
                let p = std::env::temp_dir().join(name);
                (p.clone(), Some(TempFiles(p)))
            }
        };
        let writer = open_writer(&path, temp.is_none())?;
        Ok(Pool {
            writer: Mutex::new(writer),
            idle: Mutex::new(vec![]),
            freed: Condvar::new(),
            path,
            counts: CountCache::default(),
            temp,
        })
    }

    /// Opens `n` read connections (call after seeding). For an in-memory sandbox on Unix the
    /// private file is then unlinked: every connection already holds it (and its WAL and shared
    /// memory) open, and the OS frees it when the process ends, even by `kill -9`.
    pub fn open_readers(&self, n: usize) -> rusqlite::Result<()> {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        for _ in 0..n.max(1) {
            let c = open_reader(&self.path)?;
            // the first read opens the WAL and maps the shared memory
            c.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
            idle.push(c);
        }
        #[cfg(unix)]
        if let Some(t) = &self.temp {
            t.remove();
        }
        Ok(())
    }

    /// The writer connection. Writes must go through [`Pool::commit`] so the count cache stays right.
    pub fn writer(&self) -> MutexGuard<'_, Connection> {
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// COMMITs the writer's transaction, bracketed by the count cache's sequence lock.
    pub fn commit(&self, conn: &Connection) -> rusqlite::Result<()> {
        self.counts.commit_starts();
        let r = conn.execute_batch("COMMIT");
        self.counts.commit_ends();
        r
    }

    /// A read connection (waits while all are busy). Any transaction left open is rolled back
    /// when it returns to the pool.
    pub fn reader(&self) -> Reader<'_> {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(c) = idle.pop() {
                return Reader { pool: self, conn: Some(c) };
            }
            idle = self.freed.wait(idle).unwrap_or_else(|e| e.into_inner());
        }
    }
}

pub struct Reader<'a> {
    pool: &'a Pool,
    conn: Option<Connection>,
}

impl std::ops::Deref for Reader<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("reader connection")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            if !c.is_autocommit() {
                let _ = c.execute_batch("ROLLBACK");
            }
            self.pool.idle.lock().unwrap_or_else(|e| e.into_inner()).push(c);
            self.pool.freed.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_pool_reads_its_writes_and_leaves_no_file() {
        let pool = Pool::open(None).unwrap();
        let path = pool.path.clone();
        assert!(path.exists());
        pool.open_readers(2).unwrap();
        #[cfg(unix)]
        assert!(!path.exists(), "unlinked once the connections are open");
        {
            let w = pool.writer();
            w.execute_batch("BEGIN IMMEDIATE").unwrap();
            // enough rows to make the WAL checkpoint into the (unlinked) main file
            for i in 0..3000 {
                w.execute("INSERT INTO meta(key, value) VALUES (?1, ?2)", rusqlite::params![format!("k{i}"), "x".repeat(500)])
                    .unwrap();
            }
            pool.commit(&w).unwrap();
            w.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        }
        let r = pool.reader();
        let n: i64 = r.query_row("SELECT COUNT(*) FROM meta", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 3000);
        assert!(r.execute("DELETE FROM meta", []).is_err(), "readers are query-only");
        drop(r);
        drop(pool);
        assert!(!path.exists());
    }

    #[test]
    fn count_cache_only_serves_its_generation() {
        let c = CountCache::default();
        let g = c.generation();
        let v = c.view(g, g).unwrap();
        v.put("q".into(), 7);
        assert_eq!(v.get("q"), Some(7));
        c.commit_starts();
        assert!(c.view(c.generation(), c.generation()).is_none(), "no cache while a commit is in progress");
        assert!(c.view(g, c.generation()).is_none());
        c.commit_ends();
        let v2 = c.view(c.generation(), c.generation()).unwrap();
        assert_eq!(v2.get("q"), None);
        // a reader of the older generation can neither read nor overwrite the newer entries
        v2.put("q".into(), 8);
        v.put("q".into(), 7);
        assert_eq!(v2.get("q"), Some(8));
        assert_eq!(v.get("q"), None);
    }
}
