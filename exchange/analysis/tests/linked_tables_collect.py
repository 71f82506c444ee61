"""The linked-tables attack's collection: every figure a confidential wave publishes, written as equations over
unknown counts per organisation and role, and the true counts to check them against (see
`test_linked_tables_attack`). Written from the platform's outputs, independently of `protection`."""

from collections import defaultdict
from itertools import combinations

import pytest

from exchange.accounts.models import Role
from exchange.analysis.disclosure import MicrodataRefused
from exchange.analysis.protection import Refused
from exchange.analysis.results import Options
from exchange.analysis.selectors import export_plan, organisation_comparison, response_rows, wave_results, wave_tracking
from exchange.analysis.tests.generated_waves import ROLES, K
from exchange.surveys.models import Contact, QuestionKind
from exchange.surveys.questionnaire import Questionnaire

BIG = 10_000  # no frame binds respondents with no organisation


class Model:
    """Unknowns per atom (organisation × role) and the equations the published figures give."""

    def __init__(self, wave):
        contacts = Contact.objects.filter(wave=wave).select_related("organisation")
        frame = defaultdict(int)
        self.orgs = {}
        for contact in contacts:
            frame[(contact.organisation_id, contact.role)] += 1
            self.orgs[contact.organisation_id] = contact.organisation
        self.atoms = sorted(frame, key=repr) + [(None, role) for role in ROLES]
        self.frame = {atom: frame.get(atom, BIG) for atom in self.atoms}
        self.questions = {q.code: q for q in Questionnaire.for_wave(wave).questions}
        self.measures = ["respondents"]
        for question in self.questions.values():
            self.measures += [(question.code, "answered"), (question.code, "counted")]
            self.measures += [(question.code, option.code) for option in question.options.all()]
        self.equations = []  # (measure, frozenset of atoms, value)
        self.at_least_one = set()  # (measure, frozenset of atoms): a table lists the group, its figures hidden or not

    def attribute(self, atom, partition):
        org_id, role = atom
        org = self.orgs.get(org_id)
        return {
            "region": org.region_id if org else 0,
            "area_team": org.area_team_id if org else 0,
            "organisation": org_id,
            "organisation_kind": org.kind if org else "",
            "role": role,
        }[partition]

    def group(self, partition, key) -> frozenset:
        return frozenset(atom for atom in self.atoms if self.attribute(atom, partition) == key)

    def publish(self, measure, atoms, value):
        self.equations.append((measure, frozenset(atoms), value))

    def publish_group(self, group, atoms, question):
        """A shown group of a results table: its bases and every answer's count."""
        self.publish((question.code, "answered"), atoms, group.answered)
        self.publish((question.code, "counted"), atoms, group.base)
        for cell in group.cells:
            self.publish((question.code, cell.code), atoms, cell.count)


def _collect(wave, model: Model) -> None:
    every = frozenset(model.atoms)
    for by in ["", "region", "area_team", "role", "organisation_kind"]:
        for result in wave_results(wave=wave, options=Options(by=by)):
            if result.question.kind == QuestionKind.SHORT_TEXT:
                continue
            if not result.overall.suppressed:
                model.publish_group(result.overall, every, result.question)
            listed = set()
            for group in result.groups:
                atoms = model.group(by, group.key)
                listed.add(group.key)
                model.at_least_one.add(("respondents", atoms))
                if not group.suppressed:
                    model.publish_group(group, atoms, result.question)
            if by:  # a group the table leaves out had nobody answering the question
                for key in {model.attribute(atom, by) for atom in model.atoms} - listed:
                    model.publish((result.question.code, "answered"), model.group(by, key), 0)
    for size in (1, 2, 3):
        for roles in combinations(ROLES, size):
            with pytest.raises(Refused):
                wave_results(wave=wave, options=Options(by="region", roles=roles))
            try:
                results = wave_results(wave=wave, options=Options(roles=roles))
            except Refused:
                continue
            atoms = frozenset(atom for atom in model.atoms if atom[1] in roles)
            for result in results:
                if not result.overall.suppressed:
                    model.publish_group(result.overall, atoms, result.question)
    for org_id, org in model.orgs.items():
        for comparison in organisation_comparison(wave=wave, organisation=org):
            (_, own, everyone) = comparison.waves[-1]
            question = model.questions[comparison.code]
            if own is not None and not own.suppressed:
                model.publish_group(own, model.group("organisation", org_id), question)
            if everyone is not None and not everyone.suppressed:
                model.publish_group(everyone, every, question)
    # The tracking page: people who completed, overall and per shown region and role (the frame's people only).
    tracking = wave_tracking(wave=wave)
    in_frame = frozenset(atom for atom in model.atoms if atom[0] is not None)
    if not tracking.overall.suppressed:
        model.publish("respondents", in_frame, tracking.overall.completed)
    names = {org.region.name: org.region_id for org in model.orgs.values()}
    for row in tracking.by_region:
        if not row.suppressed:
            model.publish("respondents", model.group("region", names[row.label]) & in_frame, row.completed)
    labels = dict(Role.choices)
    for row in tracking.by_role:
        if not row.suppressed:
            role = next(r for r in ROLES if labels[r] == row.label)
            model.publish("respondents", model.group("role", role) & in_frame, row.completed)
    _collect_export(wave, model)
    # Groups the tables never list had nobody: the attacker may take them as zero.
    truth = _truth(wave)
    for partition in ["region", "area_team", "organisation", "role", "organisation_kind"]:
        for key in {model.attribute(atom, partition) for atom in model.atoms}:
            atoms = model.group(partition, key)
            if key is not None and sum(truth[("respondents", atom)] for atom in atoms) == 0:
                model.publish("respondents", atoms, 0)


