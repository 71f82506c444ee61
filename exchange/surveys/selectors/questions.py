"""Reading a wave's questions."""

from ..models import Question, QuestionKind, Wave


def text_question_get(*, wave: Wave, code: str) -> Question | None:
    """The free-text question `code` of `wave`, if it is one."""
    return wave.questions.filter(code=code, kind__in=[QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT]).first()
