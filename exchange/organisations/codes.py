"""The shapes of the codes that name NHS and local government bodies, shared by the models' checks and the
importers, so that the admin and a file are held to the same rule."""

import re

# An upper-tier local authority, whose health and wellbeing board it hosts: a unitary authority (E06), a
# metropolitan district (E08), a London borough or the City (E09) or a county council (E10).
UPPER_TIER_LOCAL_AUTHORITY = re.compile(r"^E(06|08|09|10)\d{6}$")
CCG = re.compile(r"^E38\d{6}$")
AREA_TEAM = re.compile(r"^E39\d{6}$")
# The ODS code of a GP practice: a capital letter and five digits (e.g. P81001).
GP_PRACTICE = re.compile(r"^[A-Z]\d{5}$")
