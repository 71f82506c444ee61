"""Each question's groups: the wave's, and more where a set of hidden groups would be known to have chosen an answer
all together or not at all (step 2 (c) of the layer), or where zeros let a small crossing follow; then each
question's integer audit (step 4)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from django.db.models import Count, Q

from exchange.surveys.models import Answer, QuestionKind, Wave

from ..audit import Measures
from .decision import Protection
from .hiding import _candidates, _closure, _in_span
from .integer import _audit
from .structure import ATOM_FIELDS, _atom, _Structure


# Measures per question: (name, the measure it is a share of). "respondents" is every atom's respondents.
def _answer_values(wave: Wave, structure: _Structure) -> dict:
    index = {atom: i for i, atom in enumerate(structure.atoms)}
    atom_fields = [f"response__{name}" for name in ATOM_FIELDS]
    answers = Answer.objects.filter(response__wave=wave)
    values: dict = defaultdict(dict)

    def add(key, measure, atom, n):
        position = index.get(atom)
        if position is None:
            return
        vector = values[key].setdefault(measure, np.zeros(len(structure.atoms)))
        vector[position] += n

    for row in (
        answers.filter(option__isnull=False)
        .values_list(*atom_fields, "question_id", "grid_item_id", "option_id")
        .annotate(n=Count("id"))
    ):
        add((row[5], row[6] or 0), ("option", row[7]), _atom(row[:5]), row[8])
    in_base = Q(option__isnull=True) | Q(option__excluded_from_base=False)
    for row in answers.values_list(*atom_fields, "question_id", "grid_item_id").annotate(
        answered=Count("response", distinct=True), counted=Count("response", distinct=True, filter=in_base)
    ):
        add((row[5], row[6] or 0), "answered", _atom(row[:5]), row[7])
        add((row[5], row[6] or 0), "counted", _atom(row[:5]), row[8])
    return values


def _denominators(question) -> dict:
    """Each option measure's denominator: what its percentage is a share of."""
    shares = {"answered": "respondents", "counted": "answered"}
    for option in question.options.all():
        if question.kind == QuestionKind.MULTIPLE or option.excluded_from_base:
            shares[("option", option.pk)] = "answered"
        else:
            shares[("option", option.pk)] = "counted"
    return shares


def _protect_questions(protection: Protection, wave: Wave) -> None:
    """The groups hidden for each question (or grid item): the wave's, and more where a set of hidden groups that
    subtraction gives would all have chosen an answer, or none of them, while the set it comes from did not."""
    from exchange.surveys.questionnaire import Questionnaire

    structure = protection.structure
    answer_values = _answer_values(wave, structure)
    index = {g: i for i, g in enumerate(structure.groups)}
    empty = {index[g] for g in protection.empty}
    wave_hidden = {index[g] for g in protection.hidden}
    for question in Questionnaire.for_wave(wave).questions:
        if question.kind == QuestionKind.NOTE:
            continue  # no answers, no table
        items = [item.pk for item in question.grid_items.all()] or [0]
        shares = _denominators(question)
        for item_id in items:
            found = answer_values.get((question.pk, item_id), {})
            # In the questionnaire's order, whatever order the database returned the counts in (the audit's memory
            # of earlier answers is keyed by position).
            order = ["answered", "counted"] + [("option", option.pk) for option in question.options.all()]
            measures = {"respondents": structure.respondents} | {name: found[name] for name in order if name in found}
            hidden = {index[g] for g in protection.hidden}
            while _protect_answers(structure, protection.triples, measures, shares, hidden, empty):
                pass
            for name, value in measures.items():
                if name != "respondents":
                    _protect_zeros(structure, value, hidden, empty)
            audited = Measures(
                values=measures,
                shares={"respondents": "frame", **shares},
                options=[("option", option.pk) for option in question.options.all()],
                in_base=[("option", option.pk) for option in question.options.all() if not option.excluded_from_base],
                multiple=question.kind == QuestionKind.MULTIPLE,
            )
            _audit(structure, audited, wave_hidden, hidden, empty)
            protection.per_question[(question.pk, item_id)] = frozenset(structure.groups[i] for i in hidden)


def _protect_zeros(structure: _Structure, value: np.ndarray, hidden: set, empty: set) -> None:
    """A zero that a group of k or more shows (or that subtraction gives) is allowed: nobody in it chose the answer.
    But it also tells, for that answer, that its atoms are zeros; and with those taken out, a small crossing can
    become a difference of what is published (the finance leads' count in the export, less the zero of one region,
    is the count of the finance leads of the other region). Hide more until no small cell follows, zeros included."""
    masks = structure.masks
    for _ in range(len(structure.groups)):
        shown = [i for i in range(len(structure.groups)) if i not in hidden and i not in empty]
        rows = np.vstack([structure.fixed, masks[shown]]).astype(float)
        derivable = _in_span(rows, masks.astype(float))
        zero_sets = [masks[i] for i in range(len(masks)) if derivable[i] and value[masks[i]].sum() == 0]
        zero_sets += [mask for mask in structure.fixed if value[mask].sum() == 0]
        if not zero_sets or not len(structure.cells):
            return
        keep = ~np.any(zero_sets, axis=0)
        cells = structure.cells[:, keep]
        alive = cells.any(axis=1)  # a cell wholly inside a zero is the zero itself: allowed
        reduced = rows[:, keep]
        at_risk = np.zeros(len(cells), dtype=bool)
        at_risk[alive] = _in_span(reduced[reduced.any(axis=1)], cells[alive].astype(float))
        if not at_risk.any():
            return
        options = _candidates(structure, int(np.flatnonzero(at_risk)[0]), hidden | empty)
        if not options:
            return
        hidden |= _closure(structure, options[0], hidden, empty)


def _protect_answers(structure: _Structure, triples, measures: dict, shares: dict, hidden: set, empty: set) -> bool:
    """Hide one more group if some derivable set of hidden groups is unanimous on a measure; True if it did."""
    masks = structure.masks
    for parent, children in triples:
        rest = [c for c in children if c in hidden]
        if not rest:
            continue
        union = masks[rest].any(axis=0)
        for measure, share in shares.items():
            value, whole = measures.get(measure), measures.get(share)
            if value is None or whole is None:
                continue
            part_value, part_whole = value[union].sum(), whole[union].sum()
            parent_value, parent_whole = value[parent].sum(), whole[parent].sum()
            if part_whole == 0 or part_value not in (0, part_whole) or parent_value in (0, parent_whole):
                continue
            breaking = [
                c
                for c in children
                if c not in hidden
                and c not in empty
                and (value[masks[c]].sum() > 0 if part_value == 0 else value[masks[c]].sum() < whole[masks[c]].sum())
            ]
            if breaking:
                hidden.add(min(breaking, key=lambda c: structure.respondents[masks[c]].sum()))
                return True
    return False
