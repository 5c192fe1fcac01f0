"""Statistics: period counts for the dashboard, the annual report (PDF + CSV) and the
CTDC-shaped export with small-cell suppression. Pure Python and SQL; no Qt."""
