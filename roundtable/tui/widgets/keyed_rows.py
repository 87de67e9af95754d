"""A DataTable whose rows are keyed by id and brought up to date in place.

Only cells whose value changed are touched, rows that left are removed and new ones added, so a
100-entry queue redraws only what moved. The queue and the list of interventions given use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.widgets import DataTable


class KeyedRows(DataTable):
    COLUMNS: Sequence[tuple[str, str]] = ()  # (key, label)

    def __init__(self, **kwargs):
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        for key, label in self.COLUMNS:
            self.add_column(label, key=key)

    def sync_rows(self, rows: Iterable[tuple[str, tuple]], fixed_width: frozenset[str] = frozenset()) -> bool:
        """Make the table hold `rows` ((key, cells) in order); True when a row was added or a
        value of the "place" column changed (the caller re-sorts). Columns in `fixed_width` do not
        re-measure their width when a cell changes."""
        rows = list(rows)
        wanted = {key for key, _ in rows}
        for row_key in list(self.rows):
            if row_key.value not in wanted:
                self.remove_row(row_key)
        reordered = False
        for key, cells in rows:
            if key in self.rows:
                for (column, _), value in zip(self.COLUMNS, cells):
                    if self.get_cell(key, column) != value:
                        self.update_cell(key, column, value, update_width=column not in fixed_width)
                        reordered |= column == "place"
            else:
                self.add_row(*cells, key=key)
                reordered = True
        return reordered
