"""Layer boundaries (README, Development): the core runs without the UI; SQL lives only in
roundtable/store."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "roundtable"


def test_core_imports_without_textual():
    code = (
        "import sys\n"
        "import roundtable.domain.models, roundtable.formats.programme, roundtable.store.floor\n"
        "import roundtable.domain.catalogue, roundtable.outcome.assemble, roundtable.workspace\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_sql_only_in_the_store():
    sql = re.compile(r"\.execute\(|\bSELECT\b[^\n]*\bFROM\b|\bINSERT INTO\b|\bUPDATE\b \w+ SET\b")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts and sql.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_imports_run_one_way():
    """No import cycle among roundtable's modules, counting the imports made inside functions and
    those made only for type checking (grimp, which import-linter uses, builds the graph)."""
    import grimp

    graph = grimp.build_graph("roundtable", exclude_type_checking_imports=False, cache_dir=None)  # writes nothing
    cycles = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                cycles.add(" -> ".join(graph.find_shortest_chain(importer=imported, imported=module) + (imported,)))
    assert cycles == set()
