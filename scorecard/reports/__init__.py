"""What a panel meeting sees and what it publishes, built from the same pieces.

- :mod:`.content` gathers one quarter's scorecard (suppressed and without unapproved text
  when it is for the public) and arranges it per priority, the meeting's theme first.
- :mod:`.slides` turns it into the chair's slides; :mod:`.plain` into plain-English summaries.
- :mod:`.pack` writes the briefing pack as a tagged PDF (Typst), with static charts from
  :mod:`.static_charts` (matplotlib); :mod:`.workbook` writes the formatted Excel scorecard.
"""
