"""What the surveys commands share: a wave named on the command line, and a refusal that lists every problem."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.surveys.models import Wave
from exchange.surveys.selectors import wave_by_path


class WaveFileCommand(BaseCommand):
    """A command that reads a file into a wave named as SERIES_SLUG/WAVE_SLUG."""

    def add_arguments(self, parser):
        parser.add_argument("wave", help="SERIES_SLUG/WAVE_SLUG")
        parser.add_argument("file", type=Path)

    @staticmethod
    def wave_from(argument: str) -> Wave:
        wave = wave_by_path(argument)
        if wave is None:
            raise CommandError(f"No wave {argument!r}; give it as SERIES_SLUG/WAVE_SLUG.")
        return wave


def problems_refused(problems: list, *, done: str = "imported") -> CommandError:
    """Nothing was `done`, and why: one problem a line."""
    lines = "\n".join(f"  {problem}" for problem in problems)
    return CommandError(f"Nothing was {done}. {len(problems)} problem(s):\n{lines}")
