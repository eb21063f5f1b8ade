"""``python -m etl``: the loader's command line."""

from etl.cli import app

app(prog_name="python -m etl")
