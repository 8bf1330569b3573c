"""Shared test settings: the Hypothesis profiles."""

import os

from hypothesis import settings

settings.register_profile("default", deadline=None, max_examples=200)
# In CI the examples are derived from each test's name, so a run there is reproducible; exploration
# with fresh random examples happens on developers' machines.
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

# Needs PyTorch and Keras, which the suite does not: it is run by hand to regenerate the golden values.
collect_ignore = ["make_golden.py"]
