"""The surveys app's forms, one module per area: `answering` (a section of the questionnaire as a respondent sees it),
`authoring` (sections and questions, options and routing typed one per line), `manage` (contact and XLSForm uploads,
copying a wave, adding contacts from members)."""
