"""The permission matrix of a joint procurement, attacked from every side.

For each stage (the clock moved there, as time would), every person — the lead's buyer and its finance, managerial
and analyst staff, the partner's buyer and analyst, a commissioner invited but not joined, an unrelated buyer,
two evaluators (one conflicted with a bidder), two bidders, a provider with an unsubmitted draft bid, an ineligible
provider, platform staff and an anonymous visitor — requests every page and download (HTML and PDF reports, the
audit log, OCDS, the API, the admin) and posts every action. The rules are written out again here, independently of
`access.py`, and the test checks:

- a page answers 200 exactly where the rule allows it, and a list shows a requirement exactly where its page opens;
- no response, allowed or refused, contains a secret the person may not know at that stage: a bidder's name or
  e-mail while bids are sealed, a price, an answer, an attachment's name or another evaluator's justification;
- a refused action changes nothing in the database, and an allowed one changes something.
"""
