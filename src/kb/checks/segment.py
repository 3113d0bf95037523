"""Chinese word segmentation with rjieba, cut for cut the same as jieba. Pure.

The near-duplicate check (kb.checks.similar) compares the words of question titles. rjieba binds jieba-rs, a
Rust port of jieba with the same dictionary and the same HMM for unknown words: on every run of Han
characters of the content it gives exactly jieba 0.42.1's words, about 12 times faster
(tests/test_segment.py compares the two on the real content). On mixed text the two differ (jieba-rs
keeps ``Pre-LN`` whole), so only pure Han runs are cut here.
"""

from __future__ import annotations

from rjieba import cut as _cut


def words(run: str) -> list[str]:
    """The words of a run of Han characters."""
    return _cut(run)
