"""Log time from a script: 1.5 hours today on your first project assignment.

    python log_time.py [hours] [notes]
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal

import harvest_sdk
from _env import connection


def main() -> None:
    hours = Decimal(sys.argv[1]) if len(sys.argv) > 1 else Decimal("1.5")
    notes = sys.argv[2] if len(sys.argv) > 2 else "Logged from a script"
    with harvest_sdk.Client(**connection()) as harvest:
        assignment = next(iter(harvest.users.my_project_assignments()))
        task = assignment.task_assignments[0].task
        if task is None:
            raise SystemExit(f"{assignment.project.name} has no task assigned")
        entry = harvest.log_time(assignment.project.id, task.id, date.today(), hours, notes=notes)
        print(f"logged {entry.hours} h on {entry.project.name} / {entry.task.name} ({entry.spent_date}), entry {entry.id}")


if __name__ == "__main__":
    main()
