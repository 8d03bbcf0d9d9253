"""The subscribed calendar: ``/kalender/<token>.ics`` per user (secret, renewable)."""
