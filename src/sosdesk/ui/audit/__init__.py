"""The Audit area: who viewed, changed, printed, exported, published, backed up."""
