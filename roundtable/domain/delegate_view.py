"""What a delegate's phone shows, as data: the session's floor as the projector shows it (one view
per language, the same for every phone), and each delegate's own request (one per person).

Plain values only (texts, numbers, epoch seconds), so the venue server renders each once per
change and sends the same JSON to every phone of the session (serve/delegate_feed.py). The page's
own texts (labels, sentences) are the page's, per language (serve/delegate_texts.py); here are the
forum's texts: names as the document writes them in that language (domain/wording.py), countries
by the catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from roundtable.domain import clock
from roundtable.domain.countries import country_name
from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain.floor_requests import AskWithRequest, OwnRequest, own_requests, takes_phones
from roundtable.domain.forecast import expected_starts, planned_end
from roundtable.domain.models import Session
from roundtable.domain.timer import WARNING_SECONDS
from roundtable.domain.wording import Wording

NEXT_COUNT = 3  # as the projector (tui/widgets/projector_view.py)
PICK_MARGIN = dt.timedelta(minutes=30)  # a session of today is offered from half an hour before it starts


def _person(entry: FloorEntry, wording: Wording, lang: str) -> dict:
    person = entry.participant
    return {"name": wording.titled_name(person), "country": country_name(person.country, lang) if person.country else "",
            "type": entry.request.speech_type}


def public_view(session: Session, state: FloorState, now: dt.datetime, wording: Wording, lang: str) -> dict:
    """The session's floor for every phone in `lang`. Off-record sessions: their title only."""
    head = {"code": session.code, "title": wording.text(session, "title") or session.title,
            "room": wording.text(session, "room") or "", "offRecord": not takes_phones(session.attribution),
            "mode": session.floor_requests}
    view: dict = {"session": head, "at": round(now.timestamp(), 3)}
    if head["offRecord"]:
        return view
    current = state.current
    floor = None
    if current is not None:
        request = current.request
        floor = _person(current, wording, lang) | {
            "turn": request.id, "elapsed": round(request.elapsed(now), 1), "limit": request.limit_seconds,
            "paused": request.is_paused or state.suspended,
        }
    upcoming = state.next_up(NEXT_COUNT)
    return view | {
        "floor": floor,
        "warnAt": WARNING_SECONDS,
        "suspended": state.suspended,
        "interrupted": [wording.titled_name(e.participant) for e in state.interrupted],
        "next": [_person(e, wording, lang) for e in upcoming],
        "queued": len(state.queue),
        "closed": state.list_closed,
        "closedAuto": state.list_closed_automatically,
    }


def _own(own: OwnRequest, late_after: dt.datetime | None, zone: str | None) -> dict:
    out: dict = {"state": own.state, "type": own.speech_type}
    if own.place is not None:
        out |= {"place": own.place, "of": own.of}
    if own.expected_at is not None:
        out |= {"expectedAt": round(own.expected_at.timestamp()), "expectedClock": f"{clock.local(own.expected_at, zone):%H:%M}",
                "late": late_after is not None and own.expected_at >= late_after}
    if own.since is not None:
        out["since"] = round(own.since.timestamp())
    return out


def own_view(request: OwnRequest, order: OwnRequest, late_after: dt.datetime | None = None,
             zone: str | None = None) -> dict:
    """One delegate's request and point of order; `late_after`: the session's planned end (a turn
    expected after it is marked)."""
    return {"request": _own(request, late_after, zone), "order": _own(order, late_after, zone)}


NOBODY = own_view(OwnRequest(), OwnRequest())


@dataclass(frozen=True)
class Phones:
    """One reading of a session for its phones: the public view per language, the own view of
    every person the floor or the requests name (anyone else's is NOBODY)."""

    public: dict[str, dict]
    own: dict[str, dict]


def phones_view(session: Session, state: FloorState, asks: Iterable[AskWithRequest], now: dt.datetime,
                wordings: dict[str, Wording], zone: str | None = None) -> Phones:
    public = {lang: public_view(session, state, now, wording, lang) for lang, wording in wordings.items()}
    if not takes_phones(session.attribution):
        return Phones(public, {})
    by_person: dict[str, list[AskWithRequest]] = {}
    for ask in asks:
        by_person.setdefault(ask.ask.participant_id, []).append(ask)
    named = set(by_person) | {e.participant.id for e in (*state.queue, *state.interrupted)}
    if state.current is not None:
        named.add(state.current.participant.id)
    starts = expected_starts(state, now)
    end = planned_end(state, session, now, zone)
    own = {pid: own_view(*own_requests(pid, state, by_person.get(pid, []), starts), end, zone) for pid in named}
    return Phones(public, own)


def sessions_to_pick(sessions: Iterable[Session], live: Iterable[str], now: dt.datetime,
                     zone: str | None = None) -> list[Session]:
    """The sessions a delegate may pick: those live now (someone has the floor, or suspended), and
    today's (venue time) from half an hour before they start until they end, in time order."""
    live = set(live)
    today = clock.venue_day(now, zone)
    picked = []
    for session in sessions:
        if session.id in live:
            picked.append(session)
        elif session.date == today:
            start = clock.at_venue(session.date, session.start, zone) - PICK_MARGIN
            end = clock.at_venue(session.date, session.end, zone)
            if start <= now <= end:
                picked.append(session)
    return sorted(picked, key=lambda s: (s.date, s.start, s.code))
