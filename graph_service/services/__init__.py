"""Service functions: what the CLI and the API both call."""
