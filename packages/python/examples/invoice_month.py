"""Invoice last month's tracked time for every client that has some, mark each invoice sent, and
record its payment.

    python invoice_month.py [YYYY-MM]
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from typing import Dict, Tuple

import harvest_sdk
from _env import connection


def month(argv: list[str]) -> Tuple[date, date]:
    if len(argv) > 1:
        year, number = (int(part) for part in argv[1].split("-"))
        first = date(year, number, 1)
    else:
        first = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last


def main() -> None:
    first, last = month(sys.argv)
    with harvest_sdk.Client(**connection()) as harvest:
        clients: Dict[int, str] = {}
        for row in harvest.reports.uninvoiced(from_=first, to=last):
            if row.client_id is not None and (row.uninvoiced_hours or 0) > 0:
                clients[row.client_id] = row.client_name or str(row.client_id)
        if not clients:
            print(f"nothing to invoice between {first} and {last}")
        for client_id, name in sorted(clients.items()):
            invoice = harvest.invoice_from_tracked_time(client_id, first, last, subject=f"Services {first:%B %Y}")
            harvest.mark_invoice_sent(invoice.id)
            payment = harvest.record_payment(invoice.id, invoice.amount, last)
            paid = harvest.invoices.get(invoice.id)
            print(f"{name}: invoice {paid.number} for {invoice.amount} {invoice.currency or ''}, paid {payment.amount} ({paid.state})")


if __name__ == "__main__":
    main()
