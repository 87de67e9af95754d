"""To whom a recommendation is usually addressed at a UN forum: suggestions, not a closed list.

The vocabulary lives in the catalogues (`[addressees]`, en.toml's keys), so that the document
writes each in its own language ("Member States" -> "Государства-члены"); the suggestions the
screen offers are the English wordings until the interface speaks other languages (issue 27.2).
"""

from roundtable.domain.catalogue import catalogue

ADDRESSEES: tuple[str, ...] = tuple(catalogue("en").data.get("addressees", {}).values())
