"""One measured figure of `make bench`: its value, its target (never loosened) and the verdict.

A figure measured over repeated rounds also carries its 95% confidence interval (`low`, `high`,
from benchmarks/rounds.py) and how many rounds it took; `key` names it stably for the README table
(benchmarks/readme_table.py), whatever its printed name says.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    target: float
    note: str = ""
    low: float | None = None
    high: float | None = None
    rounds: int | None = None
    key: str = ""
    detail: dict[str, float] = field(default_factory=dict)  # the numbers behind a ratio, for the README table

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "skip"
        return "pass" if self.value <= self.target else "FAIL"

    def shown(self) -> str:
        if self.value is None:
            return "—"
        return f"{self.value:.2f} {self.unit}".strip()

    def interval(self) -> str:
        """'[0.81–0.90]', the 95% confidence interval, or '' when the figure has none."""
        if self.low is None or self.high is None:
            return ""
        return f"[{self.low:.2f}–{self.high:.2f}]"

    def as_dict(self) -> dict:
        return {**asdict(self), "verdict": self.verdict}
