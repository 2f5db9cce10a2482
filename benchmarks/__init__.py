"""Build benchmark: the same generated blog built plain, with Material's blog, and with folio.

Run it with `python -m benchmarks --posts 1000` (or `make bench BENCH_ARGS=...`).
"""
