"""The app's boundary with the network: users, sign-in, the access map, limits and headers.

``web.users`` is the users' own database (no Flask; the ``etl users`` CLI uses it); the rest
wraps the Flask server of app.py (product.md Access, quality.md Security).
"""
