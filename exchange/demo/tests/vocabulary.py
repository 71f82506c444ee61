"""The words of each service line, as the commissioning support documents of 2011 to 2014 and the NHS use them, for
checking that the demo's offerings and requirements talk about the line they are listed under.

A term with a capital letter (an acronym or a name: `IT`, `CQUIN`, `Healthwatch`) is matched as written, as a whole
word; any other term is matched in any case at the start of a word, so `analys` finds analysis, analyst and analyse.
Terms that every line uses (patients, services, reports, within ten working days) are left out: what is counted is
what sets one line apart from another.
"""

import re
from functools import cache

_TERMS = {
    "business-intelligence": (
        "business intelligence, analytic, analys, dashboard, risk stratif, risk score, benchmark, "
        "intelligence, predictive, population health, needs assessment, JSNA, SUS, insight, data warehouse, "
        "demand, health profile, prevalence, activity data, linked data, dataset, data set"
    ),
    "procurement": (
        "procurement, procure, tender, bidder, bids, market engagement, market, award, standstill, "
        "framework agreement, frameworks, quotation, competitive, competition, any qualified provider, "
        "specification, evaluation panel, route to market, routes to market, debrief, social value, "
        "purchasing"
    ),
    "contract-management": (
        "contract, provider performance, performance, CQUIN, quality schedule, challenge, coding, contract "
        "query, remedial action, reconcil, settlement, key performance indicator, co-ordinating, penalt, "
        "variation, quality review, serious incident, activity plan, Better Care Fund, section 75"
    ),
    "service-redesign": (
        "redesign, pathway, transformation, model of care, models of care, logic model, pilot, co-design, "
        "co-production, business case, options appraisal, case for change, clinician, clinical lead, "
        "clinical reference, evaluat, baseline, benefits, implementation, new model"
    ),
    "communications": (
        "communication, engagement, engage, consultation, stakeholder, media, press, seldom-heard, involve, "
        "Healthwatch, focus group, survey, newsletter, campaign, Easy Read, forum, outreach, feedback, "
        "public meeting, panel of residents, community languages, views"
    ),
    "medicines-management": (
        "medicines, medication, prescrib, pharmac, formulary, antimicrobial, antibiotic, ePACT, "
        "polypharmacy, NICE, waste, antipsychotic"
    ),
    "ifr-chc": (
        "individual funding, IFR, continuing healthcare, continuing care, CHC, funding panel, panel, "
        "assessor, Decision Support Tool, fast track, personal health budget, exceptionality, funded "
        "nursing care, care package, case manag, appeal, retrospective, advoca, national framework"
    ),
    "finance": (
        "financ, accounts, accountan, ledger, budget, month-end, month end, invoice, payment, QIPP, "
        "allocation, forecast, VAT, treasury, balance sheet, outturn, debt, supplier, closedown, cost"
    ),
    "hr-od": (
        "HR, human resources, recruit, employee, organisational development, payroll, workforce, "
        "leadership, TUPE, casework, sickness absence, Agenda for Change, coaching, grievance, "
        "disciplinary, occupational health, restructur, trade union, apprentice, staff survey, development "
        "programme, team development, organisational change, mandatory training, NHS Jobs, governing body "
        "development, board development"
    ),
    "imt": (
        "IT, IM&T, service desk, cyber, infrastructure, clinical system, network, laptop, device, "
        "information governance, data security, EMIS, SystmOne, digital, hosting, hosted, cloud, email, "
        "telephony, migration, electronic prescribing, online consultation, backup, disaster recovery, "
        "patch, availability, extract"
    ),
    "estates": (
        "estate, premises, lease, property, void, building, rent, surveyor, facilities, space, capital, "
        "health centre, feasibility, disposal"
    ),
    "governance": (
        "governance, risk register, risk management, assurance, legal, lawyer, freedom of information, FOI, "
        "complaint, constitution, conflicts of interest, audit committee, scheme of delegation, board "
        "effectiveness, committee structure, data protection, privacy, subject access, statutory duties, "
        "internal audit, MP letters, clerk"
    ),
}
VOCABULARY: dict[str, tuple[str, ...]] = {line: tuple(terms.split(", ")) for line, terms in _TERMS.items()}


@cache
def _pattern(term: str) -> re.Pattern[str]:
    if term != term.lower():
        return re.compile(rf"(?<![\w&]){re.escape(term)}(?![\w&])")
    return re.compile(rf"(?<![\w&]){re.escape(term)}", re.IGNORECASE)


def terms_of(line: str, text: str) -> set[str]:
    """The terms of `line`'s vocabulary that `text` uses."""
    return {term for term in VOCABULARY[line] if _pattern(term).search(text)}


def closest_lines(text: str) -> set[str]:
    """The service lines whose vocabulary `text` uses most (several when they tie)."""
    counts = {line: len(terms_of(line, text)) for line in VOCABULARY}
    most = max(counts.values())
    return {line for line, count in counts.items() if count == most}
