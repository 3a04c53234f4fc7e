"""smguide: a desktop guide to a council's social media policy."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("smguide")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"
