"""What holds on a day: the one state of an agreement, checks of an agreement, the Umlage.

Everything an adapter shows about an agreement on a day comes from
:func:`vereinbarung.state.day.state_on`; no adapter computes a status of its own.
"""
