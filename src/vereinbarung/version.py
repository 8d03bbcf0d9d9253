"""The version of the package (one place, read by the documents and the command line)."""

__version__ = "0.1.0"
