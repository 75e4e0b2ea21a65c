# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which peer figures may be shown: the disclosure rule of every output (the assessment's
screen and radar, its XLSX and PDF, the dashboard, the OPSN's anonymised benchmark, the
imported reference benchmark), as pure functions (no database access).

- A group is shown only over at least PEER_FLOOR other collectivities (the viewer's own
  score never counts); each axis is held to the same floor.
- Quartiles only from QUARTILE_FLOOR collectivities; below, the median alone (with 5 to 9
  scores the quartiles are, or nearly are, real scores of the group).
- Below PRECISE_FLOOR collectivities every figure is rounded to the nearest multiple of
  COARSE_STEP points; from PRECISE_FLOOR on, to whole points.

The groups themselves are taken from each collectivity's profile as it stood when its
assessment was submitted (see ``ecoclic.assessment``), so that a référent cannot pick the
groups it reads by editing its own profile.
"""

import math

# An aggregate of other collectivities is shown only when it covers at least this many.
PEER_FLOOR = 5
# The 1st and 3rd quartiles are shown only from this many collectivities.
QUARTILE_FLOOR = 10
# Figures of smaller groups are rounded to COARSE_STEP points.
PRECISE_FLOOR = 20
COARSE_STEP = 5


def coarsen(value, step):
    """`value` rounded half up to a multiple of `step` (as PostgreSQL's round, unlike
    Python's, which rounds half to even)."""
    return int(math.floor(value / step + 0.5)) * step


def step_for(count):
    """The rounding step of the figures of a group of `count` collectivities."""
    return 1 if count >= PRECISE_FLOOR else COARSE_STEP


def publish(count, q1, median, q3):
    """The figures of a group of `count` other collectivities that may be shown, or None.

    `q1`, `median`, `q3` are the exact quartiles (PostgreSQL's ``percentile_cont``; q1 and
    q3 may be None). Returns {count, q1, median, q3, step}, q1 and q3 None below
    QUARTILE_FLOOR; None below PEER_FLOOR.
    """
    if not count or count < PEER_FLOOR or median is None:
        return None
    step = step_for(count)
    quartiles = count >= QUARTILE_FLOOR and q1 is not None and q3 is not None
    return {
        "count": count,
        "q1": coarsen(q1, step) if quartiles else None,
        "median": coarsen(median, step),
        "q3": coarsen(q3, step) if quartiles else None,
        "step": step,
    }


def percentile(values, fraction):
    """PostgreSQL's percentile_cont over `values` (sorted or not)."""
    values = sorted(values)
    position = fraction * (len(values) - 1)
    low, high = math.floor(position), math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


def publish_values(values):
    """publish() of a list of scores (the per-record way, and the tests' attacker)."""
    if not values:
        return None
    return publish(len(values), *(percentile(values, f) for f in (0.25, 0.5, 0.75)))
