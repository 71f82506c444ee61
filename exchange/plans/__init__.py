"""Plans and mutual assurance: a commissioner's plan reviewed by Health and Wellbeing Boards, a clinical senate,
its member practices and the NHS England area team, each with exactly the power it has (`powers.py`), and the
commissioner rating each reviewer's conduct in return."""
