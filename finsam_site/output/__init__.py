"""Output: pages → bytes → the output folder (templates, PDF, open data, search, the writer)."""
