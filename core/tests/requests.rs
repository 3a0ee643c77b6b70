//! Request building per resource family: exact method, URL (query encoding included), headers and
//! JSON body; `build()` from JSON equals the typed builders; invalid input fails before a request.

use chrono::{NaiveDate, TimeZone, Utc};
use harvest_core::api::{self, *};
use harvest_core::model::*;
use harvest_core::{Config, ErrorCode, Method, Operation, OperationId, Request};
use serde_json::{json, Value};

const API: &str = "https://api.harvestapp.com";

fn config() -> Config {
    Config::new(1000001, "secret-token", "MyApp (me@example.com)").expect("valid config")
}

fn date(y: i32, m: u32, d: u32) -> Date {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

fn request<T>(op: harvest_core::Result<Operation<T>>) -> Request {
    op.expect("valid operation").request(&config(), 7)
}

/// Asserts method, URL (path exact, query pairs exact as encoded, in any order), headers and body.
fn check(req: &Request, method: Method, path: &str, query: &[&str], body: Option<Value>) {
    assert_eq!(req.method, method, "{}", req.url);
    let (base, raw_query) = req.url.split_once('?').unwrap_or((&req.url, ""));
    assert_eq!(base, format!("{API}{path}"));
    let mut got: Vec<&str> = raw_query.split('&').filter(|s| !s.is_empty()).collect();
    let mut want = query.to_vec();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want, "query of {}", req.url);
    assert_eq!(req.header("Authorization"), Some("Bearer secret-token"));
    assert_eq!(req.header("Harvest-Account-Id"), Some("1000001"));
    assert_eq!(req.header("User-Agent"), Some("MyApp (me@example.com)"));
    let sent: Option<Value> = req.body.as_ref().map(|b| serde_json::from_slice(b).expect("JSON body"));
    assert_eq!(req.header("Content-Type"), sent.as_ref().map(|_| "application/json"));
    assert_eq!(sent, body, "body of {} {}", req.method, req.url);
}

fn invalid<T: std::fmt::Debug>(result: harvest_core::Result<T>) -> String {
    let error = result.expect_err("invalid input must be refused");
    assert_eq!(error.code, ErrorCode::InvalidInput, "{error}");
    assert!(error.status.is_none());
    error.message
}

#[test]
fn clients_list_create_update_delete() {
    let since = Utc.with_ymd_and_hms(2017, 3, 1, 0, 0, 0).unwrap();
    let req = request(api::list_clients(&ListClientsParams { is_active: Some(false), updated_since: Some(since), ..Default::default() }));
    check(&req, Method::Get, "/v2/clients", &["is_active=false", "updated_since=2017-03-01T00%3A00%3A00Z", "per_page=2000"], None);

    let req = request(api::list_clients(&ListClientsParams::default()));
    assert_eq!(req.url, "https://api.harvestapp.com/v2/clients?per_page=2000");

    let req = request(api::create_client(&CreateClientParams::new("Gary B.")));
    check(&req, Method::Post, "/v2/clients", &[], Some(json!({"name": "Gary B."})));

    let params = UpdateClientParams { is_active: Some(false), address: Some("1 Main St\r\nTown".into()), ..Default::default() };
    let req = request(api::update_client(5735776, &params));
    check(&req, Method::Patch, "/v2/clients/5735776", &[], Some(json!({"is_active": false, "address": "1 Main St\r\nTown"})));

    check(&request(api::delete_client(5735776)), Method::Delete, "/v2/clients/5735776", &[], None);
    check(&request(api::retrieve_client(5735776)), Method::Get, "/v2/clients/5735776", &[], None);
}

#[test]
fn company_and_contacts() {
    check(&request(api::retrieve_company()), Method::Get, "/v2/company", &[], None);
    let req = request(api::update_company(&UpdateCompanyParams { weekly_capacity: Some(126000), ..Default::default() }));
    check(&req, Method::Patch, "/v2/company", &[], Some(json!({"weekly_capacity": 126000})));

    let req = request(api::list_contacts(&ListContactsParams { client_id: Some(5735776), per_page: Some(100), ..Default::default() }));
    check(&req, Method::Get, "/v2/contacts", &["client_id=5735776", "per_page=100"], None);
    let params = CreateContactParams { email: Some("g@example.com".into()), ..CreateContactParams::new(5735776, "George") };
    let req = request(api::create_contact(&params));
    check(&req, Method::Post, "/v2/contacts", &[], Some(json!({"client_id": 5735776, "first_name": "George", "email": "g@example.com"})));
    check(&request(api::delete_contact(4706479)), Method::Delete, "/v2/contacts/4706479", &[], None);
}

