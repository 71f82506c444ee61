"""Survey statistics, disclosure control and reports. What lives where:

- `services/` — the writes: the tallies (`tallies`: counted on submission, rebuilt from the answers), headline
  statements (`headlines`), the coding of free-text comments (`comments`: themes, quotes, clearance for export).
- `selectors/` — the reads for pages, exports, reports and other apps: response rates (`tracking`), a wave's tables
  of results (`results`, from the counts of `counts`), one organisation's beside everyone's
  (`organisation_results`), year-on-year changes (`changes`), headline statements (`headlines`), free-text comments
  (`comments`), the response-level rows of the exports (`responses`).
- The disclosure-control layer, one for every output: `protection` (the package whose `wave_protection` every
  figure of a confidential wave asks), its integer `audit`, `disclosure` (the k-anonymous response-level export) and
  `suppression` (the per-table rule of named waves).
- Pure modules: `results` (what a table is, and a group's figures from counts), `tallies` (what responses add to the
  tallies), `stats`, `weighting`, `charts`.
- Outputs that lay out what the selectors read: `exports` (CSV, XLSX, SPSS), `reports` (PDF).
- `permissions` (who may read an organisation's report), `receivers` (what the surveys app announces, connected in
  `AnalysisConfig.ready`), `tasks`; and the entry points: `views/`, `forms`, `urls`, `management/commands/`.
"""
