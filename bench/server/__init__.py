"""Real-server rerun latency of a 10,000-option multiselect: ``bench.server``."""
