"""`make bench`: build the large forum, run every measurement, print one table and a summary line.

Targets come from issues 6, 18, 25 and 26 and are never loosened here; a missed one prints FAIL.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import large_forum
from benchmarks.figure import Figure
from benchmarks.stats import median, percentile

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ROUNDTABLE = [PYTHON, "-m", "roundtable"]


def _timed(command: list[str], **kwargs) -> float:
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    return time.perf_counter() - began


def _has_command(*args: str) -> bool:
    return subprocess.run([*ROUNDTABLE, *args, "--help"], capture_output=True).returncode == 0


def export_ratio(db: Path, work: Path, rounds: int = 5) -> Figure:
    name = "export to Word: roundtable / pandoc (median of 5)"
    if shutil.which("pandoc") is None:
        return Figure(name, None, "×", 0.35, "pandoc is missing: apt-get install pandoc")
    if not _has_command("export"):
        return Figure(name, None, "×", 0.35, "`roundtable export` is not available")
    markdown = work / "large.md"
    subprocess.run([*ROUNDTABLE, "export", "--db", str(db), "--format", "md", "--out", str(markdown)],
                   check=True, capture_output=True)
    ours, theirs = [], []
    for i in range(rounds):  # alternate, so both see the same machine state
        ours.append(_timed([*ROUNDTABLE, "export", "--db", str(db), "--out", str(work / f"ours-{i}.docx")]))
        theirs.append(_timed(["pandoc", str(markdown), "-o", str(work / f"pandoc-{i}.docx")]))
    ratio = median(ours) / median(theirs)
    return Figure(name, ratio, "×", 0.35, f"ours {median(ours) * 1000:.0f} ms, pandoc {median(theirs) * 1000:.0f} ms")


def libreoffice_ratios(db: Path, work: Path, rounds: int = 3) -> list[Figure]:
    """`export --format pdf` and `export --paginate` beside a plain `soffice --convert-to pdf` of
    the same .docx, each LibreOffice run with a fresh profile of its own, as roundtable's are."""
    pdf_name = "export to PDF: roundtable / plain soffice --convert-to pdf (median of 3)"
    paginate_name = "export --paginate: roundtable / plain soffice --convert-to pdf (median of 3)"
    soffice = shutil.which("soffice")
    if soffice is None:
        note = "LibreOffice is missing: make deps"
        return [Figure(pdf_name, None, "×", 1.3, note), Figure(paginate_name, None, "×", 2.5, note)]
    docx = work / "plain.docx"
    subprocess.run([*ROUNDTABLE, "export", "--db", str(db), "--out", str(docx)], check=True, capture_output=True)
    ours_pdf, ours_paginated, plain = [], [], []
    for i in range(rounds):
        profile = (work / f"lo-profile-{i}").as_uri()
        plain.append(_timed([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                             "--convert-to", "pdf", "--outdir", str(work / f"plain-{i}"), str(docx)]))
        ours_pdf.append(_timed([*ROUNDTABLE, "export", "--db", str(db), "--out", str(work / f"ours-{i}.pdf")]))
        ours_paginated.append(_timed([*ROUNDTABLE, "export", "--db", str(db), "--paginate",
                                      "--out", str(work / f"paged-{i}.docx")]))
    base = median(plain)
    return [
        Figure(pdf_name, median(ours_pdf) / base, "×", 1.3,
               f"ours {median(ours_pdf) * 1000:.0f} ms, soffice {base * 1000:.0f} ms"),
        Figure(paginate_name, median(ours_paginated) / base, "×", 2.5,
               f"ours {median(ours_paginated) * 1000:.0f} ms, soffice {base * 1000:.0f} ms"),
    ]


def startup_ratio(db: Path, rounds: int = 5) -> Figure:
    ours, minimal = [], []
    for _ in range(rounds):
        ours.append(_timed([PYTHON, "-m", "benchmarks.startup", "roundtable", str(db)], cwd=ROOT))
        minimal.append(_timed([PYTHON, "-m", "benchmarks.startup", "minimal", str(db)], cwd=ROOT))
    ratio = median(ours) / median(minimal)
    return Figure("start-up to programme: roundtable / minimal Textual app", ratio, "×", 1.5,
                  f"ours {median(ours) * 1000:.0f} ms, minimal {median(minimal) * 1000:.0f} ms")