#[test]
fn time_entries_list_with_dates_and_filters() {
    let params = ListTimeEntriesParams {
        user_id: Some(1782959),
        is_running: Some(true),
        from: Some(date(2017, 3, 1)),
        to: Some(date(2017, 3, 31)),
        approval_status: Some(ApprovalStatus::Submitted),
        external_reference_id: Some("a b&c".into()),
        page: Some(2),
        ..Default::default()
    };
    let req = request(api::list_time_entries(&params));
    check(
        &req,
        Method::Get,
        "/v2/time_entries",
        &[
            "user_id=1782959",
            "is_running=true",
            "from=2017-03-01",
            "to=2017-03-31",
            "approval_status=submitted",
            "external_reference_id=a%20b%26c",
            "page=2",
            "per_page=2000",
        ],
        None,
    );
}

#[test]
fn time_entries_are_created_by_duration_or_by_start_and_end_time() {
    let by_duration = CreateTimeEntryParams::duration(14307913, 8083365, date(2017, 3, 21), dec("1.5"));
    let req = request(api::create_time_entry(&by_duration));
    check(&req, Method::Post, "/v2/time_entries", &[], Some(json!({"project_id": 14307913, "task_id": 8083365, "spent_date": "2017-03-21", "hours": 1.5})));

    let timer = CreateTimeEntryParams::timer(14307913, 8083365, date(2017, 3, 21));
    let req = request(api::create_time_entry(&timer));
    check(&req, Method::Post, "/v2/time_entries", &[], Some(json!({"project_id": 14307913, "task_id": 8083365, "spent_date": "2017-03-21"})));

    let mut by_times = CreateTimeEntryParams::start_end(14307913, 8083365, date(2017, 3, 21), "8:00am", Some("9:00am".into()));
    if let CreateTimeEntryParams::StartEndTime(inner) = &mut by_times {
        inner.external_reference = Some(ExternalReferenceParams { id: Some("8".into()), permalink: Some("https://x.test/8".into()), ..Default::default() });
    }
    let req = request(api::create_time_entry(&by_times));
    check(
        &req,
        Method::Post,
        "/v2/time_entries",
        &[],
        Some(json!({"project_id": 14307913, "task_id": 8083365, "spent_date": "2017-03-21", "started_time": "8:00am", "ended_time": "9:00am",
                    "external_reference": {"id": "8", "permalink": "https://x.test/8"}})),
    );
    assert_eq!(by_times.external_reference().and_then(|r| r.id.as_deref()), Some("8"));

    // JSON parameters pick the right variant.
    let parsed: CreateTimeEntryParams = serde_json::from_value(json!({"project_id": 1, "task_id": 2, "spent_date": "2017-03-21", "started_time": "8:00am"})).unwrap();
    assert!(matches!(parsed, CreateTimeEntryParams::StartEndTime(_)));
    let parsed: CreateTimeEntryParams = serde_json::from_value(json!({"project_id": 1, "task_id": 2, "spent_date": "2017-03-21", "hours": 2})).unwrap();
    assert!(matches!(parsed, CreateTimeEntryParams::Duration(ref d) if d.hours == Some(Decimal::from(2))));
    // Mixing the two ways is neither.
    let mixed = json!({"project_id": 1, "task_id": 2, "spent_date": "2017-03-21", "hours": 2, "started_time": "8:00am"});
    invalid(api::build(OperationId::CreateTimeEntry, &[], mixed));
}

#[test]
fn time_entry_update_stop_restart_and_external_reference() {
    let req = request(api::update_time_entry(636718192, &UpdateTimeEntryParams { notes: Some("Updated".into()), ..Default::default() }));
    check(&req, Method::Patch, "/v2/time_entries/636718192", &[], Some(json!({"notes": "Updated"})));
    check(&request(api::stop_running_time_entry(662202797)), Method::Patch, "/v2/time_entries/662202797/stop", &[], None);
    check(&request(api::restart_stopped_time_entry(662202797)), Method::Patch, "/v2/time_entries/662202797/restart", &[], None);
    check(&request(api::delete_time_entry_external_reference(2380504951)), Method::Delete, "/v2/time_entries/2380504951/external_reference", &[], None);
    check(&request(api::delete_time_entry(2380504951)), Method::Delete, "/v2/time_entries/2380504951", &[], None);
}

