"""Rights per Fachbereich and Kommune, one permission check, second-person approval (issue 26).

* :mod:`.models`: Kommune, Fachbereich, Membership, PendingAct.
* :mod:`.grants`: which roles a user holds where; :func:`.grants.set_memberships`.
"""
