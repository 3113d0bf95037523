"""Pages out: an engine-neutral page model (Markdown headings around HTML blocks), escaping and labels. Pure."""
