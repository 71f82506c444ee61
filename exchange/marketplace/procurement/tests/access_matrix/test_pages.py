"""Every page and download, requested by every person at every stage: 200 exactly where the rule allows, and no secret
in any response."""

import pypdfium2
import pytest

from exchange.marketplace.procurement.tests.access_matrix.rules import expected_get, may_know, may_view
from exchange.marketplace.procurement.tests.access_matrix.stages import STAGES, Procurement, build, client_for

pytestmark = pytest.mark.django_db


def _gets(procurement: Procurement) -> dict:
    pk = procurement.requirement.pk
    bids = procurement.bids
    gets = {
        "list": "/marketplace/requirements/",
        "detail": f"/marketplace/requirements/{pk}/",
        "bid_edit": f"/marketplace/requirements/{pk}/bid/",
        "feedback": f"/marketplace/requirements/{pk}/feedback/",
        "evaluation": f"/marketplace/requirements/{pk}/evaluation/",
        "moderation": f"/marketplace/requirements/{pk}/moderation/",
        "report": f"/marketplace/requirements/{pk}/report/",
        "report_pdf": f"/marketplace/requirements/{pk}/report.pdf",
        "audit": "/audit/",
        "api_requirements": "/api/requirements",
        "api_awards": "/api/awards",
        "admin_bids": "/admin/marketplace/bid/",
        "admin_requirement": f"/admin/marketplace/requirement/{pk}/change/",
        "admin_awards": "/admin/marketplace/award/",
    }
    if procurement.requirement.ocid:
        gets["ocds"] = f"/ocds/releases/{procurement.requirement.ocid}.json"
        gets["ocds_package"] = "/ocds/releases.json"
    for bidder, bid in bids.items():
        gets[f"score_{bidder}"] = f"/marketplace/requirements/{pk}/evaluation/{bid.pk}/"
        gets[f"attachment_{bidder}"] = f"/marketplace/attachments/{procurement.attachments[bidder].pk}/"
        gets[f"admin_bid_{bidder}"] = f"/admin/marketplace/bid/{bid.pk}/change/"
    return gets


def _text(response) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        document = pypdfium2.PdfDocument(response.content)
        return " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode()


@pytest.mark.parametrize("stage", STAGES)
def test_every_page_answers_only_whom_the_rule_allows_and_leaks_nothing(world, time_machine, stage):
    procurement = build(world, time_machine, stage)
    problems = []
    for persona, user in procurement.people.items():
        client = client_for(user)
        known = may_know(persona, stage, procurement)
        for name, url in _gets(procurement).items():
            response = client.get(url)
            allowed = response.status_code == 200
            if allowed != expected_get(name, persona, stage):
                problems.append(f"{persona} GET {name}: {response.status_code}")
            if name.startswith("attachment_") and allowed:
                continue  # the file itself is what was asked for
            text = _text(response) if response.status_code == 200 else response.content.decode(errors="replace")
            secrets = procurement.secrets
            if name == "audit":
                # The log names providers for their catalogue work; what it must not say is who is bidding.
                secrets = {
                    (f"Bid by {secret}" if label.startswith("name of") else secret): label
                    for secret, label in secrets.items()
                }
            leaked = {
                label
                for secret, label in secrets.items()
                if secret in text and secret.removeprefix("Bid by ") not in known
            }
            if leaked:
                problems.append(f"{persona} GET {name} ({response.status_code}) shows {sorted(leaked)}")
            if name == "list":
                listed = procurement.requirement.title in text
                if listed != (persona != "anonymous" and may_view(persona, stage)):
                    problems.append(f"{persona}: the list {'shows' if listed else 'hides'} the requirement")
    assert problems == []
