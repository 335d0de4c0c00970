"""Real laws for the tests, each file exactly as its source published it (see README.md)."""

from pathlib import Path

CORPUS = Path(__file__).resolve().parent
