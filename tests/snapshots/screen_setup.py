"""What every screen snapshot shares: the sizes, the moment, the delegates' address."""

from __future__ import annotations

import datetime as dt

# The smallest terminal the screens are made for, a laptop's, and a wide screen.
SIZES = [(80, 24), (120, 40), (200, 60)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]

# 15:30 on the demo forum's second day: D2-PLEN is over, D2-RT (15:00–17:00) runs. The demo names
# no time zone, so the venue's is this machine's: the snapshots set it to UTC (conftest.py).
MOMENT = dt.datetime(2014, 10, 7, 15, 30, tzinfo=dt.timezone.utc)
# A fixed address for the delegates' links (f2, q), not this machine's.
DELEGATES_URL = "http://192.0.2.10:8000"
