"""The views of the documents, one module per document (see :mod:`vereinbarung.documents.context`)."""
