"""The JSON API for other applications (django-ninja): deadlines, agreements, events."""
