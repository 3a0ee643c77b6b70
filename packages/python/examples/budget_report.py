"""Export the project budget report to CSV (standard output, or the file given).

    python budget_report.py [budget.csv]
"""

from __future__ import annotations

import csv
import sys
from typing import TextIO

import harvest_sdk
from _env import connection

COLUMNS = ["client_name", "project_name", "budget_by", "budget", "budget_spent", "budget_remaining"]


def export(harvest: harvest_sdk.Client, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    rows = 0
    for row in harvest.reports.project_budget(is_active=True):
        writer.writerow([row.client_name, row.project_name, row.budget_by, row.budget, row.budget_spent, row.budget_remaining])
        rows += 1
    return rows


def main() -> None:
    with harvest_sdk.Client(**connection()) as harvest:
        if len(sys.argv) > 1:
            with open(sys.argv[1], "w", newline="") as out:
                rows = export(harvest, out)
            print(f"wrote {rows} projects to {sys.argv[1]}")
        else:
            export(harvest, sys.stdout)


if __name__ == "__main__":
    main()
