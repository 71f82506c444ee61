from django.db import models


class Section(models.Model):
    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField()
    code = models.SlugField(max_length=64)
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)

    class Meta:
        ordering = ["wave", "position"]
        constraints = [models.UniqueConstraint(fields=["wave", "code"], name="section_code_unique_in_wave")]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    LIKERT = "likert", "Likert scale"
    LIKERT_GRID = "likert_grid", "Grid of Likert items"
    NUMBER = "number", "Number"
    SHORT_TEXT = "short_text", "Short text"
    LONG_TEXT = "long_text", "Long text"
    NOTE = "note", "Note (text shown, not a question)"
    DATE = "date", "Date"
    TIME = "time", "Time"
    CALCULATE = "calculate", "Calculated value"


CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.LIKERT, QuestionKind.LIKERT_GRID}
# Dates and times are answered as ISO text in `Answer.text` ("2024-03-17", "14:30"); results show them by month and
# by hour (see `surveys.answers`).
WHEN_KINDS = {QuestionKind.DATE, QuestionKind.TIME}


class Question(models.Model):
    """A question with a code that stays the same across waves, so a later wave can be compared with an earlier one.
    A note is text shown to respondents in its place: it takes no answer, so it is never required. A calculated value
    is never shown: it is worked out from the other answers at submission (`surveys.rules`)."""

    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    code = models.CharField(max_length=64)
    kind = models.CharField(max_length=16, choices=QuestionKind.choices)
    text = models.CharField(max_length=500)
    help_text = models.CharField(max_length=500, blank=True)
    required = models.BooleanField(default=True)
    min_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    whole_number = models.BooleanField(default=True)
    choice_filter = models.JSONField(
        default=list,
        blank=True,
        help_text="Cascading choices: [column, earlier question code] pairs an option must match (choice_filters).",
    )
    # XLSForm expressions (see `surveys.rules`), checked when written: an answer that breaks `constraint` is refused
    # with `constraint_message`; `required_if`, when set, decides `required`; a calculated value's `calculation`.
    constraint = models.CharField(max_length=1000, blank=True)
    constraint_message = models.CharField(max_length=500, blank=True)
    required_message = models.CharField(max_length=500, blank=True)
    required_if = models.CharField(max_length=1000, blank=True)
    default = models.CharField(max_length=500, blank=True, help_text="Shown filled in when there is no answer yet.")
    readonly = models.BooleanField(default=False, help_text="Shown with its default, not answered.")
    calculation = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "code"], name="question_code_unique_in_wave"),
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Za-z_][A-Za-z0-9_]*$"), name="question_code_identifier"
            ),
            models.CheckConstraint(
                condition=models.Q(min_value__isnull=True)
                | models.Q(max_value__isnull=True)
                | models.Q(max_value__gte=models.F("min_value")),
                name="question_bounds_in_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="note") | models.Q(required=False), name="question_note_never_required"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="calculate") | (models.Q(required=False) & ~models.Q(calculation="")),
                name="question_calculate_has_calculation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"

    @property
    def has_options(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def analysed_as(self) -> str:
        """The kind results and exports treat the question as: a calculated value is a number when its calculation
        always gives one (and is kept as one), else short text; every other question is its own kind."""
        if self.kind != QuestionKind.CALCULATE:
            return self.kind
        from ..expressions.parsing import is_numeric, parse

        return QuestionKind.NUMBER if is_numeric(parse(self.calculation)) else QuestionKind.SHORT_TEXT


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField()
    code = models.CharField(max_length=64)
    label = models.CharField(max_length=300)
    is_positive = models.BooleanField(
        default=False, help_text="Counts towards '% positive' (e.g. agree, strongly agree)."
    )
    excluded_from_base = models.BooleanField(
        default=False, help_text="Reported, but not in the base (e.g. don't know)."
    )
    filters = models.JSONField(default=dict, blank=True, help_text="Columns a cascading question's filter matches.")

    class Meta:
        ordering = ["question", "position"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="option_code_unique_in_question")]

    def __str__(self) -> str:
        return self.label


class GridItem(models.Model):
    """One row of a Likert grid; it has its own code and is answered on the grid's options."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="grid_items")
    position = models.PositiveIntegerField()
    code = models.CharField(max_length=64)
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["question", "position"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="grid_item_code_unique_in_question")]

    def __str__(self) -> str:
        return self.text


class ConditionOperator(models.TextChoices):
    EQUALS = "equals", "equals"
    ANY_OF = "any_of", "is any of"
    NOT = "not", "is not any of"


class Condition(models.Model):
    """'Ask only if': the question is asked when every one of its conditions holds."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="conditions")
    source = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="dependents")
    operator = models.CharField(max_length=8, choices=ConditionOperator.choices)
    values = models.JSONField(default=list, help_text="Option codes of the source question.")

    def __str__(self) -> str:
        return f"{self.source.code} {self.get_operator_display()} {', '.join(self.values)}"
