"""Benchmarks of the patched wheel (``make bench``): see bench/README.md."""
