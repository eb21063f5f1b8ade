"""The metrics layer: every number the product shows, defined once (spec/metrics.md)."""
