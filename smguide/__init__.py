"""smguide: a desktop guide to a council's social media policy."""

# The one place the version is written; pyproject.toml reads it from here.
# (A literal, because importlib.metadata costs ~50 ms of start-up.)
__version__ = "0.1.0"
