"""The demo's catalogue and procurement files hold together on their own: every entry is named by another or by the
loader, and the moments they give are counted from the time of loading."""

import datetime

import pytest

from exchange.demo.services.data import demo_data, moment
from exchange.organisations.models import Sector

NOW = datetime.datetime(2030, 6, 15, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def catalogue():
    return demo_data("catalogue.yaml")


@pytest.fixture(scope="module")
def procurement():
    return demo_data("procurement.yaml")


def test_a_moment_in_days_ago_or_days_ahead_is_counted_from_now():
    assert moment({"days_ago": 90}, now=NOW) == NOW - datetime.timedelta(days=90)
    assert moment({"days_ahead": 12}, now=NOW) == NOW + datetime.timedelta(days=12)


def test_no_moment_leaves_the_service_to_its_own_clock():
    assert moment(None, now=NOW) is None


@pytest.mark.parametrize("spec", [{"days_before": 3}, {"days_ago": 3, "days_ahead": 4}])
def test_a_moment_in_any_other_form_is_refused(spec):
    with pytest.raises(ValueError, match="days_ago or days_ahead"):
        moment(spec, now=NOW)


def test_the_catalogue_has_eight_providers_in_each_sector(catalogue):
    sectors = [provider["sector"] for provider in catalogue["providers"]]
    assert {sector: sectors.count(sector) for sector in sectors} == dict.fromkeys(Sector.values, 8)
    assert len({provider["name"] for provider in catalogue["providers"]}) == 32


def test_every_service_line_of_the_catalogue_is_offered_and_every_line_offered_is_described(catalogue):
    offered = {
        code
        for provider in catalogue["providers"]
        for offering in provider["offerings"]
        for code in [offering["line"], *offering.get("also", [])]
    }
    assert offered == set(catalogue["offerings"]["lines"])


def test_an_offering_listed_under_other_lines_names_lines_other_than_its_own(catalogue):
    for provider in catalogue["providers"]:
        lines = [offering["line"] for offering in provider["offerings"]]
        assert len(set(lines)) == len(lines), provider["name"]  # one offering per line
        for offering in provider["offerings"]:
            also = offering.get("also", [])
            assert offering["line"] not in also and len(set(also)) == len(also), offering["title"]


def test_an_offering_priced_its_own_way_gives_its_range_and_for_a_day_rate_its_days(catalogue):
    for provider in catalogue["providers"]:
        for offering in provider["offerings"]:
            if "pricing_model" in offering:
                assert "price" in offering, offering["title"]
                assert ("estimated_days" in offering) == (offering["pricing_model"] == "day_rate"), offering["title"]
            else:
                assert "estimated_days" not in offering, offering["title"]


def test_rating_comments_come_in_the_three_tones_and_only_for_lines_of_the_catalogue(catalogue):
    comments = catalogue["ratings"]["comments"]
    assert set(comments["general"]) == {"good", "mixed", "poor"}
    assert set(comments["by_line"]) == set(catalogue["offerings"]["lines"])
    assert all(set(tones) <= {"good", "mixed", "poor"} for tones in comments["by_line"].values())
    assert {reply["tone"] for reply in catalogue["replies"]} <= {"good", "mixed", "poor"}
    every = [
        text
        for tones in [comments["general"], *comments["by_line"].values()]
        for pool in tones.values()
        for text in pool
    ]
    assert len(set(every)) == len(every)


def test_every_provider_serves_its_home_region(catalogue):
    assert all(provider["home"] in provider["serves"] for provider in catalogue["providers"])


def test_every_pricing_model_priced_has_its_rounding_and_no_other(catalogue):
    models = {line["pricing_model"] for line in catalogue["offerings"]["lines"].values()}
    assert models == set(catalogue["offerings"]["price_decimals"])


def test_only_day_rate_lines_estimate_days(catalogue):
    for code, line in catalogue["offerings"]["lines"].items():
        assert ("estimated_days" in line) == (line["pricing_model"] == "day_rate"), code


def test_every_provider_named_outside_the_list_is_in_it(catalogue, procurement):
    providers = {provider["name"] for provider in catalogue["providers"]}
    named = (
        [entry["provider"] for entry in catalogue["drafts"] + catalogue["replies"] + catalogue["engagements"]["always"]]
        + [bid["provider"] for requirement in procurement["requirements"] for bid in requirement.get("bids", [])]
        + [
            question["provider"]
            for requirement in procurement["requirements"]
            for question in requirement.get("questions", [])
        ]
    )
    assert set(named) <= providers


def test_every_person_the_procurements_add_takes_part_in_one(procurement):
    text = repr(procurement["requirements"])
    assert all(f"'{person['email']}'" in text for person in procurement["people"])


def test_every_bid_answers_and_is_scored_on_each_criterion_of_its_requirement(procurement):
    for requirement in procurement["requirements"]:
        criteria = {criterion["title"] for criterion in requirement["criteria"]}
        for bid in requirement.get("bids", []):
            assert set(bid["answers"]) == criteria == set(bid["scores"]), bid["provider"]


def test_an_award_goes_to_one_of_the_bids_of_an_evaluated_requirement(procurement):
    for requirement in procurement["requirements"]:
        if "award" in requirement:
            assert "evaluation" in requirement
            assert requirement["award"]["provider"] in [bid["provider"] for bid in requirement["bids"]]
