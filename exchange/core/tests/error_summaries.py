"""What every form page's tests ask of its NHS.UK error summary: each message links to a box of the form (an input,
select or textarea on the page; a radio or checkbox group's first box), never to the summary or to nothing."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

CONTROLS = {"input", "select", "textarea"}


@dataclass
class ErrorSummary:
    items: list[tuple[str, str | None]] = field(default_factory=list)  # (message, href or None)
    controls: dict[str, str] = field(default_factory=dict)  # id -> tag of every visible form control
    ids: dict[str, str] = field(default_factory=dict)  # id -> tag of every element


class _Reader(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.summary = ErrorSummary()
        self.depth = 0  # open elements inside the summary, 0 when outside
        self.item: list | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if element_id := attributes.get("id"):
            self.summary.ids[element_id] = tag
            if tag in CONTROLS and attributes.get("type") != "hidden":
                self.summary.controls[element_id] = tag
        if self.depth == 0 and "nhsuk-error-summary" in classes:
            self.depth = 1
            return
        if self.depth and tag not in self.VOID:
            self.depth += 1
        if self.depth and tag == "li":
            self.item = ["", None]
        if self.depth and tag == "a" and self.item is not None:
            self.item[1] = attributes.get("href")

    def handle_endtag(self, tag):
        if self.depth and tag == "li" and self.item is not None:
            self.summary.items.append((" ".join(self.item[0].split()), self.item[1]))
            self.item = None
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.item is not None:
            self.item[0] += data


def error_summary(html: str) -> ErrorSummary:
    reader = _Reader()
    reader.feed(html)
    return reader.summary


def assert_error_summary_links_to_fields(html: str) -> list[tuple[str, str]]:
    """The page has an error summary and every message in it links to a form control of the page; returns the
    (message, target id) pairs for the test to check further."""
    summary = error_summary(html)
    assert summary.items, "the page shows no error summary"
    links = []
    for message, href in summary.items:
        assert href and href.startswith("#"), f"{message!r} links to nothing"
        target = href[1:]
        assert target in summary.ids, f"{message!r} links to #{target}, which is not on the page"
        assert target in summary.controls, f"{message!r} links to a <{summary.ids[target]}>, not a form control"
        links.append((message, target))
    return links
