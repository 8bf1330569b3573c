import pytest

from core.memo import clear_all


@pytest.fixture(autouse=True)
def fresh_results():
    """Each test of core gets results of its own: some edit a figure, which a page never does, and a
    kept figure is shared (core.memo)."""
    clear_all()
