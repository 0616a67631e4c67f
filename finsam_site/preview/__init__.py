"""Preview: what `serve` keeps between builds, and the server."""
