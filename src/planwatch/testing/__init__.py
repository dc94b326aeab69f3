"""Helpers for tests and benchmarks (need the ``test`` extra): render plans into real documents."""
