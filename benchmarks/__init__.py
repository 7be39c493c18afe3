"""Benchmarks for armscontrol: a seeded record generator and a side-by-side runner."""
