"""The Centre's casework area: the case list with filters and the workload."""
