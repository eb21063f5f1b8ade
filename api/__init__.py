"""The public JSON/CSV API (data-contract §5): read-only aggregates under ``/api/v1``.

``app.py`` registers :data:`blueprint` on the Flask server; everything else lives in
:mod:`api.routes`.
"""

from api.routes import blueprint

__all__ = ["blueprint"]
