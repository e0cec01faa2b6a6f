"""Benchmarks: each `bench_*.py` module prints its figures beside a floor measured in the same run."""
