"""The client timeline: lazy Qt model, icons, summaries and the timeline panel."""
