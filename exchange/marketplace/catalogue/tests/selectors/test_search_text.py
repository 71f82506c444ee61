"""Matching words: the database says which offerings match; a word in the title counts three times."""

import pytest

from exchange.marketplace.catalogue.selectors.catalogue_index import catalogue_index
from exchange.marketplace.catalogue.selectors.search import CatalogueQuery, catalogue_search
from exchange.marketplace.catalogue.selectors.search_text import positive_lexemes, text_match


def test_an_offering_with_the_words_in_its_title_comes_before_one_with_them_elsewhere(world):
    world.offering(title="Contract support", description="Includes risk stratification dashboards")
    world.offering(title="Risk stratification", description="Case finding")
    titles = [hit.title for hit in catalogue_search(query=CatalogueQuery(text="risk stratification")).offerings]
    assert titles == ["Risk stratification", "Contract support"]


def test_no_words_match_every_published_offering_with_no_relevance(world):
    world.offering(title="One")
    world.offering(title="Two")
    mask, relevance = text_match(catalogue_index(), "")
    assert mask.all() and mask.size == 2
    assert not relevance.any()


def test_rows_that_do_not_match_have_no_relevance(world):
    world.offering(title="Risk stratification")
    world.offering(title="Contract support")
    index = catalogue_index()
    mask, relevance = text_match(index, "risk")
    assert mask.sum() == 1
    assert relevance[~mask].tolist() == [0]


@pytest.mark.parametrize(
    ("tsquery", "positive"),
    [
        ("'busi' & 'intellig'", ["busi", "intellig"]),
        ("'risk' <-> 'stratif'", ["risk", "stratif"]),
        ("'dashboard' & !'london'", ["dashboard"]),
        ("'a' & !( 'b' <-> 'c' ) & 'd'", ["a", "d"]),
        ("'a' | 'a'", ["a"]),
        ("'o''brien'", ["o'brien"]),
        ("", []),
    ],
)
def test_the_words_a_query_looks_for_leave_out_the_excluded_ones(tsquery, positive):
    assert positive_lexemes(tsquery) == positive
