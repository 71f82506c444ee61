"""Year-on-year change: a question compared with the previous wave of its series by its code, in percentage
points, with a two-proportion z-test at 95% and the bases of both years."""

from dataclasses import dataclass

from exchange.surveys.models import Wave, WaveStatus

from ..results import Options, Result
from ..stats import two_proportion_z_test
from .results import wave_results


@dataclass(frozen=True)
class Change:
    code: str
    figure: str  # "positive" or an option code
    label: str
    previous_wave: Wave
    previous_percent: float
    previous_base: int
    current_percent: float
    current_base: int
    points: float
    significant: bool


def previous_wave(wave: Wave) -> Wave | None:
    earlier = Wave.objects.filter(series=wave.series).exclude(pk=wave.pk).exclude(status=WaveStatus.DRAFT)
    if wave.fieldwork_start:
        earlier = earlier.filter(fieldwork_start__lt=wave.fieldwork_start)
    else:
        earlier = earlier.filter(created_at__lt=wave.created_at)
    return earlier.order_by("-fieldwork_start", "-created_at").first()


def _figures(result: Result) -> dict[str, tuple[str, int, int, bool]]:
    """{figure: (label, count, base, suppressed)} for the overall group."""
    group = result.overall
    figures = {}
    if group.positive:
        figures["positive"] = ("% positive", group.positive.count, group.base, group.suppressed)
    for cell in group.cells:
        if cell.in_base:
            figures[cell.code] = (cell.label, cell.count, group.base, group.suppressed)
    return figures


def wave_changes(*, wave: Wave, current: list[Result] | None = None) -> dict[str, list[Change]]:
    """Changes per result code against the previous wave; figures suppressed in either year are left out."""
    before = previous_wave(wave)
    if before is None:
        return {}
    now = {r.code: r for r in (current if current is not None else wave_results(wave=wave, options=Options()))}
    then = {r.code: r for r in wave_results(wave=before, options=Options())}
    changes: dict[str, list[Change]] = {}
    for code, result in now.items():
        if code not in then or not result.overall.cells:
            continue
        old = _figures(then[code])
        for figure, (label, count, base, hidden) in _figures(result).items():
            if figure not in old or hidden or old[figure][3] or not base or not old[figure][2]:
                continue
            _, old_count, old_base, _ = old[figure]
            test = two_proportion_z_test(old_count, old_base, count, base)
            changes.setdefault(code, []).append(
                Change(
                    code=code,
                    figure=figure,
                    label=label,
                    previous_wave=before,
                    previous_percent=old_count / old_base,
                    previous_base=old_base,
                    current_percent=count / base,
                    current_base=base,
                    points=(count / base - old_count / old_base) * 100,
                    significant=bool(test and test.significant),
                )
            )
    return changes
