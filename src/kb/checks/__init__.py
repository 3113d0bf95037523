"""Checks across files: links, syllabus ids, editorial standards, near-duplicates, characters. Pure."""
