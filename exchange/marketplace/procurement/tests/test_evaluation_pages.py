"""The evaluators' pages: once an evaluator has submitted, each bid's page shows their own scores, read-only, and
never another evaluator's; the evaluation page shows the scores of every evaluator who has submitted as a table."""

import html as html_module
import re

import pytest

from exchange.marketplace.procurement.services import evaluation
from exchange.marketplace.procurement.tests.procurement_flow import AFTER_BIDS_CLOSE

pytestmark = pytest.mark.django_db
RESPONSIVE_HEADING = r'<span class="nhsuk-table__heading"[^>]*>.*?</span>'
FIRST_REASON, SECOND_REASON = "First-reason-K7 strong local evidence", "Second-reason-P3 thin on data"


def _text(response) -> str:
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _tables(html: str) -> list[list[list[str]]]:
    """Every table of the page as rows of cell texts: a responsive table's repeated headings left out."""
    tables = []
    for table in re.findall(r"<table\b.*?</table>", html, re.S):
        rows = []
        for row in re.findall(r"<tr\b.*?</tr>", table, re.S):
            cells = re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.S)
            cells = [
                re.sub(r'<span class="nhsuk-table__heading"[^>]*>.*?</span>', "", cell, flags=re.S) for cell in cells
            ]
            rows.append([" ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells])
        caption = re.search(r"<caption\b[^>]*>(.*?)</caption>", table, re.S)
        tables.append([[" ".join(caption.group(1).split()) if caption else ""], *rows])
    return tables


def _score(evaluator, assignment, bid, criteria, score: int, reason: str) -> None:
    evaluation.conflict_declare(actor=evaluator, assignment=assignment, bid=bid, conflicted=False, now=AFTER_BIDS_CLOSE)
    evaluation.scores_record(
        actor=evaluator,
        assignment=assignment,
        bid=bid,
        scores={criterion.pk: (score, f"{reason} ({criterion.title})") for criterion in criteria},
        now=AFTER_BIDS_CLOSE,
    )


@pytest.fixture
def scored(evaluated, time_machine):
    """Both evaluators have scored Community Voice's bid (the second is conflicted with Meridian's); the first has
    scored Meridian's too and submitted, the second has not. Every clock is just after the bids closed."""
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    time_machine.move_to(AFTER_BIDS_CLOSE, tick=True)
    _score(first, one, ours, [quality, social], 4, FIRST_REASON)
    _score(first, one, theirs, [quality, social], 2, FIRST_REASON)
    evaluation.conflict_declare(
        actor=second, assignment=two, bid=theirs, conflicted=True, note="Former employer", now=AFTER_BIDS_CLOSE
    )
    _score(second, two, ours, [quality, social], 1, SECOND_REASON)
    evaluation.scores_submit(actor=first, assignment=one, now=AFTER_BIDS_CLOSE)
    return evaluated


def _bid_page(client, person, requirement, bid):
    client.force_login(person)
    return client.get(f"/marketplace/requirements/{requirement.pk}/evaluation/{bid.pk}/")


def test_after_submitting_an_evaluator_sees_their_own_scores_of_the_bid_read_only(client, scored):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = scored
    response = _bid_page(client, first, requirement, ours)
    page = _text(response)
    assert "You submitted your scores on" in page and "They can no longer change." in page
    assert "1 still to" in page  # what happens next: moderation once the others have submitted
    assert _tables(response.content.decode())[0] == [
        ["Your scores"],
        ["Criterion", "Your score (0 to 4)", "Why"],
        ["Approach", "4 Excellent", f"{FIRST_REASON} (Approach)"],
        ["Social value", "4 Excellent", f"{FIRST_REASON} (Social value)"],
    ]
    assert "Save evaluation" not in page and "<select" not in response.content.decode()


def test_an_evaluator_never_sees_another_evaluators_scores_on_a_bids_page(client, scored):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = scored
    assert SECOND_REASON not in _text(_bid_page(client, first, requirement, ours))  # the second has not submitted
    second_page = _text(_bid_page(client, second, requirement, ours))
    assert FIRST_REASON not in second_page and SECOND_REASON in second_page  # their own, in their form
    evaluation.scores_submit(actor=second, assignment=two, now=AFTER_BIDS_CLOSE)
    # Both submitted: each bid's page is still the evaluator's own record; moderation is where scores meet.
    assert SECOND_REASON not in _text(_bid_page(client, first, requirement, ours))
    second_page = _bid_page(client, second, requirement, ours).content.decode()
    assert FIRST_REASON not in second_page
    assert ["Approach", "1 Poor", f"{SECOND_REASON} (Approach)"] in _tables(second_page)[0]
    assert "Every evaluator has submitted" in second_page


def test_a_bid_the_evaluator_was_conflicted_with_says_so_after_submission(client, scored):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = scored
    evaluation.scores_submit(actor=second, assignment=two, now=AFTER_BIDS_CLOSE)
    page = _text(_bid_page(client, second, requirement, theirs))
    assert "You declared a conflict of interest with Meridian Health Analytics Ltd" in page
    assert FIRST_REASON not in page and "Price:" not in page


def test_the_evaluation_page_shows_every_submitted_evaluators_scores_as_a_table_per_bid(client, scored):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = scored
    second.full_name = "Dr Leon O'Donnell"  # a name the page escapes: the text read back is the name itself
    second.save(update_fields=["full_name"])
    client.force_login(first)
    url = f"/marketplace/requirements/{requirement.pk}/evaluation/"
    html = client.get(url).content.decode()
    assert SECOND_REASON not in html  # the second has not submitted: their draft is not shown
    assert f"Not yet submitted: {second.full_name or second.email}." in _text(client.get(url))
    evaluation.scores_submit(actor=second, assignment=two, now=AFTER_BIDS_CLOSE)
    client.force_login(second)
    html = client.get(url).content.decode()
    ours_table, theirs_table = _tables(html)[-2:]
    first_name, second_name = (person.full_name or person.email for person in (first, second))
    assert ours_table == [
        ["Community Voice Partnership"],
        ["Evaluator", "Approach", "Social value"],
        [first_name, f"4 Excellent {FIRST_REASON} (Approach)", f"4 Excellent {FIRST_REASON} (Social value)"],
        [f"{second_name} (you)", f"1 Poor {SECOND_REASON} (Approach)", f"1 Poor {SECOND_REASON} (Social value)"],
    ]
    assert theirs_table[0] == ["Meridian Health Analytics Ltd"]
    assert theirs_table[3] == [f"{second_name} (you)", "Not scored", "Not scored"]  # conflicted with Meridian
    assert "<li>" not in html.split("Every evaluator's scores")[1]  # no longer a list of sentences


def test_a_bids_page_leads_back_through_the_requirement_and_its_evaluation(client, scored):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = scored
    html = _bid_page(client, first, requirement, ours).content.decode()
    crumbs = re.search(r'<nav class="nhsuk-breadcrumb".*?</nav>', html, re.S).group(0)
    evaluation_page = f"/marketplace/requirements/{requirement.pk}/evaluation/"
    links = re.findall(r'<a class="nhsuk-breadcrumb__link" href="([^"]+)"', crumbs)
    assert links == ["/", "/marketplace/requirements/", f"/marketplace/requirements/{requirement.pk}/", evaluation_page]
    assert re.search(rf'class="nhsuk-back-link"\s+href="{evaluation_page}"', crumbs)  # a phone shows the last step
