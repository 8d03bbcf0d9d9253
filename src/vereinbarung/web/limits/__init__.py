"""Rate limits per client address on the pages and API open to anyone (issue 20)."""
