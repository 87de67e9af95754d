"""To whom a recommendation is usually addressed at a UN forum: suggestions, not a closed list."""

ADDRESSEES: tuple[str, ...] = (
    "Member States",
    "Governments",
    "UN DESA",
    "United Nations system",
    "International organisations",
    "Regional commissions",
    "Local governments",
    "Parliaments",
    "Private sector",
    "Civil society",
    "Academia",
    "Development partners",
    "Forum participants",
)
