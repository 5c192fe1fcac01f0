"""Follow-ups: call-backs and tasks, due today / overdue / upcoming."""
