"""The integer audit of a confidential wave's published figures: the disclosure layer's last check (`protection`).

Sums and differences are not the only way to recover a count. Counts are whole numbers between 0 and the number of
people invited, an answer's count is at most the number who answered, and so on; with those bounds, figures that no
sum or difference gives can still pin a small group's count ("at most 8 of region 2's 8 clinical leads and at least 8
of them": all of them). This module writes what the layer would publish as the attacker would — one unknown count
per atom (organisation × role) and measure (respondents, answered, counted, each answer), an equation per published
figure, the bounds and the links between measures — and asks linear programming (HiGHS) for the least and the most
each small group's count can be, then integer programming where the two are less than two apart. A count pinned to
one value is a disclosure unless it follows from what holds for a whole group of at least k containing it (nobody in
it chose the answer, or everyone invited responded): the convention the layer's property states.

Most counts are cleared without a programme of their own: every solution found (the true counts first, then those of
a few random objectives and of every programme solved) shows a range for every count at once, and a count seen to
take values two or more apart cannot be pinned.

The modules: `measures` (what is audited, and what earlier audits saw), `constraints` (the linear programme of what
is published), `programme` (`Audit`: the bounds of each count, and whether one is pinned), `twins` (the cheap
proof that a count is not pinned: two twin respondents exchanging answers).
"""

from .measures import Measures, Seen
from .programme import Audit

__all__ = ["Audit", "Measures", "Seen"]
