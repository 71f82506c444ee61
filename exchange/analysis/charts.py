"""Server-side SVG charts. Each has a title and a description for screen readers, and the page shows its data
table next to it, so nothing is only in the picture. Colours are NHS.UK palette colours with text contrast.

Each chart is drawn twice on a page: wide (labels beside the bars, 640 units across) and narrow (labels above the
bars, 360 units across, so that at a phone's width the text is drawn at about its own size rather than half of it);
CSS shows one. The PDF takes the wide one."""

from dataclasses import dataclass
from html import escape

from .results import Group, Result

BLUE, DARK_BLUE, GREY, PALE = "#005eb8", "#003087", "#768692", "#d8dde0"
POSITIVE = ["#78be20", "#007f3b"]  # agree, then strongly agree further out
NEGATIVE = ["#aeb7bd", "#ffb81c", "#d5281b"]  # neutral by the centre, strongest disagreement furthest
BAR_HEIGHT, GAP = 22, 10


@dataclass(frozen=True)
class Layout:
    width: int  # chart units across
    label_width: int  # room for labels left of the bars; 0 when labels sit above them
    legend_columns: int

    @property
    def label_height(self) -> int:
        return 0 if self.label_width else 18

    @property
    def row(self) -> int:
        return BAR_HEIGHT + GAP + self.label_height


WIDE = Layout(width=640, label_width=230, legend_columns=3)
NARROW = Layout(width=360, label_width=0, legend_columns=1)


