"""Benchmarks of the patched wheel: ``make bench`` runs ``bench.run``."""
