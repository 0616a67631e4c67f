"""Compute: the checked content → plain, comparable values (sums, key figures, cards, charts)."""
