//! Reports computed from the stored time entries, expenses and projects.

use super::*;
use crate::dec::Dec;
use std::collections::BTreeMap;

fn window(ctx: &Ctx) -> ApiResult<(String, String)> {
    let from = ctx.q_date("from")?;
    let to = ctx.q_date("to")?;
    let mut msgs = vec![];
    if from.is_none() {
        msgs.push("From can't be blank");
    }
    if to.is_none() {
        msgs.push("To can't be blank");
    }
    if !msgs.is_empty() {
        return unprocessable(msgs.join(", "));
    }
    let (from, to) = (from.unwrap_or(ctx.today), to.unwrap_or(ctx.today));
    if to < from {
        return unprocessable("To must be on or after from");
    }
    if (to - from).num_days() > 365 {
        return unprocessable("The date range can't be longer than one year (365 days)");
    }
    Ok((from.to_string(), to.to_string()))
}

#[derive(Default)]
struct Acc {
    label: Value,
    total: Dec,
    billable: Dec,
    amount: Dec,
}

pub fn time(ctx: &Ctx, kind: &str) -> ApiResult<Resp> {
    let (from, to) = window(ctx)?;
    if let Some(v) = ctx.p.get("include_fixed_fee") {
        if crate::params::as_bool(v).is_none() {
            return unprocessable("Invalid include_fixed_fee parameter");
        }
    }
    let (key_cols, key_join) = match kind {
        "clients" => ("p.client_id, c.name, NULL, NULL, NULL, NULL, NULL", ""),
        "projects" => ("t.project_id, p.name, p.client_id, c.name, NULL, NULL, NULL", ""),
        "tasks" => ("t.task_id, k.name, NULL, NULL, NULL, NULL, NULL", "LEFT JOIN tasks k ON k.id = t.task_id"),
        _ => (
            "t.user_id, u.first_name || ' ' || u.last_name, u.is_contractor, u.weekly_capacity, u.avatar_url, NULL, NULL",
            "LEFT JOIN users u ON u.id = t.user_id",
        ),
    };
    let group = match kind {
        "clients" => "p.client_id",
        "projects" => "t.project_id",
        "tasks" => "t.task_id",
        _ => "t.user_id",
    };
    let member = if ctx.user.is_admin { String::new() } else { format!(" AND t.user_id = {}", ctx.user.id) };
    let sql = format!(
        "SELECT {key_cols}, COALESCE(c.currency, ''), COALESCE(t.billable_rate, 0), SUM(t.hours),
         SUM(CASE WHEN t.billable = 1 THEN t.hours ELSE 0 END)
         FROM time_entries t LEFT JOIN projects p ON p.id = t.project_id LEFT JOIN clients c ON c.id = p.client_id {key_join}
         WHERE t.spent_date >= ?1 AND t.spent_date <= ?2{member}
         GROUP BY {group}, c.currency, t.billable_rate"
    );
    let mut acc: BTreeMap<(String, i64, String), Acc> = BTreeMap::new();
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([&from, &to])?;
    while let Some(r) = rows.next()? {
        let id: Option<i64> = r.get(0)?;
        let name: Option<String> = r.get(1)?;
        let currency: String = r.get(7)?;
        let rate = Dec(r.get(8)?);
        let total = Dec(r.get(9)?);
        let billable = Dec(r.get(10)?);
        let label = match kind {
            "clients" => json!({"client_id": id, "client_name": name}),
            "projects" => json!({"project_id": id, "project_name": name, "client_id": r.get::<_, Option<i64>>(2)?,
                                 "client_name": r.get::<_, Option<String>>(3)?}),
            "tasks" => json!({"task_id": id, "task_name": name}),
            _ => json!({"user_id": id, "user_name": name, "is_contractor": r.get::<_, Option<bool>>(2)?.unwrap_or(false),
                        "weekly_capacity": r.get::<_, Option<i64>>(3)?, "avatar_url": r.get::<_, Option<String>>(4)?}),
        };
        let e = acc.entry((name.clone().unwrap_or_default(), id.unwrap_or(0), currency)).or_default();
        e.label = label;
        e.total = e.total + total;
        e.billable = e.billable + billable;
        e.amount = e.amount + billable.mul(rate);
    }
    let out: Vec<Value> = acc
        .into_iter()
        .map(|((_, _, currency), a)| {
            let mut v = a.label;
            v["total_hours"] = a.total.round(2).to_json();
            v["billable_hours"] = a.billable.round(2).to_json();
            v["currency"] = json!(currency);
            v["billable_amount"] = a.amount.round(2).to_json();
            v
        })
        .collect();
    list_vec(ctx, "results", out)
}

