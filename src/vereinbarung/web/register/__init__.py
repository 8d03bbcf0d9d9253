"""The register: agreements stored as their file text, every save a version."""
