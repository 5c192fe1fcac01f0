"""The statistics area: dashboard of a period with tables, charts and comparison."""
