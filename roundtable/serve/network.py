"""Where the server listens and the URL browsers are given: the machine's address on the venue
network, never the 0.0.0.0 it binds to (a page pointing a browser at 0.0.0.0 cannot work from
another machine)."""

from __future__ import annotations

import fcntl
import ipaddress
import socket
import struct
from dataclasses import dataclass
from urllib.parse import urlsplit

SIOCGIFADDR = 0x8915  # Linux ioctl: the IPv4 address of an interface
LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}
# A TEST-NET address: connecting a UDP socket to it sends nothing, but makes the kernel choose the
# interface (and so the source address) it would route through.
PROBE_ADDRESS = "192.0.2.1"


class NetworkError(Exception):
    """A host, interface or URL that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Listening:
    bind: str
    """The address handed to the socket."""
    public_url: str
    """scheme://host:port that browsers are told to use, without a trailing slash."""

    @property
    def origin(self) -> str:
        return self.public_url

    @property
    def loopback_only(self) -> bool:
        return is_loopback(self.bind)


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def interface_address(name: str) -> str | None:
    """The IPv4 address of the network interface `name` (eth0, wlan0, ...), None if it has none."""
    if name not in {n for _, n in socket.if_nameindex()}:
        return None
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            packed = fcntl.ioctl(probe.fileno(), SIOCGIFADDR, struct.pack("256s", name.encode()[:15]))
        except OSError:
            return None
    return socket.inet_ntoa(packed[20:24])


def primary_address() -> str | None:
    """The address this machine would use to reach the network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect((PROBE_ADDRESS, 9))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("0.") else address


def listening(host: str, port: int, https: bool, public_url: str | None = None) -> Listening:
    """Resolve `--host` (an address, a host name or an interface name) and the URL to print.

    Raises NetworkError for an interface without an address, an unknown host or a bad URL.
    """
    bind = host
    if not _is_address(host) and host.lower() not in LOOPBACK_NAMES:
        address = interface_address(host)
        if address is not None:
            bind = address
        else:
            try:
                bind = socket.gethostbyname(host)
            except OSError:
                raise NetworkError(f"--host: {host} is neither an address, a host name nor a network interface of this machine") from None
    scheme = "https" if https else "http"
    if public_url is not None:
        return Listening(bind, _checked_url(public_url))
    shown = bind
    if bind in ("0.0.0.0", "::"):
        shown = primary_address()
        if shown is None:
            raise NetworkError(f"--host {host}: this machine has no network address to give browsers; "
                               "name an interface or an address, or give --public-url")
    elif bind.lower() in LOOPBACK_NAMES:
        shown = "127.0.0.1"
    if ":" in shown:
        shown = f"[{shown}]"
    default_port = 443 if https else 80
    return Listening(bind, f"{scheme}://{shown}" + ("" if port == default_port else f":{port}"))


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _checked_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") or parts.query:
        raise NetworkError(f"--public-url: {url!r} is not of the form http(s)://HOST[:PORT]")
    return f"{parts.scheme}://{parts.netloc}"