def _collect_export(wave, model: Model) -> None:
    try:
        plan = export_plan(wave)
    except MicrodataRefused:
        return
    region_names = {org.region.name: org.region_id for org in model.orgs.values()}
    team_names = {org.area_team.name: org.area_team_id for org in model.orgs.values()}
    org_names = {org.name: org_id for org_id, org in model.orgs.items()}
    combos = defaultdict(list)
    kept = [name for name in ("organisation", "area_team", "region", "role") if plan.keeps(name)]
    for row in response_rows(wave, plan):
        combos[tuple((name, row[name]) for name in kept)].append(row)
    lookups = {"organisation": org_names, "area_team": team_names, "region": region_names}
    empty = {"organisation": None, "area_team": 0, "region": 0, "role": ""}
    for combo, rows in combos.items():
        wanted = {
            name: (lookups[name].get(value) if name in lookups else value) if value else empty[name]
            for name, value in combo
        }
        atoms = frozenset(a for a in model.atoms if all(model.attribute(a, p) == v for p, v in wanted.items()))
        model.publish("respondents", atoms, len(rows))
        for code, question in model.questions.items():
            options = [option.code for option in question.options.all()]
            if question.kind == QuestionKind.MULTIPLE:
                answered = [r for r in rows if any(r.get(f"{code}_{o}") != "" and f"{code}_{o}" in r for o in options)]
                model.publish((code, "answered"), atoms, len(answered))
                model.publish((code, "counted"), atoms, len(answered))
                for option in options:
                    model.publish((code, option), atoms, sum(1 for r in answered if r.get(f"{code}_{option}") == 1))
            else:
                answered = [r for r in rows if r.get(code)]
                excluded = {o.code for o in question.options.all() if o.excluded_from_base}
                model.publish((code, "answered"), atoms, len(answered))
                model.publish((code, "counted"), atoms, sum(1 for r in answered if r[code] not in excluded))
                for option in options:
                    model.publish((code, option), atoms, sum(1 for r in answered if r[code] == option))


def _truth(wave) -> dict:
    """The real counts per (measure, atom), read from the responses: only to report what an attack recovered."""
    truth = defaultdict(int)
    for response in wave.responses.prefetch_related("answers__option", "answers__question"):
        atom = (response.organisation_id, response.role)
        truth[("respondents", atom)] += 1
        by_question = defaultdict(list)
        for answer in response.answers.all():
            by_question[answer.question.code].append(answer)
        for code, answers in by_question.items():
            truth[((code, "answered"), atom)] += 1
            if any(not a.option.excluded_from_base for a in answers):
                truth[((code, "counted"), atom)] += 1
            for answer in answers:
                truth[((code, answer.option.code), atom)] += 1
    return truth


def _cells(model: Model, truth: dict, *, small: bool = True) -> list[tuple[str, frozenset]]:
    """Every group and every crossing of two classifications with 1 to K - 1 respondents (with `small=False`: with
    K or more)."""
    partitions = ["region", "area_team", "organisation", "role", "organisation_kind"]
    found = {}
    for first in partitions:
        for atom in model.atoms:
            if first == "organisation" and atom[0] is None:
                continue
            found.setdefault((first, model.attribute(atom, first)), set()).add(atom)
    for first, second in combinations(partitions, 2):
        for atom in model.atoms:
            if "organisation" in (first, second) and atom[0] is None:
                continue
            key = (first, model.attribute(atom, first), second, model.attribute(atom, second))
            found.setdefault(key, set()).add(atom)
    cells = {}
    for key, atoms in found.items():
        size = sum(truth[("respondents", atom)] for atom in atoms)
        if (0 < size < K) if small else (size >= K):
            cells.setdefault(frozenset(atoms), key)
    return [(key, atoms) for atoms, key in cells.items()]
