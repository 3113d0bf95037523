"""Content in: the model of a question, YAML with line numbers, loading every file, and the errors found."""
