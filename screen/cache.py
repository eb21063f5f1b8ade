"""The figures every hall screen shares, computed once per data version and province.

Thousands of screens poll every minute. Their figures change only when a load lands (a new data
version), when the day changes, or, when loaded records run ahead of the clock (an export taken at
the end of the day), as the clock catches up with them; the key holds exactly those, so one query
per province answers every screen of it. A lock per key makes a crowd of screens that all ask
right after a load wait for one computation instead of each running its own.
"""

from __future__ import annotations

# The cache itself lives in kpi/ (the overview's results use it too).
from kpi.cache import SharedCache as SharedCache
