"""Bersih's core for text corpora: finds and removes the broker ads spam farms inject into news
text, and Blogger footer clutter. A text is a post as plain text, one paragraph a line."""

from typing import List, Optional, Sequence, TypedDict

__version__: str

class Finding(TypedDict):
    """One removed fragment; ``text[start:end] == finding["text"]``."""

    start: int
    """Offset in code points (a Python string index), not in bytes."""
    end: int
    category: str
    """``prefix``, ``suffix``, ``inline``, ``line``, ``link-line``, ``label-list``,
    ``comment-count``, ``comment-form``, ``share``, ``pager``, ``feed`` or ``backlinks``."""
    rule: str
    text: str

def scan(text: str) -> List[Finding]:
    """Every finding in ``text``, in order."""

def clean(text: str) -> str:
    """``text`` with every finding removed: what ``bersih clean`` prints for it."""

def clean_batch(texts: Sequence[str], threads: Optional[int] = None) -> List[str]:
    """``clean`` of every text, in order, on ``threads`` threads (default: one per CPU) with the
    GIL released. Raises ``ValueError`` when ``threads`` is 0."""
