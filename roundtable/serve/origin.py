"""Which pages may open a websocket to the server.

A browser sends the Origin of the page that opens a websocket, and sends cookies with it whatever
that page is: without this check, any web page open on the projector laptop (an e-mail, an
advertisement) could drive the forum with that laptop's key. Only pages of the server itself are
accepted: the public URL's origin, and the loopback names when the server listens on loopback.
A request without an Origin is refused too (every browser sends one).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from roundtable.serve.network import Listening

DEFAULT_PORTS = {"http": 80, "https": 443}


def normalised(origin: str) -> str | None:
    """`scheme://host:port` in lower case with the port always written; None if not an origin."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.path or parts.query or port is None:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host.lower()}:{port}"


def allowed_origins(listening: Listening, port: int) -> frozenset[str]:
    allowed = {normalised(listening.public_url)}
    if listening.loopback_only:
        scheme = urlsplit(listening.public_url).scheme
        for host in ("127.0.0.1", "localhost", "[::1]"):
            allowed.add(normalised(f"{scheme}://{host}:{port}"))
    return frozenset(a for a in allowed if a)


def origin_allowed(header: str | None, allowed: frozenset[str]) -> bool:
    return header is not None and normalised(header) in allowed
