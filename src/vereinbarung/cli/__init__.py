"""The command line ``vereinbarung`` (click), German throughout; the only reader of the clock.

The program does not use pydantic plugins (entry points of the group ``pydantic``): looking
for them scans the metadata of every installed package on the first model built, a tenth of
the start-up of a one-file ``deadlines``. The command line therefore sets
``PYDANTIC_DISABLE_PLUGINS=__all__`` unless the environment already sets it (pydantic's
documented switch); the library alone (``import vereinbarung``) leaves the environment as it is.
"""

import os

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
