"""ETL: read one-stop exports, validate, resolve wards and load them into the DuckDB warehouse."""