def _svg(chart_id: str, title: str, description: str, height: int, body: str, layout: Layout = WIDE) -> str:
    return (
        f'<svg class="exchange-chart" viewBox="0 0 {layout.width} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def _label(y: float, text: str, layout: Layout = WIDE) -> str:
    """A bar's label: right-aligned beside it, or above it (y is then the label's row)."""
    if not layout.label_width:
        return f'<text x="0" y="{y + 13}" font-size="14" fill="#212b32">{escape(text[:48])}</text>'
    return (
        f'<text x="{layout.label_width - 8}" y="{y + 16}" text-anchor="end" font-size="14" fill="#212b32">'
        f"{escape(text[:34])}</text>"
    )


def _describe(group: Group) -> str:
    if group.suppressed:
        return f"{group.label}: too few answers to show."
    parts = [
        f"{cell.label} {cell.percent * 100:.0f}%" for cell in group.cells if cell.percent is not None and cell.in_base
    ]
    return f"{group.label} (base {group.base}): " + ", ".join(parts) + "."


def bar_chart(result: Result, chart_id: str, layout: Layout = WIDE) -> str:
    """Horizontal bars, one per option, for single and multiple choice; one per month or hour for dates and times."""
    group = result.overall
    cells = [cell for cell in group.cells if cell.in_base]
    rows = []
    left = layout.label_width
    for index, cell in enumerate(cells):
        top = index * layout.row
        y = top + layout.label_height
        share = 0 if group.suppressed or cell.percent is None else cell.percent
        length = (layout.width - left - 60) * share
        value = "*" if group.suppressed else f"{share * 100:.0f}%"
        rows.append(
            _label(top, cell.label, layout)
            + f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{BLUE}"/>'
            f'<text x="{left + length + 6:.1f}" y="{y + 16}" font-size="14" fill="#212b32">{value}</text>'
        )
    height = max(1, len(cells)) * layout.row
    return _svg(chart_id, result_title(result), _describe(group), height, "".join(rows), layout)


def diverging_chart(result: Result, chart_id: str, layout: Layout = WIDE) -> str:
    """Likert scales: positive options to the right of the centre line, the others to the left; one bar for
    all respondents and one per group shown. Options kept out of the base are not drawn."""
    groups = [result.overall, *result.groups]
    in_base, colours = _colours(result)
    centre = layout.label_width + (layout.width - layout.label_width) / 2
    half = (layout.width - layout.label_width) / 2 - 10
    rows = []
    for index, group in enumerate(groups):
        top = index * layout.row + 20
        y = top + layout.label_height
        rows.append(_label(top, group.label, layout))
        if group.suppressed or not group.base:
            rows.append(f'<text x="{centre + 6}" y="{y + 16}" font-size="14" fill="#212b32">*</text>')
            continue
        cells = [cell for cell in group.cells if cell.in_base]
        positive = [cell for cell in cells if _is_positive(result, cell.code)]
        negative = [cell for cell in cells if not _is_positive(result, cell.code)]
        x = centre
        for cell in reversed(positive):
            width = half * (cell.percent or 0)
            rows.append(_segment(x, y, width, colours[cell.code], cell.percent))
            x += width
        x = centre
        for cell in negative:
            width = half * (cell.percent or 0)
            x -= width
            rows.append(_segment(x, y, width, colours[cell.code], cell.percent))
    bottom = len(groups) * layout.row + 20
    rows.append(f'<line x1="{centre}" y1="10" x2="{centre}" y2="{bottom}" stroke="#212b32"/>')
    rows.append(f'<text x="{centre + 6}" y="12" font-size="12" fill="#212b32">positive →</text>')
    rows.append(f'<text x="{centre - 6}" y="12" font-size="12" text-anchor="end" fill="#212b32">← other answers</text>')
    legend, legend_height = _legend(in_base, colours, bottom + 8, layout)
    rows.append(legend)
    description = " ".join(_describe(group) for group in groups)
    return _svg(chart_id, result_title(result), description, bottom + 8 + legend_height, "".join(rows), layout)


# Segment colours and the text colour that keeps 4.5:1 contrast on each.
TEXT_ON = {"#78be20": "#212b32", "#007f3b": "#ffffff", "#aeb7bd": "#212b32", "#ffb81c": "#212b32", "#d5281b": "#ffffff"}
MIN_LABELLED = 30  # a segment narrower than this (in chart units) carries no value: it would not fit


def _colours(result: Result) -> tuple[list, dict]:
    """Each option in the base, in the question's order, with its colour: positive options green (the strongest
    darkest), the others from neutral grey at the centre to red furthest out."""
    in_base = [option for option in result.question.options.all() if not option.excluded_from_base]
    positive = [option for option in in_base if option.is_positive]
    negative = [option for option in in_base if not option.is_positive]
    colours = {option.code: POSITIVE[(len(positive) - 1 - n) % 2] for n, option in enumerate(positive)}
    colours |= {option.code: NEGATIVE[n % 3] for n, option in enumerate(negative)}
    return in_base, colours


def _segment(x: float, y: float, width: float, colour: str, share: float | None) -> str:
    text = ""
    if share is not None and width >= MIN_LABELLED:
        text = (
            f'<text x="{x + width / 2:.1f}" y="{y + 16}" font-size="12" text-anchor="middle" '
            f'fill="{TEXT_ON[colour]}">{share * 100:.0f}%</text>'
        )
    return f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>{text}'


def _legend(options: list, colours: dict, top: float, layout: Layout = WIDE) -> tuple[str, int]:
    """A swatch and label per option, three to a row when wide (room for "Neither agree nor disagree")."""
    items = []
    columns = layout.legend_columns
    for n, option in enumerate(options):
        x, y = 10 + (n % columns) * (layout.width - 20) / columns, top + (n // columns) * 22
        items.append(
            f'<rect x="{x:.1f}" y="{y}" width="14" height="14" fill="{colours[option.code]}"/>'
            f'<text x="{x + 20:.1f}" y="{y + 12}" font-size="13" fill="#212b32">{escape(option.label[:28])}</text>'
        )
    return f'<g class="exchange-chart-legend">{"".join(items)}</g>', ((len(options) + columns - 1) // columns) * 22


def _is_positive(result: Result, code: str) -> bool:
    return any(option.code == code and option.is_positive for option in result.question.options.all())


def result_title(result: Result) -> str:
    return f"{result.question.text} {result.item_text}".strip() if result.item_text else result.question.text


def chart_for(result: Result, chart_id: str, *, narrow: bool = True) -> str | None:
    """The chart for a page: wide and narrow, CSS showing the one that fits; `narrow=False`: the wide one alone."""
    kind = result.question.kind
    if kind in ("likert", "likert_grid"):
        draw = diverging_chart
    elif kind in ("single", "multiple", "date", "time"):  # dates and times: a bar per month or hour
        draw = bar_chart
    else:
        return None
    wide = draw(result, chart_id, WIDE)
    if not narrow:
        return wide
    return (
        f'<div class="exchange-chart-wide">{wide}</div>'
        f'<div class="exchange-chart-narrow">{draw(result, f"{chart_id}-narrow", NARROW)}</div>'
    )
