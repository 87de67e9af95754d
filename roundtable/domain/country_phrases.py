"""How a document names a country's delegate in a `by-country` session.

Interim version (issue 5): the phrase is built from the country's short name without declension.
The version with exact Russian genitive forms replaces this module; its signature is the same.
"""

from roundtable.domain.countries import country_name


def representative_of(code: str | None, lang: str = "en") -> str:
    """ "The representative of Kazakhstan" / "Представитель Казахстан" / "Қазақстан өкілі"."""
    name = country_name(code, lang) if code else ""
    if lang == "ru":
        return f"Представитель {name}".strip() if name else "Представитель"
    if lang == "kk":
        return f"{name} өкілі" if name else "Өкіл"
    return f"The representative of {name}" if name else "A representative"
