"""Which published offerings a search's words match, and how well, as arrays over the catalogue index.

PostgreSQL matches with its full-text search over the GIN-indexed tsvector (English stemming; web search syntax:
quotes for a phrase, `or`, `-` to exclude); SQLite has no tsvector, so there every word must appear in the
offering's text. On both, a word found in the title counts three times a word found elsewhere: the database
answers only which offerings match (one query), and relevance is worked out from the titles in the index.
"""

import re

import numpy as np
from django.db import connection

from exchange.marketplace.catalogue.models import Offering, OfferingStatus
from exchange.marketplace.catalogue.selectors.catalogue_index import SEARCH_CONFIG, CatalogueIndex

TITLE_WEIGHT = 3
_TOKEN = re.compile(r"'((?:[^']|'')*)'|([()!])")


def positive_lexemes(tsquery: str) -> list[str]:
    """The lexemes of a tsquery's text form that a match must (or may) contain: not those after `!`."""
    found: list[str] = []
    negated = [False]
    negate_next = False
    for lexeme, operator in _TOKEN.findall(tsquery):
        if operator == "!":
            negate_next = not negate_next
        elif operator == "(":
            negated.append(negated[-1] or negate_next)
            negate_next = False
        elif operator == ")":
            if len(negated) > 1:
                negated.pop()
        else:
            word = lexeme.replace("''", "'")
            if not (negated[-1] or negate_next) and word not in found:
                found.append(word)
            negate_next = False
    return found


def _postgres_matches(text: str) -> tuple[list[int], list[str]]:
    """The ids of the published offerings matching `text`, and the query's lexemes, in one round trip."""
    table = connection.ops.quote_name(Offering._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, NULL FROM {table} WHERE status = %s AND search_vector @@ websearch_to_tsquery(%s, %s) "
            "UNION ALL SELECT NULL, websearch_to_tsquery(%s, %s)::text",
            [OfferingStatus.PUBLISHED.value, SEARCH_CONFIG, text, SEARCH_CONFIG, text],
        )
        rows = cursor.fetchall()
    ids = [pk for pk, _ in rows if pk is not None]
    query = next((tsquery for pk, tsquery in rows if pk is None), "") or ""
    return ids, positive_lexemes(query)


def _sqlite_matches(words: list[str]) -> list[int]:
    offerings = Offering.objects.filter(status=OfferingStatus.PUBLISHED)
    for word in words:
        offerings = offerings.filter(search_text__icontains=word)
    return list(offerings.values_list("id", flat=True))


def _rows_of(index: CatalogueIndex, ids: list[int]) -> np.ndarray:
    """Rows of the index holding these offering ids (ids the index does not hold are dropped)."""
    if not ids or not index.size:
        return np.zeros(0, dtype=np.int64)
    wanted = np.array(ids, dtype=np.int64)
    rows = np.searchsorted(index.ids, wanted).clip(max=index.size - 1)
    return rows[index.ids[rows] == wanted]


def text_match(index: CatalogueIndex, text: str) -> tuple[np.ndarray, np.ndarray]:
    """A mask of the rows that match `text` and each row's relevance (0 for rows that do not match)."""
    words = text.split()
    relevance = np.zeros(index.size, dtype=np.int64)
    if not words:
        return np.ones(index.size, dtype=bool), relevance
    if connection.vendor == "postgresql":
        ids, lexemes = _postgres_matches(text)
        rows = _rows_of(index, ids)
        relevance[rows] = len(lexemes)
        for lexeme in lexemes:
            in_title = index.title_rows.get(lexeme)
            if in_title is not None:
                relevance[in_title] += TITLE_WEIGHT - 1
    else:
        rows = _rows_of(index, _sqlite_matches(words))
        lowered = [word.lower() for word in words]
        for row in rows.tolist():
            title = index.cards[row][0].lower()
            relevance[row] = sum(TITLE_WEIGHT if word in title else 1 for word in lowered)
    mask = np.zeros(index.size, dtype=bool)
    mask[rows] = True
    return mask, np.where(mask, relevance, 0)
