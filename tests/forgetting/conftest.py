"""The sync fixtures (an office and enrolled desks) for the tests of merges and tombstones."""

from tests.sync.conftest import net, pair

__all__ = ["net", "pair"]
