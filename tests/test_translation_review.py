"""docs/translation-review.md lists, for an interpreter, every Russian and Kazakh wording the
catalogues print, as they print it: a wording added or changed without its row fails here."""

from __future__ import annotations

import tomllib
from pathlib import Path

from roundtable.domain.catalogue import PACKAGED

REVIEW = Path(__file__).resolve().parent.parent / "docs" / "translation-review.md"
TABLES = ("labels", "terms", "regions", "addressees", "honorifics", "positions", "organisations", "spoken_in",
          "languages")


def _rows() -> dict[str, str]:
    rows = {}
    for line in REVIEW.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            rows[line.split("`")[1]] = line
    return rows


def _shown(value) -> str:
    return "; ".join(f"{k}: {t}" for k, t in value.items()) if isinstance(value, dict) else value


def test_every_russian_and_kazakh_wording_is_listed_as_it_is_printed():
    rows = _rows()
    for lang in ("ru", "kk"):
        data = tomllib.loads((PACKAGED / f"{lang}.toml").read_text(encoding="utf-8"))
        for table in TABLES:
            for key, value in data.get(table, {}).items():
                row = rows.get(f"{table}.{key}")
                assert row is not None, f"{lang}.toml {table}.{key} is not in {REVIEW.name}"
                assert f" {_shown(value)} |" in row, f"{lang}.toml {table}.{key} reads otherwise than its row: {row}"


def test_the_readme_says_where_the_review_list_is():
    readme = (REVIEW.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "docs/translation-review.md" in readme
