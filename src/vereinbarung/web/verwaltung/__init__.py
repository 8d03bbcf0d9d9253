"""User administration in the browser for *Verwalten* (issue 26): users, roles, API keys and
calendar addresses of others, second factors and login lockouts; every change logged."""
