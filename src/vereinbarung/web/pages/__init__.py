"""The pages of the register: views, forms, templates, static files (htmx vendored)."""
