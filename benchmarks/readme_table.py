"""Writes the README's benchmark tables from a run's figures (the JSON `make bench` writes).

    python -m benchmarks.readme_table [RESULTS.json] [--readme README.md] [--print]

By default it reads the last full run (`benchmarks/last-full-run.json`, from `make bench-full`)
and replaces what lies between the README's `<!-- bench-table:start -->` and
`<!-- bench-table:end -->` lines; `--print` prints the tables instead. A missed target is in bold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"
OPERATIONS = ("add speaker", "next speaker", "save note", "save recommendation")
FORUMS = (("large-forum", "large forum"), ("session-x16", "session ×16"))


def _bold(text: str, missed: bool) -> str:
    return f"**{text}**" if missed else text


def _shown(f: dict, digits: int) -> str:
    return _bold(f"{f['value']:.{digits}f}", f["verdict"] == "FAIL")


def _interval(f: dict) -> str:
    return f"[{f['low']:.2f}–{f['high']:.2f}]" if f.get("low") is not None else ""


def _value(f: dict) -> str:
    unit = f["unit"]
    return "—" if f["value"] is None else f"{f['value']:.2f} {unit}".strip()


def tables(run: dict) -> str:
    figures = run["figures"]
    by_key = {f["key"]: f for f in figures if f.get("key")}
    kind = "full run (`make bench-full`)" if run.get("full") else "run of `make bench`"
    lines = [f"Last {kind}: {run['date']}, {run['machine']}, {run['wall_seconds'] / 60:.1f} min. "
             "In brackets, the 95% interval over the rounds (benchmarks/rounds.py).", "",
             "| figure | value | target | result |", "|---|---|---|---|"]
    for f in figures:
        if f.get("key", "").startswith("pilot:"):
            continue
        interval = f" {_interval(f)}" if f.get("low") is not None else ""
        rounds = f" ({f['rounds']} rounds)" if f.get("rounds") else ""
        note = f" ({f['note']})" if f.get("note") else ""
        lines.append(f"| {f['name']}{note} | {_bold(_value(f) + interval, f['verdict'] == 'FAIL')}{rounds} "
                     f"| ≤ {f['target']:g} {f['unit']} | {f['verdict']} |".replace("  ", " "))
    if any(k.startswith("pilot:") for k in by_key):
        lines += ["", "Key press to screen updated, every key of the operation a sample (targets: p99 ≤ 50 ms, "
                  "and p50 and p99 ≤ 1.0 × the reference's):", "",
                  "| operation | " + " | ".join(f"{label}: p50 / p99 | ratio to reference p50 / p99" for _, label in FORUMS)
                  + " |", "|---" * (1 + 2 * len(FORUMS)) + "|"]
        for op in OPERATIONS:
            cells = [op]
            for slug, _ in FORUMS:
                base = f"pilot:{slug}:{op.replace(' ', '-')}:"
                p99, r50, r99 = (by_key.get(base + k) for k in ("p99-ms", "p50-ratio", "p99-ratio"))
                if not p99:
                    cells += ["—", "—"]
                    continue
                cells.append(f"{p99['detail']['ours_p50_ms']:.1f} / {_shown(p99, 1)} ms")
                cells.append(f"{_shown(r50, 2)} {_interval(r50)} / {_shown(r99, 2)} {_interval(r99)}")
            lines.append("| " + " | ".join(cells) + " |")
        rounds = sorted({f["rounds"] for k, f in by_key.items() if k.startswith("pilot:")})
        lines += ["", f"Rounds: {', '.join(map(str, rounds))} (per forum)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.readme_table")
    parser.add_argument("results", nargs="?", type=Path, default=ROOT / "benchmarks" / "last-full-run.json")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument("--print", action="store_true", dest="just_print")
    args = parser.parse_args(argv)
    if not args.results.exists():
        print(f"{args.results}: no such file; run `make bench-full` first", file=sys.stderr)
        return 2
    block = tables(json.loads(args.results.read_text(encoding="utf-8")))
    if args.just_print:
        print(block)
        return 0
    text = args.readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"{args.readme}: no {START} … {END} lines to write between", file=sys.stderr)
        return 2
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    args.readme.write_text(f"{head}{START}\n{block}\n{END}{tail}", encoding="utf-8")
    print(f"{args.readme}: benchmark tables written from {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