#[test]
fn invoices_are_created_free_form_or_imported() {
    let line = InvoiceLineItemParams { description: Some("ABC Project".into()), ..InvoiceLineItemParams::new("Service", dec("5000.0")) };
    let free_form = CreateInvoiceParams::FreeForm(CreateFreeFormInvoice {
        subject: Some("ABC Project Quote".into()),
        due_date: Some(date(2017, 7, 27)),
        payment_term: Some(PaymentTerm::Custom),
        ..match CreateInvoiceParams::free_form(5735774, vec![line]) {
            CreateInvoiceParams::FreeForm(inner) => inner,
            CreateInvoiceParams::Import(_) => unreachable!("free_form builds a free-form invoice"),
        }
    });
    let req = request(api::create_invoice(&free_form));
    check(
        &req,
        Method::Post,
        "/v2/invoices",
        &[],
        Some(json!({"client_id": 5735774, "subject": "ABC Project Quote", "due_date": "2017-07-27", "payment_term": "custom",
                    "line_items": [{"kind": "Service", "description": "ABC Project", "unit_price": 5000.0}]})),
    );

    let import = CreateInvoiceParams::import(
        5735774,
        LineItemsImport {
            project_ids: vec![14307913],
            time: Some(ImportTime::new(TimeSummaryType::Task, Some((date(2017, 3, 1), date(2017, 3, 31))))),
            expenses: Some(ImportExpenses::new(ExpenseSummaryType::Category, None)),
        },
    );
    let req = request(api::create_invoice(&import));
    let expected = json!({"client_id": 5735774, "line_items_import": {"project_ids": [14307913],
        "time": {"summary_type": "task", "from": "2017-03-01", "to": "2017-03-31"}, "expenses": {"summary_type": "category"}}});
    check(&req, Method::Post, "/v2/invoices", &[], Some(expected.clone()));

    // The digest's own illustrative body parses as the import variant and builds the same request.
    let built = api::build(OperationId::CreateInvoice, &[], expected).unwrap();
    assert_eq!(built, api::create_invoice(&import).unwrap().erase());
    let parsed: CreateInvoiceParams = serde_json::from_value(json!({"client_id": 1, "line_items": []})).unwrap();
    assert!(matches!(parsed, CreateInvoiceParams::FreeForm(_)));
}

#[test]
fn invoice_list_update_messages_and_payments() {
    let req = request(api::list_invoices(&ListInvoicesParams { state: Some(InvoiceState::Open), from: Some(date(2017, 1, 1)), ..Default::default() }));
    check(&req, Method::Get, "/v2/invoices", &["state=open", "from=2017-01-01", "per_page=2000"], None);

    let params = UpdateInvoiceParams { line_items: Some(vec![UpdateInvoiceLineItem::delete(53341450)]), ..Default::default() };
    let req = request(api::update_invoice(13150403, &params));
    check(&req, Method::Patch, "/v2/invoices/13150403", &[], Some(json!({"line_items": [{"id": 53341450, "_destroy": true}]})));

    let req = request(api::create_invoice_message(13150403, &CreateInvoiceMessageParams::event(InvoiceEventType::ReOpen)));
    check(&req, Method::Post, "/v2/invoices/13150403/messages", &[], Some(json!({"event_type": "re-open"})));
    let email = CreateInvoiceMessageParams {
        attach_pdf: Some(true),
        ..CreateInvoiceMessageParams::email(vec![RecipientParams::new("richard@example.com", Some("Richard Roe".into()))])
    };
    let req = request(api::create_invoice_message(13150403, &email));
    check(&req, Method::Post, "/v2/invoices/13150403/messages", &[], Some(json!({"recipients": [{"name": "Richard Roe", "email": "richard@example.com"}], "attach_pdf": true})));

    // A plain query operation: no per_page.
    let req = request(api::retrieve_invoice_message_subject_and_body_for_specific_invoice(
        13150403,
        &RetrieveInvoiceMessageSubjectAndBodyForSpecificInvoiceParams { thank_you: Some(true), ..Default::default() },
    ));
    check(&req, Method::Get, "/v2/invoices/13150403/messages/new", &["thank_you=true"], None);

    let payment = CreateInvoicePaymentParams { paid_date: Some(date(2017, 7, 24)), notes: Some("Paid by phone".into()), ..CreateInvoicePaymentParams::new(dec("1575.86")) };
    let req = request(api::create_invoice_payment(13150378, &payment));
    check(&req, Method::Post, "/v2/invoices/13150378/payments", &[], Some(json!({"amount": 1575.86, "paid_date": "2017-07-24", "notes": "Paid by phone"})));
    check(&request(api::delete_invoice_payment(13150378, 10336386)), Method::Delete, "/v2/invoices/13150378/payments/10336386", &[], None);
    check(&request(api::delete_invoice_message(13150403, 27835324)), Method::Delete, "/v2/invoices/13150403/messages/27835324", &[], None);

    let req = request(api::create_invoice_item_category(&CreateInvoiceItemCategoryParams { name: "Hosting".into() }));
    check(&req, Method::Post, "/v2/invoice_item_categories", &[], Some(json!({"name": "Hosting"})));
}

