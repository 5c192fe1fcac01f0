"""The Calls area: call intake, quick tally, drafts."""
