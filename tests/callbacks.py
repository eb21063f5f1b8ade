"""Where Dash keeps the callbacks a page module registered, for the page tests.

Importing a page registers its callbacks in ``dash._callback.GLOBAL_CALLBACK_LIST``; the app's
first request moves them into ``app.callback_map``. A test of a page's callback ids must find
them in either place, whatever ran before it in the session.
"""

from __future__ import annotations

import sys
from typing import Any

import dash


def page_callbacks(prefix: str) -> list[dict[str, Any]]:
    """Every registered callback with an output id starting with ``prefix`` (e.g. "ward-")."""
    specs = [c for c in dash._callback.GLOBAL_CALLBACK_LIST if prefix in c["output"]]
    app_module = sys.modules.get("app")
    if app_module is not None and hasattr(app_module, "app"):
        for output, spec in app_module.app.callback_map.items():
            if prefix in output:
                specs.append({"output": output, "inputs": spec["inputs"], "state": spec["state"]})
    return specs
