"""One measured figure of `make bench`: its value, its target (never loosened) and the verdict."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    target: float
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "skip"
        return "pass" if self.value <= self.target else "FAIL"

    def shown(self) -> str:
        if self.value is None:
            return "—"
        return f"{self.value:.2f} {self.unit}".strip()