#[test]
fn estimates_and_their_messages() {
    let req = request(api::list_estimates(&ListEstimatesParams { state: Some(EstimateState::Sent), client_id: Some(5735776), ..Default::default() }));
    check(&req, Method::Get, "/v2/estimates", &["state=sent", "client_id=5735776", "per_page=2000"], None);
    let params = CreateEstimateParams {
        subject: Some("ABC Project Quote".into()),
        line_items: Some(vec![EstimateLineItemParams { kind: "Service".into(), unit_price: dec("5000"), quantity: Some(dec("2")), ..Default::default() }]),
        ..CreateEstimateParams { client_id: 5735774, ..Default::default() }
    };
    let req = request(api::create_estimate(&params));
    check(
        &req,
        Method::Post,
        "/v2/estimates",
        &[],
        Some(json!({"client_id": 5735774, "subject": "ABC Project Quote", "line_items": [{"kind": "Service", "quantity": 2.0, "unit_price": 5000.0}]})),
    );
    let req = request(api::create_estimate_message(1439818, &CreateEstimateMessageParams::event(EstimateEventType::Accept)));
    check(&req, Method::Post, "/v2/estimates/1439818/messages", &[], Some(json!({"event_type": "accept"})));
    check(&request(api::delete_estimate(1439818)), Method::Delete, "/v2/estimates/1439818", &[], None);
    let req = request(api::list_messages_for_estimate(1439818, &ListMessagesForEstimateParams::default()));
    check(&req, Method::Get, "/v2/estimates/1439818/messages", &["per_page=2000"], None);
}

#[test]
fn expenses_and_categories() {
    let req = request(api::list_expenses(&ListExpensesParams { is_billed: Some(false), project_id: Some(14307913), ..Default::default() }));
    check(&req, Method::Get, "/v2/expenses", &["is_billed=false", "project_id=14307913", "per_page=2000"], None);
    let req = request(api::create_expense(&CreateExpenseParams::new(14308069, 4195926, date(2017, 3, 1), dec("13.59"))));
    check(&req, Method::Post, "/v2/expenses", &[], Some(json!({"project_id": 14308069, "expense_category_id": 4195926, "spent_date": "2017-03-01", "total_cost": 13.59})));
    let req = request(api::update_expense_category(4197501, &UpdateExpenseCategoryParams { is_active: Some(false), ..Default::default() }));
    check(&req, Method::Patch, "/v2/expense_categories/4197501", &[], Some(json!({"is_active": false})));
}

