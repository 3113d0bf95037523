"""The content model: pydantic models for questions, categories, tags and glossary terms.

No I/O here. Every model derives from ``Model``: unknown keys are refused (a typo such as ``titel:`` is an
error) and values are typed strictly, as YAML read them: ``difficulty: yes`` (a YAML boolean) is not 1,
``reviewed: 86400`` is not a date in 1970, ``title: 1.5`` is not the text "1.5", a mapping or a set is not a list.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from kb.content.urls import CATEGORIES, QUESTIONS, TAGS, TRACKS, reserved

# The limits of ids and titles: kb check, kb new and kb import all read them from here.
SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX = 80  # characters of an id, a tag or a category slug
TITLE_MAX = 120  # characters of a title (kb.checks.editorial warns above 60 in Chinese)
SOURCE_RE = r"^[^\s#]+#[1-9][0-9]*(?:@[0-9a-f]{8})?$"  # <seed file>#<number>[@<fingerprint>]
SYLLABUS_ID_RE = r"^[A-Z][1-9][0-9]?$"
# An ASCII host and no user part: https://arxiv.org@evil.example/ shows arxiv.org but opens evil.example,
# and https://аrxiv.org/ (a Cyrillic а) is another host that looks the same.
URL_MAX = 2000  # characters of a reference URL: longer ones are cut by browsers and servers (and are no citation)
URL_RE = r"^https://[A-Za-z0-9.:\[\]-]+(?:[/?#][^\s<>\"']*)?$"

# What a value of each pattern looks like, in error messages ("expected <this>, got ..."). A pattern not listed
# here is shown to the author as the regular expression itself, never described by another pattern's words.
PATTERN_EXPECTED = {
    SLUG_RE: "a lowercase kebab-case slug (a-z, 0-9, '-')",
    URL_RE: "an https:// URL with a host in ASCII letters, digits, '.' and '-' and no user@ part",
    SOURCE_RE: "'<seed file name>#<entry number>'",
}

Slug = Annotated[str, StringConstraints(pattern=SLUG_RE, max_length=SLUG_MAX)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Source = Annotated[str, StringConstraints(pattern=SOURCE_RE)]
SyllabusId = Annotated[str, StringConstraints(pattern=SYLLABUS_ID_RE)]


class Model(BaseModel):
    """The base of every content model (a new model inherits all of this).

    Strict: an int field takes a YAML integer only (not a boolean, a float or text), a text field text only
    (not a number, a boolean or a date), a date field a date only (``kb.content.yamlio`` reads ``YYYY-MM-DD``
    as a date, nothing else). Lists: YAML gives Python lists, the (frozen) models hold tuples; only a list
    becomes a tuple here, so a set or a mapping where a list is expected stays an error.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, strict=True)

    @model_validator(mode="before")
    @classmethod
    def _lists_as_tuples(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: _tuples(value) for key, value in data.items()}
        return data


def _tuples(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value  # no field is a list of lists


def _page_name(folder: str, value: str) -> str:
    """``value`` if it can name a page in ``folder`` (kb.content.urls); else ValueError saying why."""
    why = reserved(folder, value)
    if why is not None:
        raise ValueError(why)
    return value


class Localized(Model):
    """One language's text of a question."""

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX)]
    question: Text
    answer: Text
    analysis: Optional[Text] = None
    aliases: tuple[Text, ...] = ()
    translated_from: Optional[Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]] = Field(
        default=None,
        description="Hash of the zh text this translation was made from (written by `kb stamp`).",
    )


class Related(Model):
    """A link to a related question, with a few words on how the two relate."""

    id: Slug
    zh: Optional[Text] = None
    en: Optional[Text] = None


class Reference(Model):
    """A paper or an official document that backs a claim."""

    title: Text
    url: Annotated[str, StringConstraints(pattern=URL_RE, max_length=URL_MAX)]
    authors: Optional[Text] = None
    year: Optional[Annotated[int, Field(ge=1900, le=2100)]] = None
    venue: Optional[Text] = None


class Question(Model):
    """One interview question, both languages in one file: content/qa/<id>.yml."""

    id: Slug
    category: Slug
    difficulty: Annotated[int, Field(ge=1, le=3)]
    frequency: Annotated[int, Field(ge=1, le=3,
                                    description="How often interviews ask it: 1 rarely, 2 often, 3 almost always.")]
    syllabus: tuple[SyllabusId, ...] = Field(
        default=(),
        description="Ids of the canonical questions (content/syllabus.yml) whose home page this is.",
    )
    tags: tuple[Slug, ...] = ()
    related: tuple[Related, ...] = ()
    sources: tuple[Source, ...] = ()
    references: tuple[Reference, ...] = ()
    reviewed: Optional[_dt.date] = None
    zh: Localized
    en: Optional[Localized] = None

    @field_validator("related", mode="before")
    @classmethod
    def _plain_ids(cls, value: object) -> object:
        """``related`` items may be a bare id or a mapping with notes."""
        if isinstance(value, (list, tuple)):
            return tuple({"id": item} if isinstance(item, str) else item for item in value)
        return value

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        return _page_name(QUESTIONS, value)

    def related_links(self) -> tuple[Related, ...]:
        return self.related


class CategoryText(Model):
    name: Text
    description: Text


class Category(Model):
    slug: Slug
    order: int
    zh: CategoryText
    en: CategoryText

    @field_validator("slug")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        return _page_name(CATEGORIES, value)



class Tag(Model):
    slug: Slug
    zh: Text
    en: Text

    @field_validator("slug")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        return _page_name(TAGS, value)


class GlossaryText(Model):
    term: Text
    definition: Text
    aliases: tuple[Text, ...] = ()


class GlossaryTerm(Model):
    id: Slug
    zh: GlossaryText
    en: GlossaryText


class CategoryFile(Model):
    categories: tuple[Category, ...]


class TagFile(Model):
    tags: tuple[Tag, ...]


class GlossaryFile(Model):
    terms: tuple[GlossaryTerm, ...]


class SyllabusText(Model):
    zh: Text
    en: Text


class SyllabusQuestion(Model):
    """A question that two or more public collections of interview questions ask."""

    id: SyllabusId
    asked_by: Annotated[int, Field(ge=2, le=6, description="How many of the six collections ask it.")]
    zh: Text
    en: Text


class SyllabusArea(Model):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
    zh: Text
    en: Text
    questions: tuple[SyllabusQuestion, ...]


class SyllabusFile(Model):
    """content/syllabus.yml: the canonical questions, by area, that the content is measured against."""

    areas: tuple[SyllabusArea, ...]


class TrackText(Model):
    name: Text
    description: Text


class StageText(Model):
    name: Text


class TrackStage(Model):
    """One stage of a study track: its name in both languages and its questions, in order."""

    zh: StageText
    en: StageText
    questions: Annotated[tuple[Slug, ...], Field(min_length=1)]


class Track(Model):
    """A study plan for a role: stages of questions, in the order a learner should take them."""

    slug: Slug
    zh: TrackText
    en: TrackText
    stages: Annotated[tuple[TrackStage, ...], Field(min_length=1)]

    @field_validator("slug")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        return _page_name(TRACKS, value)


class TrackFile(Model):
    """content/tracks.yml: the study tracks (role-based plans) that maintainers edit."""

    tracks: Annotated[tuple[Track, ...], Field(min_length=1)]
