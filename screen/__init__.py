"""The public hall screen ``/man-hinh/<ward_code>`` (product.md, "The hall screen").

Not a Dash page, on purpose: a screen runs for weeks untouched, often in an old smart-TV browser.
Dash's renderer records every input change (each ``dcc.Interval`` tick) in its undo history, which
grows without bound over weeks; this page is server-rendered HTML plus one small ES5 script that
only rewrites text, so its memory stays flat and it runs wherever a browser runs.
"""

from screen.routes import blueprint

__all__ = ["blueprint"]
