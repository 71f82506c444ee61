"""Surveys: survey series and waves, questionnaires and routing, the sample frame and invitations, answering and
responses. What lives where:

- `models/`: series and waves, the questionnaire (sections, questions, options, grid items, conditions), contacts,
  drafts, responses and answers.
- `services/` (writes): `authoring` (series, waves, sections, questions), `contacts` (the sample frame),
  `invitations` (invitations, reminders, opt-outs), `responding` (answering and submitting), `responses` (answer
  rows, a confidential wave's batches), `recording` and `historic` (responses collected elsewhere), `xlsform`
  (XLSForm in and out).
- `selectors/` (reads): `waves` (series and waves, those a person manages), `questions`, `contacts`.
- `permissions.py`: who may manage a series, and whom a series surveys.
- `questionnaire.py`: a wave's questionnaire loaded as one object, with routing (pure reads);
  `presentation.py`: answers turned into words for people.
- `signals.py`: what the app announces to analysis (`responses_written`, `wave_closed`).
- Entry points: `views/` (`answering`, `authoring`, `manage`), `forms/` (the same areas), `urls.py`, `admin.py`,
  `management/commands/` (import contacts, responses and XLSForms; send due reminders).
"""
