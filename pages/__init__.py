"""One module per URL, discovered by Dash pages (``use_pages=True``)."""
