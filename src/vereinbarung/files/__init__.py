"""Reading and writing agreement files (YAML 1.2 and JSON): German errors, atomic writes."""
