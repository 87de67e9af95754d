"""Importing a registration list of 10,000 people from .xlsx (issue 25): `roundtable participants
import LIST.xlsx --db DB` timed as a user runs it (a fresh process: start-up, reading the workbook
with python-calamine, mapping the headers, resolving the countries, validating every row, writing
2,000 people to a transaction), into the demo forum's database, median of 3 fresh databases.

The list is an Indico-style export (ID, Registration date, Registration state, Title, First Name,
Last Name, Email Address, Affiliation, Position, Country, Phone) whose countries are written the
many ways people write them (codes, English, Russian, Kazakh, French, official names), one in a
hundred unknown (imported without a country, to complete).

    python -m benchmarks.registration_import
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.figure import Figure
from benchmarks.stats import median

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = 10_000
TARGET_SECONDS = 3.0
COUNTRIES = ["Kazakhstan", "KZ", "Россия", "Ресей", "United States", "USA", "США", "Korea, Republic of", "Viet Nam",
             "Germany", "Allemagne", "Türkiye", "Côte d'Ivoire", "Iran (Islamic Republic of)", "UK", "France",
             "Кыргызстан", "Қазақстан", "China", "Japan", "Brazil", "India", "Egypt", "UAE", "Estonia", "Holland",
             "Bolivia (Plurinational State of)", "DR Congo", "Sénégal"]
GIVEN = ["Aigerim", "John", "Олег", "Marie", "Seo-yeon", "Ahmed", "Әсел", "Thị Lan", "Carlos", "Ingrid"]
FAMILY = ["Nurlanova", "Carter", "Петров", "Dubois", "Park", "Al Mansoori", "Сейітқали", "Nguyễn", "Pereira", "Tamm"]
STATES = ["Complete"] * 18 + ["Pending", "Withdrawn"]


def write_list(path: Path, people: int = PEOPLE) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Registrants")
    when = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write_row(0, 0, ["ID", "Registration date", "Registration state", "Title", "First Name", "Last Name",
                           "Email Address", "Affiliation", "Position", "Country", "Phone"])
    start = dt.datetime(2014, 8, 1, 9, 0)
    for n in range(people):
        row = n + 1
        sheet.write_number(row, 0, 1000 + n)
        sheet.write_datetime(row, 1, start + dt.timedelta(minutes=7 * n), when)
        sheet.write_row(row, 2, [
            STATES[n % len(STATES)], "Ms" if n % 2 else "Mr", GIVEN[n % len(GIVEN)], f"{FAMILY[n % len(FAMILY)]} {n:05d}",
            f"delegate{n:05d}@example.org", f"Ministry {n % 397}", "Head of Department",
            COUNTRIES[n % len(COUNTRIES)] if n % 100 else "Narnia",
        ])
        sheet.write_number(row, 10, 77010000000 + n)
    book.close()
    return path


def measure(rounds: int = 3) -> Figure:
    name = f"import {PEOPLE:,} people from .xlsx (median of {rounds})"
    work = Path(tempfile.mkdtemp(prefix="roundtable-import-bench-"))
    try:
        listing = write_list(work / "registrants.xlsx")
        base = work / "base.db"
        subprocess.run([sys.executable, "-m", "roundtable", "init", str(ROOT / "sessions" / "gegf-2014.toml"),
                        "--db", str(base)], check=True, capture_output=True, cwd=ROOT)
        times, out = [], ""
        for i in range(rounds):
            db = work / f"forum-{i}.db"
            shutil.copy(base, db)
            began = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "roundtable", "participants", "import", str(listing),
                                   "--db", str(db)], check=True, capture_output=True, text=True, cwd=ROOT)
            times.append(time.perf_counter() - began)
            out = done.stdout.strip()
        return Figure(name, median(times), "s", TARGET_SECONDS,
                      f"{', '.join(f'{t:.2f}' for t in times)} s; {out.split(';')[0]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    figure = measure()
    print(f"{figure.name}: {figure.shown()} (target <= {figure.target:g} {figure.unit}) {figure.verdict}  {figure.note}")