#[test]
fn projects_and_assignments() {
    let req = request(api::create_project(&CreateProjectParams::new(5735776, "Your New Project", true, BillBy::Project, BudgetBy::Project)));
    check(
        &req,
        Method::Post,
        "/v2/projects",
        &[],
        Some(json!({"client_id": 5735776, "name": "Your New Project", "is_billable": true, "bill_by": "Project", "budget_by": "project"})),
    );
    let req = request(api::list_user_assignments_for_specific_project(14308069, &ListUserAssignmentsForSpecificProjectParams { user_id: Some(1782959), ..Default::default() }));
    check(&req, Method::Get, "/v2/projects/14308069/user_assignments", &["user_id=1782959", "per_page=2000"], None);
    let req = request(api::create_task_assignment(14308069, &CreateTaskAssignmentParams { task_id: 8083800, hourly_rate: Some(dec("75.50")), ..Default::default() }));
    check(&req, Method::Post, "/v2/projects/14308069/task_assignments", &[], Some(json!({"task_id": 8083800, "hourly_rate": 75.5})));
    check(&request(api::delete_user_assignment(14308069, 125068554)), Method::Delete, "/v2/projects/14308069/user_assignments/125068554", &[], None);
    let req = request(api::list_task_assignments(&ListTaskAssignmentsParams { is_active: Some(true), ..Default::default() }));
    check(&req, Method::Get, "/v2/task_assignments", &["is_active=true", "per_page=2000"], None);
}

#[test]
fn reports_take_dates_and_flags() {
    let params = TimeReportParams { include_fixed_fee: Some(true), ..TimeReportParams::new(date(2017, 1, 1), date(2017, 12, 31)) };
    let req = request(api::clients_time_report(&params));
    check(&req, Method::Get, "/v2/reports/time/clients", &["from=2017-01-01", "to=2017-12-31", "include_fixed_fee=true", "per_page=2000"], None);
    let req = request(api::team_expenses_report(&ExpenseReportParams::new(date(2017, 1, 1), date(2017, 1, 31))));
    check(&req, Method::Get, "/v2/reports/expenses/team", &["from=2017-01-01", "to=2017-01-31", "per_page=2000"], None);
    let req = request(api::uninvoiced_report(&UninvoicedReportParams { include_fixed_fee: Some(false), ..UninvoicedReportParams::new(date(2017, 1, 1), date(2017, 1, 31)) }));
    check(&req, Method::Get, "/v2/reports/uninvoiced", &["from=2017-01-01", "to=2017-01-31", "include_fixed_fee=false", "per_page=2000"], None);
    let req = request(api::project_budget_report(&ProjectBudgetReportParams { is_active: Some(true), ..Default::default() }));
    check(&req, Method::Get, "/v2/reports/project_budget", &["is_active=true", "per_page=2000"], None);
}

#[test]
fn roles_tasks_and_users() {
    let req = request(api::create_role(&CreateRoleParams { name: "Marketing".into(), user_ids: Some(vec![1782959, 1782884]) }));
    check(&req, Method::Post, "/v2/roles", &[], Some(json!({"name": "Marketing", "user_ids": [1782959, 1782884]})));
    let req = request(api::update_task(8083782, &UpdateTaskParams { default_hourly_rate: Some(dec("120")), ..Default::default() }));
    check(&req, Method::Patch, "/v2/tasks/8083782", &[], Some(json!({"default_hourly_rate": 120.0})));
    let params = CreateUserParams { access_roles: Some(vec![AccessRole::Manager, AccessRole::ProjectCreator]), ..CreateUserParams::new("George", "Frank", "george@example.com") };
    let req = request(api::create_user(&params));
    check(
        &req,
        Method::Post,
        "/v2/users",
        &[],
        Some(json!({"first_name": "George", "last_name": "Frank", "email": "george@example.com", "access_roles": ["manager", "project_creator"]})),
    );
    check(&request(api::retrieve_the_currently_authenticated_user()), Method::Get, "/v2/users/me", &[], None);
    let req = request(api::update_user_assigned_teammates(1782959, &UpdateUserAssignedTeammatesParams { teammate_ids: vec![21, 22] }));
    check(&req, Method::Patch, "/v2/users/1782959/teammates", &[], Some(json!({"teammate_ids": [21, 22]})));
    let req = request(api::create_billable_rate(1782959, &CreateBillableRateParams { amount: dec("150"), start_date: Some(date(2020, 5, 1)) }));
    check(&req, Method::Post, "/v2/users/1782959/billable_rates", &[], Some(json!({"amount": 150.0, "start_date": "2020-05-01"})));
    check(&request(api::retrieve_cost_rate(1782959, 125068758)), Method::Get, "/v2/users/1782959/cost_rates/125068758", &[], None);
    let req = request(api::list_active_project_assignments_for_the_currently_authenticated_user(&Default::default()));
    check(&req, Method::Get, "/v2/users/me/project_assignments", &["per_page=2000"], None);
}

