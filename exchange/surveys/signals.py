"""What the surveys app announces to the apps downstream of it (analysis), so that it need not import them.

Receivers run synchronously, inside the sender's transaction: a receiver's writes commit or roll back with the
responses they count. The analysis app connects its receivers in `AnalysisConfig.ready`.
"""

from django.dispatch import Signal

# Sent once responses and their answer rows are written. Arguments: `wave`, `responses` (a list of (response, its
# answer rows with their questions and options, organisation kind or "")) and `questionnaire` (the wave's, whose
# routing says which questions each respondent was asked).
responses_written = Signal()

# Sent when a wave closes, after its last waiting responses are released. Argument: `wave`.
wave_closed = Signal()
