from django.db import models

BASE_ROW = 0  # option_id of the row counting respondents who answered (the base, before exclusions)
COUNTED_ROW = -1  # option_id of the row counting respondents with at least one answer that is in the base
ASKED_ROW = -2  # option_id of the row counting respondents a routed question was asked of (routed in)
RESPONSES = 0  # question_id of the rows counting respondents (option_id BASE_ROW): everyone asked an unrouted question
# The keys the tallies are upserted on (one row per key), in the order of their unique constraints.
TALLY_KEY = (
    "wave_id",
    "question_id",
    "grid_item_id",
    "option_id",
    "region_id",
    "area_team_id",
    "role",
    "organisation_kind",
)
CROSS_TALLY_KEY = ("wave_id", "by_question_id", "by_option_id", "question_id", "grid_item_id", "option_id", "role")


class AnswerTally(models.Model):
    """Counts of answers kept up to date as responses arrive, by the attributes analysis breaks down by.

    One row per wave × question × grid item × option × region × area team × role × organisation kind, so an
    analysis of every question, overall or by any of those, reads a few thousand rows instead of every answer.
    Plain integers rather than foreign keys: 0 stands for "none" (no grid item, no region) so the key has no
    NULLs and an upsert can find its row.
    """

    wave_id = models.BigIntegerField()
    question_id = models.BigIntegerField()
    grid_item_id = models.BigIntegerField(default=0)
    option_id = models.BigIntegerField(default=BASE_ROW)
    region_id = models.BigIntegerField(default=0)
    area_team_id = models.BigIntegerField(default=0)
    role = models.CharField(max_length=32, default="", blank=True)
    organisation_kind = models.CharField(max_length=32, default="", blank=True)
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=list(TALLY_KEY), name="answer_tally_key")]
        indexes = [models.Index(fields=["wave_id", "question_id"])]

    def __str__(self) -> str:
        return f"wave {self.wave_id} question {self.question_id} option {self.option_id}: {self.count}"


class CrossTally(models.Model):
    """Counts for breakdowns by another question's answer, kept up to date as responses arrive: one row per wave ×
    breakdown question × its option × question × grid item × option × role.

    The breakdown questions are those a respondent answers with one option (single choice and Likert). Only option
    rows are kept for questions that take one answer per respondent (their bases are sums of the option rows); multiple
    choice, numbers and text add BASE_ROW and COUNTED_ROW, and routed questions ASKED_ROW. Role is in the key so a
    table restricted to some roles reads the same rows.
    """

    wave_id = models.BigIntegerField()
    by_question_id = models.BigIntegerField()
    by_option_id = models.BigIntegerField()
    question_id = models.BigIntegerField()
    grid_item_id = models.BigIntegerField(default=0)
    option_id = models.BigIntegerField(default=BASE_ROW)
    role = models.CharField(max_length=32, default="", blank=True)
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=list(CROSS_TALLY_KEY), name="cross_tally_key")]
        indexes = [models.Index(fields=["wave_id", "by_question_id"])]

    def __str__(self) -> str:
        return f"wave {self.wave_id} by {self.by_question_id}={self.by_option_id} question {self.question_id}"


class HeadlineStatement(models.Model):
    """A sentence an analyst wants reported for a wave: the share choosing some options of one question."""

    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="headlines")
    result_code = models.CharField(max_length=130, help_text="Question code, or code_item for a grid item.")
    option_codes = models.JSONField(default=list)
    predicate = models.CharField(max_length=300, help_text="Completes: '84.2% of respondents (80 of 95) …'")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.result_code}: {self.predicate}"


class Theme(models.Model):
    """A theme an analyst tags free-text comments with, per wave."""

    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["wave", "name"], name="theme_name_unique_in_wave")]

    def __str__(self) -> str:
        return self.name


class CommentCoding(models.Model):
    """An analyst's coding of one free-text answer: its themes, and whether to quote it in reports."""

    answer = models.OneToOneField("surveys.Answer", on_delete=models.CASCADE, related_name="coding")
    themes = models.ManyToManyField(Theme, blank=True, related_name="codings")
    quote = models.BooleanField(default=False)
    # Free text can name its writer: in a confidential wave's response-level export a comment appears only once
    # an analyst has read it and cleared it (see analysis.disclosure).
    cleared_for_export = models.BooleanField(
        default=False, help_text="Reviewed: names nobody and can be released in response-level exports."
    )

    def __str__(self) -> str:
        return f"Coding of answer {self.answer_id}"


class DisclosureDecision(models.Model):
    """A confidential wave's disclosure decision (`protection.Protection`, pickled) for one state of the wave: its
    respondents, frame, answers, threshold and access, as `protection._digest` sums them up.

    In the database rather than a cache: the decision takes tens of seconds to work out, and once published it must
    stay as it was while the wave does (a decision worked out again could hide other groups, and the two sets of
    figures together could give small groups away). Only the latest state's decisions are kept for a wave."""

    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)
    per_question = models.BooleanField()
    decision = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "digest", "per_question"], name="disclosure_decision_once")
        ]

    def __str__(self) -> str:
        return f"Disclosure decision for wave {self.wave_id} ({self.digest})"
