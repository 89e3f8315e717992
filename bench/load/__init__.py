"""Rerun latency under load over the real server path, patched vs stock 1.28.2."""
