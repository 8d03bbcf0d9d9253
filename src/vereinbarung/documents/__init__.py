"""Word documents from docxtpl templates: sandboxed environment, document views, checks."""
