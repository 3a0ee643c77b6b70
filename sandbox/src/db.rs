//! SQLite schema and connection setup.

use rusqlite::Connection;

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

pub fn open(path: Option<&str>) -> rusqlite::Result<Connection> {
    let conn = match path {
        Some(p) => Connection::open(p)?,
        None => Connection::open_in_memory()?,
    };
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    if path.is_some() {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.set_prepared_statement_cache_capacity(256);
    conn.execute_batch(SCHEMA)?;
    let has_seq: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_sequence", [], |r| r.get(0))?;
    if has_seq == 0 {
        for (t, base) in ID_BASES {
            conn.execute("INSERT INTO sqlite_sequence(name, seq) VALUES (?1, ?2)", rusqlite::params![t, base])?;
        }
    }
    Ok(conn)
}
