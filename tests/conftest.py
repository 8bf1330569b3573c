"""Shared test settings: the Hypothesis profile."""

from hypothesis import settings

settings.register_profile("default", deadline=None, max_examples=200)
settings.load_profile("default")

# Needs PyTorch and Keras, which the suite does not: it is run by hand to regenerate the golden values.
collect_ignore = ["make_golden.py"]
