"""Annex I, the list of participants, grouped as UN lists of participants are.

Member States first (government participants, by country in the document language's alphabetical
order), then observer States, then international organisations (by organisation: their staff are
never listed by nationality), then the others by category. Each entry: honorific and name, position,
organisation; never an email. People marked as not attending or not to be published are left out.
Everyone else is listed, registered or added on the spot, whatever the attribution of the
sessions they spoke in: being on the list of participants is not attribution.
"""

from __future__ import annotations

from collections import defaultdict

from roundtable.domain.models import Participant
from roundtable.domain.regions import OBSERVER, is_member_state, regional_group
from roundtable.domain.vocabulary import CATEGORIES
from roundtable.domain.wording import Wording
from roundtable.outcome import model

# The categories listed after the States and the international organisations, in this order.
OTHER_CATEGORIES = tuple(c for c in CATEGORIES if c not in ("government", "international-organisation"))


def _family_key(person: Participant, w: Wording) -> tuple:
    name = w.name(person)  # as the document writes it: Cyrillic names in Cyrillic order
    words = name.split()
    return w.cat.sort_key(words[-1] if words else ""), w.cat.sort_key(name)


def _group(title: str, people: list[Participant], w: Wording, organisation: bool = True) -> model.ParticipantGroup:
    ordered = sorted(people, key=lambda p: _family_key(p, w))
    return model.ParticipantGroup(title, [
        model.ListedParticipant(w.titled_name(p), w.position(p), w.organisation(p) if organisation else "")
        for p in ordered
    ])


def _section(title: str, groups: dict[str, list[Participant]], w: Wording, organisation: bool = True) -> model.ParticipantSection:
    return model.ParticipantSection(title, [
        _group(name, groups[name], w, organisation) for name in sorted(groups, key=w.cat.sort_key)
    ])


def list_of_participants(people: list[Participant], w: Wording) -> list[model.ParticipantSection]:
    """The sections of Annex I, in the UN's order; empty sections left out. Names, positions and
    organisations as `w` writes them in the document's language."""
    cat = w.cat
    members: dict[str, list[Participant]] = defaultdict(list)
    observers: dict[str, list[Participant]] = defaultdict(list)
    organisations: dict[str, list[Participant]] = defaultdict(list)
    others: dict[str, list[Participant]] = defaultdict(list)
    for person in people:
        if not (person.attending and person.publish):
            continue
        if person.category == "government" and is_member_state(person.country):
            members[cat.country(person.country)].append(person)
        elif person.category == "government" and regional_group(person.country) == OBSERVER:
            observers[cat.country(person.country)].append(person)
        elif person.category == "international-organisation":
            organisations[w.organisation(person) or cat.label("no_organisation")].append(person)
        else:
            category = person.category if person.category in OTHER_CATEGORIES else "other"
            others[category].append(person)
    sections = []
    if members:
        sections.append(_section(cat.label("member_states"), members, w))
    if observers:
        sections.append(_section(cat.label("observer_states"), observers, w))
    if organisations:
        sections.append(_section(cat.label("international_organisations"), organisations, w, organisation=False))
    for category in OTHER_CATEGORIES:
        if others.get(category):
            sections.append(model.ParticipantSection(cat.term(category), [_group("", others[category], w)]))
    return sections
