"""For maintainers: the `kb` command line (check, new, stamp, stats, schema, import) and what it writes."""