def live_operations(db: Path, count: int = 1000) -> list[Figure]:
    """Each store operation timed to its commit, in process, on the large forum."""
    from roundtable.domain import clock
    from roundtable.store import floor, notes, open_store, programme as programme_store, recommendations, roster

    timings: dict[str, list[float]] = {"add speaker": [], "next speaker": [], "save note": [],
                                       "save recommendation": []}
    with open_store(db) as store:
        session = programme_store.find_session(store, "T1-2.1")
        people = roster.load_participants(store)
        for i in range(count):
            now = clock.now()
            began = time.perf_counter()
            floor.request_floor(store, session, people[i % len(people)].id, now)
            timings["add speaker"].append(time.perf_counter() - began)
            began = time.perf_counter()
            current = floor.next_speaker(store, session.id, now).speaker
            timings["next speaker"].append(time.perf_counter() - began)
            began = time.perf_counter()
            note = notes.add_note(store, session.id, f"Point {i} on open data", now,
                                  intervention_id=current.id if current else None)
            timings["save note"].append(time.perf_counter() - began)
            began = time.perf_counter()
            recommendations.add_recommendation(store, "T1", f"Recommendation {i}", now, session_id=session.id,
                                               note_id=note.id)
            timings["save recommendation"].append(time.perf_counter() - began)
    figures = []
    for name, values in timings.items():
        ms = [v * 1000 for v in values]
        figures.append(Figure(f"{name}, to commit: p99 (p50 {percentile(ms, 50):.2f} ms)",
                              percentile(ms, 99), "ms", 5.0))
    return figures


def search_latency(db: Path, rounds: int = 200) -> Figure:
    name = "full-text search over 3,000 notes: p95"
    try:
        from roundtable.store import search
    except ImportError:
        return Figure(name, None, "ms", 20.0, "roundtable.store.search is not available")
    from roundtable.store import open_store

    queries = ["open data", "цифровая", "ашық деректер", "cyber", "partnerships", "мобильные", "smart citi",
               "identity", "қатысу", "broadband"]
    ms = []
    with open_store(db) as store:
        for i in range(rounds):
            began = time.perf_counter()
            search.search(store, queries[i % len(queries)])
            ms.append((time.perf_counter() - began) * 1000)
    return Figure(name, percentile(ms, 95), "ms", 20.0, f"p50 {percentile(ms, 50):.2f} ms")


def memory(db: Path) -> Figure:
    out = subprocess.run([PYTHON, "-m", "benchmarks.startup", "memory", str(db)], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    kib = int(out.strip().splitlines()[-1])
    return Figure("peak RSS of the TUI, large forum, session open", kib / 1024, "MB", 150.0)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="roundtable-bench-"))
    try:
        db = work / "large-forum.db"
        began = time.perf_counter()
        large_forum.build(db)
        print(f"large forum built in {time.perf_counter() - began:.1f} s: 40 sessions, 1,000 participants, "
              f"600 interventions, 3,000 notes, 400 recommendations", flush=True)
        figures: list[Figure] = []
        figures.append(export_ratio(db, work))
        figures.append(startup_ratio(db))
        figures.extend(libreoffice_ratios(db, work))
        live_db = work / "live.db"
        shutil.copy(db, live_db)
        figures.extend(live_operations(live_db))
        from benchmarks import pilot_latency

        figures.extend(pilot_latency.measure(db, work, "large forum"))
        grown = work / "grown-session.db"
        large_forum.build(grown, session_scale=16)
        figures.extend(pilot_latency.measure(grown, work, "session x16"))
        figures.append(search_latency(db))
        from benchmarks import name_search, registration_import

        figures.extend(name_search.measure())
        figures.append(registration_import.measure())
        figures.append(memory(db))
        from benchmarks import venue_load

        figures.extend(venue_load.measure())
        from benchmarks import delegate_phones

        figures.extend(delegate_phones.measure(source=db))
        _print(figures)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _print(figures: list[Figure]) -> None:
    width = max(len(f.name) for f in figures)
    print()
    print(f"{'figure':<{width}}  {'value':>12}  {'target':>10}  result  note")
    print(f"{'-' * width}  {'-' * 12}  {'-' * 10}  ------  ----")
    for f in figures:
        print(f"{f.name:<{width}}  {f.shown():>12}  {'<= ' + format(f.target, 'g') + ' ' + f.unit:>10}  "
              f"{f.verdict:<6}  {f.note}")
    export = figures[0]
    startup = figures[1]
    p99s = ", ".join(f"{f.name.split(',')[0]} {f.shown()}" for f in figures if "p99" in f.name)
    pdf = next((f for f in figures if f.name.startswith("export to PDF")), None)
    paged = next((f for f in figures if f.name.startswith("export --paginate")), None)
    office = f"; PDF {pdf.shown()} (target <= 1.3); paginate {paged.shown()}" if pdf and paged else ""
    print(f"export {export.shown()} (target <= 0.35); start-up {startup.shown()} (target <= 1.5){office}; p99: {p99s}")


if __name__ == "__main__":
    main()
