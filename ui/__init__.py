"""Shared Dash components and Vietnamese formatting; imports nothing of ours but kpi types."""
