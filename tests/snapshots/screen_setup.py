"""What every screen snapshot shares: the sizes, the moment, the delegates' address."""

from __future__ import annotations

import datetime as dt

# The smallest terminal the screens are made for, a laptop's, and a wide screen.
SIZES = [(80, 24), (120, 40), (200, 60)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]

# 10:15 on the demo forum's second day, at the venue (Astana, UTC+6).
MOMENT = dt.datetime(2014, 10, 7, 4, 15, tzinfo=dt.timezone.utc)
# A fixed address for the delegates' links (f2, q), not this machine's.
DELEGATES_URL = "http://192.0.2.10:8000"
