"""kb: the content pipeline of the bilingual LLM interview knowledge base."""

__version__ = "0.1.0"
