"""The invoicing workflow end to end against the sandbox: log a month of time, preview it, invoice
it from tracked time, mark it sent, record the payment."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

import pytest

import harvest_sdk
from conftest import Sandbox

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def billable_project(client: harvest_sdk.Client, name: str) -> tuple:
    customer = client.clients.create(name=name, currency="USD")
    project = client.projects.create(client_id=customer.id, name=f"{name} site", is_billable=True, bill_by="Project", hourly_rate=Decimal("120"), budget_by="none")
    task = client.tasks.create(name=f"{name} work")
    client.task_assignments.create(project.id, task_id=task.id)
    me = client.users.me()
    if me.id not in [a.user.id for a in client.user_assignments.list_for_project(project.id)]:
        client.user_assignments.create(project.id, user_id=me.id)
    return customer, project, task


def test_invoice_a_month_of_time_and_record_the_payment(harvest: harvest_sdk.Client) -> None:
    customer, project, task = billable_project(harvest, "Py Workflow Co")
    for day, hours in [(3, "2.5"), (10, "4"), (17, "1.25")]:
        harvest.log_time(project.id, task.id, date(2026, 11, day), Decimal(hours), notes=f"day {day}")
    preview = harvest.preview_uninvoiced(customer.id, *NOVEMBER)
    assert preview.hours == Decimal("7.75") and preview.amount == Decimal("930")
    assert preview.project_ids == [project.id]

    invoice = harvest.invoice_from_tracked_time(customer.id, *NOVEMBER, subject="November", payment_term="net 30")
    assert invoice.state == "draft" and invoice.amount == preview.amount and invoice.subject == "November"
    assert [line.project.id for line in invoice.line_items] == [project.id]
    billed = list(harvest.time_entries.list(project_id=project.id))
    assert len(billed) == 3 and all(e.is_billed and e.invoice.id == invoice.id for e in billed)
    assert harvest.preview_uninvoiced(customer.id, *NOVEMBER).hours == 0
    with pytest.raises(harvest_sdk.InvalidInputError, match="no uninvoiced hours"):
        harvest.invoice_from_tracked_time(customer.id, *NOVEMBER)

    message = harvest.mark_invoice_sent(invoice.id)
    assert message.event_type == "send" and not message.recipients
    assert harvest.invoices.get(invoice.id).state == "open"
    payment = harvest.record_payment(invoice.id, invoice.amount, date(2026, 12, 5), notes="wire")
    assert payment.amount == Decimal("930")
    paid = harvest.invoices.get(invoice.id)
    assert paid.state == "paid" and paid.due_amount == 0


def test_workflows_refuse_bad_input_before_sending(harvest: harvest_sdk.Client, sandbox: Sandbox) -> None:
    before = sandbox.stats()["requests"]
    with pytest.raises(harvest_sdk.InvalidInputError):
        harvest.log_time(1, 2, date(2026, 11, 3), Decimal("0"))
    with pytest.raises(harvest_sdk.InvalidInputError):
        harvest.record_payment(1, Decimal("-5"))
    with pytest.raises(harvest_sdk.InvalidInputError):
        harvest.send_invoice(1, [])
    assert sandbox.stats()["requests"] == before


def test_the_async_workflow(sandbox: Sandbox) -> None:
    customer, project, task = billable_project(sandbox.client(), "Py Async Workflow Co")

    async def main() -> None:
        async with sandbox.async_client() as harvest:
            await asyncio.gather(*(harvest.log_time(project.id, task.id, date(2026, 11, d), Decimal("1")) for d in (4, 5, 6)))
            invoice = await harvest.invoice_from_tracked_time(customer.id, *NOVEMBER, project_ids=[project.id])
            assert invoice.amount == Decimal("360")
            await harvest.mark_invoice_sent(invoice.id)
            await harvest.record_payment(invoice.id, Decimal("360"))
            assert (await harvest.invoices.get(invoice.id)).state == "paid"

    asyncio.run(main())
