"""The package version, recorded in every result."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("extractor")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0+unknown"