pub fn expenses(ctx: &Ctx, kind: &str) -> ApiResult<Resp> {
    let (from, to) = window(ctx)?;
    let (key_cols, group) = match kind {
        "clients" => ("p.client_id, c.name, NULL, NULL", "p.client_id"),
        "projects" => ("e.project_id, p.name, p.client_id, c.name", "e.project_id"),
        "categories" => ("e.expense_category_id, ec.name, NULL, NULL", "e.expense_category_id"),
        _ => ("e.user_id, u.first_name || ' ' || u.last_name, u.is_contractor, NULL", "e.user_id"),
    };
    let member = if ctx.user.is_admin { String::new() } else { format!(" AND e.user_id = {}", ctx.user.id) };
    let sql = format!(
        "SELECT {key_cols}, COALESCE(c.currency, ''), SUM(e.total_cost), SUM(CASE WHEN e.billable = 1 THEN e.total_cost ELSE 0 END)
         FROM expenses e LEFT JOIN projects p ON p.id = e.project_id LEFT JOIN clients c ON c.id = p.client_id
         LEFT JOIN expense_categories ec ON ec.id = e.expense_category_id LEFT JOIN users u ON u.id = e.user_id
         WHERE e.spent_date >= ?1 AND e.spent_date <= ?2{member}
         GROUP BY {group}, c.currency"
    );
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([&from, &to])?;
    let mut out: Vec<(String, Value)> = vec![];
    while let Some(r) = rows.next()? {
        let id: Option<i64> = r.get(0)?;
        let name: Option<String> = r.get(1)?;
        let mut v = match kind {
            "clients" => json!({"client_id": id, "client_name": name}),
            "projects" => json!({"project_id": id, "project_name": name, "client_id": r.get::<_, Option<i64>>(2)?,
                                 "client_name": r.get::<_, Option<String>>(3)?}),
            "categories" => json!({"expense_category_id": id, "expense_category_name": name}),
            _ => json!({"user_id": id, "user_name": name, "is_contractor": r.get::<_, Option<bool>>(2)?.unwrap_or(false)}),
        };
        v["currency"] = json!(r.get::<_, String>(4)?);
        v["total_amount"] = Dec(r.get(5)?).to_json();
        v["billable_amount"] = Dec(r.get(6)?).to_json();
        out.push((name.unwrap_or_default(), v));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    list_vec(ctx, "results", out.into_iter().map(|x| x.1).collect())
}

pub fn uninvoiced(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let (from, to) = window(ctx)?;
    let include_fixed_fee = match ctx.p.get("include_fixed_fee") {
        None => true,
        Some(v) => crate::params::as_bool(v).ok_or_else(|| ApiError::Unprocessable("Invalid include_fixed_fee parameter".into()))?,
    };
    let mut projects: BTreeMap<i64, (String, Value)> = BTreeMap::new();
    let mut stmt = ctx.conn.prepare_cached(
        "SELECT p.id, p.name, p.client_id, c.name, COALESCE(c.currency, ''), p.is_fixed_fee, p.fee, p.starts_on
         FROM projects p LEFT JOIN clients c ON c.id = p.client_id WHERE p.is_billable = 1",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let pid: i64 = r.get(0)?;
        let pname: String = r.get::<_, Option<String>>(1)?.unwrap_or_default();
        let fixed: bool = r.get(5)?;
        let fee: Option<i64> = r.get(6)?;
        let starts_on: Option<String> = r.get(7)?;
        // hours in range; uninvoiced billable hours × rate
        let (total, unbilled, unbilled_amount): (i64, i64, i64) = {
            let mut s = ctx.conn.prepare_cached(
                "SELECT COALESCE(SUM(hours), 0), COALESCE(SUM(CASE WHEN billable = 1 AND is_billed = 0 THEN hours ELSE 0 END), 0)
                 FROM time_entries WHERE project_id = ?1 AND spent_date >= ?2 AND spent_date <= ?3",
            )?;
            let (t, u): (i64, i64) = s.query_row(rusqlite::params![pid, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let mut s2 = ctx.conn.prepare_cached(
                "SELECT COALESCE(billable_rate, 0), SUM(hours) FROM time_entries
                 WHERE project_id = ?1 AND spent_date >= ?2 AND spent_date <= ?3 AND billable = 1 AND is_billed = 0
                 GROUP BY billable_rate",
            )?;
            let amount: Dec = s2
                .query_map(rusqlite::params![pid, from, to], |r| Ok(Dec(r.get::<_, i64>(1)?).mul(Dec(r.get(0)?))))?
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .sum();
            (t, u, amount.round(2).0)
        };
        let expenses: i64 = ctx.conn.prepare_cached(
            "SELECT COALESCE(SUM(total_cost), 0) FROM expenses WHERE project_id = ?1 AND spent_date >= ?2 AND spent_date <= ?3
             AND billable = 1 AND is_billed = 0",
        )?.query_row(rusqlite::params![pid, from, to], |r| r.get(0))?;
        let mut amount = Dec(unbilled_amount) + Dec(expenses);
        if fixed {
            let invoiced = ctx.conn.prepare_cached("SELECT 1 FROM invoice_line_items WHERE project_id = ?1")?.exists([pid])?;
            let started = starts_on.map(|s| s <= to).unwrap_or(true);
            amount = Dec(expenses)
                + if include_fixed_fee && started && !invoiced { Dec(fee.unwrap_or(0)) } else { Dec::ZERO };
        }
        if total == 0 && expenses == 0 && amount.is_zero() {
            continue;
        }
        projects.insert(
            pid,
            (
                pname.clone(),
                json!({
                    "client_id": r.get::<_, Option<i64>>(2)?, "client_name": r.get::<_, Option<String>>(3)?,
                    "project_id": pid, "project_name": pname, "currency": r.get::<_, String>(4)?,
                    "total_hours": Dec(total).round(2).to_json(), "uninvoiced_hours": Dec(unbilled).round(2).to_json(),
                    "uninvoiced_expenses": Dec(expenses).to_json(), "uninvoiced_amount": amount.round(2).to_json(),
                }),
            ),
        );
    }
    let mut out: Vec<(String, Value)> = projects.into_values().collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    list_vec(ctx, "results", out.into_iter().map(|x| x.1).collect())
}

pub fn project_budget(ctx: &Ctx) -> ApiResult<Resp> {
    let mut f = Filter::default();
    f.raw("p.budget_by != 'none'");
    if let Some(b) = ctx.q_bool("is_active")? {
        f.add("p.is_active = ?", b as i64);
    }
    if !ctx.user.is_admin {
        f.add("p.show_budget_to_all = 1 AND p.id IN (SELECT project_id FROM user_assignments WHERE user_id = ?)", ctx.user.id);
    }
    let sql = format!(
        "SELECT p.id, p.name, p.client_id, c.name, p.budget_is_monthly, p.budget_by, p.is_active, p.budget, p.cost_budget,
         p.cost_budget_include_expenses FROM projects p LEFT JOIN clients c ON c.id = p.client_id{} ORDER BY p.name",
        f.sql()
    );
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(f.args.iter()))?;
    let mut out = vec![];
    let month_start = ctx.today.format("%Y-%m-01").to_string();
    while let Some(r) = rows.next()? {
        let pid: i64 = r.get(0)?;
        let monthly: bool = r.get(4)?;
        let by: String = r.get(5)?;
        let since = if monthly { month_start.clone() } else { "0000-00-00".into() };
        let hours: i64 = ctx
            .conn
            .prepare_cached("SELECT COALESCE(SUM(hours), 0) FROM time_entries WHERE project_id = ?1 AND spent_date >= ?2")?
            .query_row(rusqlite::params![pid, since], |r| r.get(0))?;
        let money: Dec = ctx
            .conn
            .prepare_cached(
                "SELECT COALESCE(billable_rate, 0), SUM(hours) FROM time_entries WHERE project_id = ?1 AND spent_date >= ?2
                 AND billable = 1 GROUP BY billable_rate",
            )?
            .query_map(rusqlite::params![pid, since], |r| Ok(Dec(r.get::<_, i64>(1)?).mul(Dec(r.get(0)?))))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .sum();
        let (budget, spent) = match by.as_str() {
            "project" => (Dec(r.get::<_, Option<i64>>(7)?.unwrap_or(0)), Dec(hours)),
            "task" => (
                Dec(ctx.conn.query_row("SELECT COALESCE(SUM(budget), 0) FROM task_assignments WHERE project_id = ?1", [pid], |r| r.get(0))?),
                Dec(hours),
            ),
            "person" => (
                Dec(ctx.conn.query_row("SELECT COALESCE(SUM(budget), 0) FROM user_assignments WHERE project_id = ?1", [pid], |r| r.get(0))?),
                Dec(hours),
            ),
            "task_fees" => (
                Dec(ctx.conn.query_row("SELECT COALESCE(SUM(budget), 0) FROM task_assignments WHERE project_id = ?1", [pid], |r| r.get(0))?),
                money,
            ),
            _ => {
                let mut spent = money;
                if r.get::<_, bool>(9)? {
                    let e: i64 = ctx.conn.query_row(
                        "SELECT COALESCE(SUM(total_cost), 0) FROM expenses WHERE project_id = ?1 AND spent_date >= ?2",
                        rusqlite::params![pid, since],
                        |r| r.get(0),
                    )?;
                    spent = spent + Dec(e);
                }
                (Dec(r.get::<_, Option<i64>>(8)?.unwrap_or(0)), spent)
            }
        };
        let spent = spent.round(2);
        out.push(json!({
            "project_id": pid, "project_name": r.get::<_, Option<String>>(1)?,
            "client_id": r.get::<_, Option<i64>>(2)?, "client_name": r.get::<_, Option<String>>(3)?,
            "budget_is_monthly": monthly, "budget_by": by, "is_active": r.get::<_, bool>(6)?,
            "budget": budget.to_json(), "budget_spent": spent.to_json(), "budget_remaining": (budget - spent).to_json(),
        }));
    }
    list_vec(ctx, "results", out)
}