#[test]
fn accounts_go_to_harvest_id_without_the_account_header() {
    let req = request(api::list_accounts());
    assert_eq!(req.method, Method::Get);
    assert_eq!(req.url, "https://id.getharvest.com/api/v2/accounts");
    assert_eq!(req.header("Authorization"), Some("Bearer secret-token"));
    assert_eq!(req.header("Harvest-Account-Id"), None);
    assert_eq!(req.header("User-Agent"), Some("MyApp (me@example.com)"));
    assert_eq!(req.header("Content-Type"), None);
    assert_eq!(req.body, None);
    assert_eq!(api::build(OperationId::ListAccounts, &[], Value::Null).unwrap(), api::list_accounts().unwrap().erase());
}

#[test]
fn build_from_json_equals_the_typed_builders() {
    let typed = ListTimeEntriesParams { user_id: Some(1), is_billed: Some(true), from: Some(date(2017, 3, 1)), ..Default::default() };
    let json_params = json!({"user_id": 1, "is_billed": true, "from": "2017-03-01"});
    assert_eq!(api::build(OperationId::ListTimeEntries, &[], json_params).unwrap(), api::list_time_entries(&typed).unwrap().erase());

    let typed = CreateTimeEntryParams::duration(14307913, 8083365, date(2017, 3, 21), dec("1.5"));
    let json_params = json!({"project_id": 14307913, "task_id": 8083365, "spent_date": "2017-03-21", "hours": 1.5});
    assert_eq!(api::build(OperationId::CreateTimeEntry, &[], json_params).unwrap(), api::create_time_entry(&typed).unwrap().erase());

    let typed = CreateTimeEntryParams::start_end(14307913, 8083365, date(2017, 3, 21), "8:00am", None);
    let json_params = json!({"project_id": 14307913, "task_id": 8083365, "spent_date": "2017-03-21", "started_time": "8:00am"});
    assert_eq!(api::build(OperationId::CreateTimeEntry, &[], json_params).unwrap(), api::create_time_entry(&typed).unwrap().erase());

    let typed = CreateInvoiceParams::free_form(5735774, vec![InvoiceLineItemParams::new("Service", dec("100"))]);
    let json_params = json!({"client_id": 5735774, "line_items": [{"kind": "Service", "unit_price": 100}]});
    assert_eq!(api::build(OperationId::CreateInvoice, &[], json_params).unwrap(), api::create_invoice(&typed).unwrap().erase());

    let json_params = json!({"name": "Renamed"});
    let typed = UpdateClientParams { name: Some("Renamed".into()), ..Default::default() };
    assert_eq!(api::build(OperationId::UpdateClient, &[42], json_params).unwrap(), api::update_client(42, &typed).unwrap().erase());

    let since = Utc.with_ymd_and_hms(2017, 6, 26, 21, 36, 23).unwrap();
    let json_params = json!({"updated_since": "2017-06-26T21:36:23Z"});
    let typed = ListUsersParams { updated_since: Some(since), ..Default::default() };
    assert_eq!(api::build(OperationId::ListUsers, &[], json_params).unwrap(), api::list_users(&typed).unwrap().erase());

    assert_eq!(api::build(OperationId::DeleteInvoicePayment, &[1, 2], json!({})).unwrap(), api::delete_invoice_payment(1, 2).unwrap().erase());
}

