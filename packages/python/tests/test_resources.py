"""Every resource family against the sandbox over real HTTP: list, get, create, update, delete."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

import harvest_sdk
from harvest_sdk import models
from conftest import Sandbox

DAY = date(2026, 11, 10)


def crud(namespace: Any, create: dict, update: dict, check: str) -> None:
    """Creates, reads, lists, updates and deletes one object of a family."""
    made = namespace.create(**create)
    assert made.id > 0
    assert getattr(made, check) == create[check]
    fetched = namespace.get(made.id)
    assert fetched == made
    assert made.id in [item.id for item in namespace.list()]
    changed = namespace.update(made.id, **update)
    for key, value in update.items():
        assert getattr(changed, key) == value
    namespace.delete(made.id)
    with pytest.raises(harvest_sdk.NotFoundError) as caught:
        namespace.get(made.id)
    assert caught.value.status == 404


def test_clients(harvest: harvest_sdk.Client) -> None:
    crud(harvest.clients, {"name": "Py Client", "currency": "EUR"}, {"name": "Py Client Renamed", "is_active": False}, "name")


def test_contacts(harvest: harvest_sdk.Client) -> None:
    client = harvest.clients.create(name="Py Contacts Client")
    crud(harvest.contacts, {"client_id": client.id, "first_name": "Ada", "email": "ada@example.com"}, {"title": "CTO"}, "first_name")
    harvest.clients.delete(client.id)


def test_tasks(harvest: harvest_sdk.Client) -> None:
    crud(harvest.tasks, {"name": "Py Task", "default_hourly_rate": Decimal("82.50")}, {"billable_by_default": False}, "default_hourly_rate")


def test_roles(harvest: harvest_sdk.Client) -> None:
    crud(harvest.roles, {"name": "Py Role"}, {"name": "Py Role 2"}, "name")


def test_expense_and_item_categories(harvest: harvest_sdk.Client) -> None:
    crud(harvest.expenses.categories, {"name": "Py Travel", "unit_price": Decimal("0.35"), "unit_name": "km"}, {"name": "Py Mileage"}, "unit_price")
    crud(harvest.invoices.item_categories, {"name": "Py Hosting"}, {"name": "Py Hosting 2"}, "name")
    crud(harvest.estimates.item_categories, {"name": "Py Design"}, {"name": "Py Design 2"}, "name")


def test_projects_and_assignments(harvest: harvest_sdk.Client, sandbox: Sandbox) -> None:
    client = harvest.clients.create(name="Py Projects Client")
    crud(harvest.projects, {"client_id": client.id, "name": "Py Project", "is_billable": True, "bill_by": "Project", "budget_by": "project", "budget": Decimal("100")}, {"notes": "n"}, "name")
    project = harvest.projects.create(client_id=client.id, name="Py Assigned", is_billable=True, bill_by="Tasks", budget_by="none")
    task = harvest.tasks.create(name="Py Assigned Task")
    ta = harvest.task_assignments.create(project.id, task_id=task.id, hourly_rate=Decimal("120"))
    assert ta.task.id == task.id and ta.hourly_rate == Decimal("120")
    assert harvest.task_assignments.get(project.id, ta.id) == ta
    assert ta.id in [t.id for t in harvest.task_assignments.list_for_project(project.id)]
    assert ta.id in [t.id for t in harvest.task_assignments.list(is_active=True)]
    assert harvest.task_assignments.update(project.id, ta.id, billable=False).billable is False
    bob = sandbox.users[1]["id"]
    ua = harvest.user_assignments.create(project.id, user_id=bob)
    assert ua.user.id == bob
    assert harvest.user_assignments.get(project.id, ua.id).id == ua.id
    assert ua.id in [u.id for u in harvest.user_assignments.list_for_project(project.id)]
    assert ua.id in [u.id for u in harvest.user_assignments.list()]
    assert harvest.user_assignments.update(project.id, ua.id, is_project_manager=True).is_project_manager is True
    harvest.user_assignments.delete(project.id, ua.id)
    harvest.task_assignments.delete(project.id, ta.id)
    with pytest.raises(harvest_sdk.NotFoundError):
        harvest.task_assignments.get(project.id, ta.id)


def test_users_and_rates(harvest: harvest_sdk.Client) -> None:
    me = harvest.users.me()
    assert isinstance(me, models.User) and me.email == "alice@example.com"
    user = harvest.users.create(first_name="Py", last_name="Person", email="py.person@example.com")
    assert harvest.users.get(user.id).email == "py.person@example.com"
    assert user.id in [u.id for u in harvest.users.list()]
    assert harvest.users.update(user.id, timezone="Europe/Paris").timezone == "Europe/Paris"
    rate = harvest.users.billable_rates.create(user.id, amount=Decimal("110.00"), start_date=date(2026, 1, 1))
    assert rate.amount == Decimal("110") and harvest.users.billable_rates.get(user.id, rate.id) == rate
    assert rate.id in [r.id for r in harvest.users.billable_rates.list(user.id)]
    cost = harvest.users.cost_rates.create(user.id, amount=Decimal("60"))
    assert harvest.users.cost_rates.get(user.id, cost.id).amount == Decimal("60")
    assert cost.id in [r.id for r in harvest.users.cost_rates.list(user.id)]
    assignments = list(harvest.users.my_project_assignments())
    assert assignments and all(isinstance(a, models.ProjectAssignment) for a in assignments)
    assert [a.id for a in harvest.users.project_assignments(me.id)] == [a.id for a in assignments]
    teammates = harvest.users.update_teammates(me.id, teammate_ids=[user.id])
    assert [t.id for t in teammates.teammates] == [user.id]
    assert [t.id for t in harvest.users.teammates(me.id)] == [user.id]
    harvest.users.update_teammates(me.id, teammate_ids=[])
    harvest.users.delete(user.id)


def test_company(harvest: harvest_sdk.Client) -> None:
    company = harvest.company.get()
    assert isinstance(company, models.Company) and company.name
    assert harvest.company.update(wants_timestamp_timers=False).wants_timestamp_timers is False


def test_expenses(harvest: harvest_sdk.Client) -> None:
    project = next(iter(harvest.projects.list(is_active=True)))
    category = harvest.expenses.categories.create(name="Py Meals")
    crud(harvest.expenses, {"project_id": project.id, "expense_category_id": category.id, "spent_date": DAY, "total_cost": Decimal("12.34")}, {"notes": "lunch"}, "total_cost")


def test_time_entries_timer_and_references(harvest: harvest_sdk.Client) -> None:
    assignment = next(iter(harvest.users.my_project_assignments()))
    project_id, task_id = assignment.project.id, assignment.task_assignments[0].task.id
    entry = harvest.time_entries.create(project_id=project_id, task_id=task_id, spent_date=DAY, hours=Decimal("0.75"), notes="py", external_reference={"id": "PY-1", "group_id": "g", "permalink": "https://example.com/PY-1"})
    assert entry.hours == Decimal("0.75") and entry.external_reference.id == "PY-1"
    assert isinstance(entry.created_at, datetime) and entry.created_at.tzinfo is not None
    assert harvest.time_entries.update(entry.id, notes="py 2").notes == "py 2"
    harvest.time_entries.delete_external_reference(entry.id)
    assert harvest.time_entries.get(entry.id).external_reference is None
    timer = harvest.start_timer(project_id, task_id, DAY)
    assert timer.is_running is True
    stopped = harvest.stop_running_timer()
    assert stopped is not None and stopped.id == timer.id and stopped.is_running is False
    assert harvest.stop_running_timer() is None
    assert harvest.time_entries.restart(timer.id).is_running is True
    assert harvest.time_entries.stop(timer.id).is_running is False
    for made in (entry, timer):
        harvest.time_entries.delete(made.id)
    filtered = list(harvest.time_entries.list(project_id=project_id, from_=DAY, to=DAY))
    assert all(e.project.id == project_id and e.spent_date == DAY for e in filtered)


def test_estimates_and_messages(harvest: harvest_sdk.Client) -> None:
    client = harvest.clients.create(name="Py Estimates Client")
    line = {"kind": "Service", "description": "Design", "quantity": 2, "unit_price": Decimal("150")}
    estimate = harvest.estimates.create(client_id=client.id, subject="Py estimate", line_items=[line])
    assert estimate.amount == Decimal("300") and estimate.line_items[0].description == "Design"
    assert harvest.estimates.get(estimate.id) == estimate
    assert estimate.id in [e.id for e in harvest.estimates.list(client_id=client.id)]
    assert harvest.estimates.update(estimate.id, subject="Py estimate 2").subject == "Py estimate 2"
    message = harvest.estimates.messages.create(estimate.id, event_type="send")
    assert [m.id for m in harvest.estimates.messages.list(estimate.id)] == [message.id]
    assert harvest.estimates.get(estimate.id).state == "sent"
    harvest.estimates.messages.delete(estimate.id, message.id)
    harvest.estimates.delete(estimate.id)


def test_invoices_messages_and_payments(harvest: harvest_sdk.Client) -> None:
    client = harvest.clients.create(name="Py Invoices Client")
    line = {"kind": "Service", "description": "Build", "quantity": 3, "unit_price": Decimal("99.99")}
    invoice = harvest.invoices.create(client_id=client.id, subject="Py invoice", line_items=[line], payment_term="net 30")
    assert invoice.amount == Decimal("299.97") and invoice.state == "draft"
    assert harvest.invoices.get(invoice.id) == invoice
    assert harvest.invoices.update(invoice.id, notes="thanks").notes == "thanks"
    template = harvest.invoices.messages.template(invoice.id)
    assert isinstance(template, models.InvoiceMessageSubjectAndBody) and template.subject
    sent = harvest.send_invoice(invoice.id, ["ap@example.com", {"name": "Bo", "email": "bo@example.com"}])
    assert sorted(r.email for r in sent.recipients) == ["ap@example.com", "bo@example.com"]
    assert harvest.invoices.get(invoice.id).state == "open"
    assert [m.id for m in harvest.invoices.messages.list(invoice.id)] == [sent.id]
    payment = harvest.record_payment(invoice.id, Decimal("100"), DAY, notes="part")
    assert payment.amount == Decimal("100") and payment.paid_date == DAY
    assert [p.id for p in harvest.invoices.payments.list(invoice.id)] == [payment.id]
    harvest.invoices.payments.delete(invoice.id, payment.id)
    assert harvest.invoices.get(invoice.id).due_amount == Decimal("299.97")
    harvest.invoices.messages.delete(invoice.id, sent.id)
    assert invoice.id in [i.id for i in harvest.invoices.list(client_id=client.id)]
    harvest.invoices.delete(invoice.id)


def test_reports(harvest: harvest_sdk.Client) -> None:
    span = {"from_": date(2026, 1, 1), "to": date(2026, 12, 31)}
    for rows in (harvest.reports.time_by_client(**span), harvest.reports.time_by_project(**span), harvest.reports.time_by_task(**span), harvest.reports.time_by_team(**span)):
        results = list(rows)
        assert results and all(isinstance(r, models.TimeReportsResult) for r in results)
        assert all(isinstance(r.total_hours, Decimal) for r in results)
    for rows in (harvest.reports.expenses_by_category(**span), harvest.reports.expenses_by_client(**span), harvest.reports.expenses_by_project(**span), harvest.reports.expenses_by_team(**span)):
        assert all(isinstance(r, models.ExpenseReportsResult) for r in rows)
    budget = list(harvest.reports.project_budget())
    assert budget and all(isinstance(r, models.ProjectBudgetReportResult) for r in budget)
    assert all(isinstance(r, models.UninvoicedReportResult) for r in harvest.reports.uninvoiced(**span))


def test_async_client_lists_gets_and_creates(sandbox: Sandbox) -> None:
    async def main() -> None:
        async with sandbox.async_client() as harvest:
            clients = [c async for c in harvest.clients.list()]
            assert clients and all(isinstance(c, models.Client) for c in clients)
            one, me = await asyncio.gather(harvest.clients.get(clients[0].id), harvest.users.me())
            assert one == clients[0] and me.email == "alice@example.com"
            made = await harvest.clients.create(name="Py Async Client")
            assert (await harvest.clients.update(made.id, name="Py Async 2")).name == "Py Async 2"
            await harvest.clients.delete(made.id)
            with pytest.raises(harvest_sdk.NotFoundError):
                await harvest.clients.get(made.id)
            pages = [len(p) async for p in harvest.time_entries.list(per_page=100).pages()]
            assert sum(pages) == len(await harvest.time_entries.list().all())
            assert (await harvest.accounts()).accounts[0].id == sandbox.account_id

    asyncio.run(main())


def test_errors_from_the_sandbox(harvest: harvest_sdk.Client, sandbox: Sandbox) -> None:
    with pytest.raises(harvest_sdk.ValidationError) as caught:
        harvest.clients.create(name="")
    assert caught.value.status == 422 and caught.value.code == "validation"
    with pytest.raises(harvest_sdk.UnauthorizedError):
        sandbox.client(token="not-a-token").users.me()
    member = sandbox.client(token=sandbox.info["member_access_token"])
    with pytest.raises(harvest_sdk.ForbiddenError):
        member.clients.create(name="Py Forbidden")
    with pytest.raises(harvest_sdk.InvalidInputError):
        harvest.time_entries.list(per_page=0)
    with pytest.raises(harvest_sdk.InvalidInputError):
        harvest.time_entries.get(0)
