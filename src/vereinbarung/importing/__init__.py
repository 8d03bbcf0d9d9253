"""Existing agreement texts (.docx, .txt, .md) into agreement files, with provenance."""