#[test]
fn every_operation_builds_from_json_with_minimal_parameters() {
    // Required body fields and report dates, per operation; the rest builds from `{}`.
    let minimal = |id: OperationId| -> Value {
        match id.as_str() {
            "createClient" | "createEstimateItemCategory" | "createExpenseCategory" | "createInvoiceItemCategory" | "createRole" | "createTask" => json!({"name": "x"}),
            "createContact" => json!({"client_id": 1, "first_name": "x"}),
            "createEstimate" => json!({"client_id": 1}),
            "createInvoice" => json!({"client_id": 1, "line_items": []}),
            "createExpense" => json!({"project_id": 1, "expense_category_id": 2, "spent_date": "2017-03-01"}),
            "createInvoicePayment" | "createBillableRate" | "createCostRate" => json!({"amount": 1}),
            "createProject" => json!({"client_id": 1, "name": "x"}),
            "createTaskAssignment" => json!({"task_id": 1}),
            "createUserAssignment" => json!({"user_id": 1}),
            "createTimeEntry" => json!({"project_id": 1, "task_id": 2, "spent_date": "2017-03-01"}),
            "createUser" => json!({"first_name": "a", "last_name": "b", "email": "c@example.com"}),
            "updateUserAssignedTeammates" => json!({"teammate_ids": []}),
            s if s.ends_with("TimeReport") || s == "tasksReport" || s.ends_with("ExpensesReport") || s == "expenseCategoriesReport" || s == "uninvoicedReport" => {
                json!({"from": "2017-01-01", "to": "2017-01-31"})
            }
            _ => json!({}),
        }
    };
    for &id in OperationId::ALL {
        let ids: Vec<Id> = (1..=id.path_params().len() as Id).collect();
        let op = api::build(id, &ids, minimal(id)).unwrap_or_else(|e| panic!("{id}: {e}"));
        let req = op.request(&config(), 1);
        assert_eq!(req.method, id.method(), "{id}");
        assert_eq!(req.header("Content-Type").is_some(), req.body.is_some(), "{id}");
        assert_eq!(req.url.contains("per_page=2000"), id.is_list(), "{id}: {}", req.url);
        assert!(!req.url.contains("{}"), "{id}: {}", req.url);
        // Too few path ids is the caller's mistake.
        if !ids.is_empty() {
            invalid(api::build(id, &ids[1..], minimal(id)));
        }
    }
}

#[test]
fn invalid_input_is_refused_before_any_request() {
    let message = invalid(api::list_clients(&ListClientsParams { per_page: Some(0), ..Default::default() }));
    assert!(message.contains("per_page"), "{message}");
    invalid(api::list_clients(&ListClientsParams { per_page: Some(2001), ..Default::default() }));
    assert!(api::list_clients(&ListClientsParams { per_page: Some(2000), ..Default::default() }).is_ok());
    assert!(api::list_clients(&ListClientsParams { per_page: Some(1), ..Default::default() }).is_ok());
    invalid(api::list_time_entries(&ListTimeEntriesParams { page: Some(0), ..Default::default() }));

    // Id 0 in the path and in the body.
    invalid(api::retrieve_client(0));
    invalid(api::delete_invoice_payment(13150378, 0));
    invalid(api::create_contact(&CreateContactParams::new(0, "George")));
    invalid(api::create_role(&CreateRoleParams { name: "x".into(), user_ids: Some(vec![1, 0]) }));
    invalid(api::list_time_entries(&ListTimeEntriesParams { project_id: Some(0), ..Default::default() }));

    // from after to, at the top level and nested in an invoice import.
    let message = invalid(api::clients_time_report(&TimeReportParams::new(date(2017, 12, 31), date(2017, 1, 1))));
    assert!(message.contains("2017-12-31"), "{message}");
    invalid(api::list_invoices(&ListInvoicesParams { from: Some(date(2017, 2, 1)), to: Some(date(2017, 1, 1)), ..Default::default() }));
    let import = LineItemsImport { project_ids: vec![1], time: Some(ImportTime::new(TimeSummaryType::Project, Some((date(2017, 3, 31), date(2017, 3, 1))))), expenses: None };
    invalid(api::create_invoice(&CreateInvoiceParams::import(1, import)));

    // Unknown parameter names, parameters for an operation that takes none, wrong types.
    let message = invalid(api::build(OperationId::ListClients, &[], json!({"is_actve": true})));
    assert!(message.contains("is_actve"), "{message}");
    invalid(api::build(OperationId::RetrieveClient, &[1], json!({"include": "all"})));
    invalid(api::build(OperationId::ListClients, &[], json!({"per_page": "many"})));
    invalid(api::build(OperationId::ListClients, &[], json!({"per_page": 0})));
    invalid(api::build(OperationId::ListClients, &[], json!([1, 2])));
    invalid(api::build(OperationId::CreateClient, &[], json!({})));
    invalid(api::build(OperationId::RetrieveClient, &[], Value::Null));
    invalid(api::build(OperationId::ListClients, &[1], Value::Null));

    // The user agent is mandatory at Harvest.
    invalid(Config::new(1000001, "secret-token", ""));
    invalid(Config::new(1000001, "secret-token", "   "));
    invalid(Config::new(0, "secret-token", "MyApp (me@example.com)"));
    invalid(OperationId::parse("listEverything"));
}
