"""The figures every hall screen shares, computed once per data version and province.

Thousands of screens poll every minute. Their figures change only when a load lands (a new data
version), when the day changes, or, when loaded records run ahead of the clock (an export taken at
the end of the day), as the clock catches up with them. The key holds the version, the province
and the day, so one query per province answers every screen of it; the clock's minute is the
entry's tag, so when only the clock moved a screen gets the previous minute's figures at once
while the new ones are computed in the background (:class:`kpi.cache.SharedCache`).
"""

from __future__ import annotations

# The cache itself lives in kpi/ (the overview's results use it too).
from kpi.cache import SharedCache as SharedCache
