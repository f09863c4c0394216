"""A small index in three languages, with elements, a measure and tiers, for the tests."""

from __future__ import annotations

import copy
from typing import Any, Dict

import pytest

import openness

ANSWERS = {
    "id": "answers",
    "options": [
        {"code": "yes", "label": {"en": "Yes", "fr": "Oui", "ar": "نعم"}, "points": 100},
        {
            "code": "partial",
            "label": {"en": "Partial", "fr": "Partiel", "ar": "جزئي"},
            "points": 50,
        },
        {"code": "no", "label": {"en": "No", "fr": "Non", "ar": "لا"}, "points": 0},
        {
            "code": "not_applicable",
            "label": {"en": "Not applicable", "fr": "Sans objet", "ar": "لا ينطبق"},
            "excluded": True,
        },
    ],
}


def names(text: str) -> Dict[str, str]:
    return {"en": text, "fr": f"{text} (fr)", "ar": f"{text} (ar)"}


SPEC: Dict[str, Any] = {
    "id": "test-index",
    "version": "1.0.0",
    "title": names("Test index"),
    "languages": ["ar", "fr", "en"],
    "levels": [
        {"id": "index", "name": names("Index")},
        {"id": "dimension", "name": names("Dimension")},
        {"id": "indicator", "name": names("Indicator")},
    ],
    "scales": [
        ANSWERS,
        {
            "id": "codes",
            "options": [
                {"code": "refused", "label": names("Refused to say"), "points": 0},
                {"code": "not_applicable", "label": names("Not applicable"), "excluded": True},
            ],
        },
    ],
    "defaultScale": "answers",
    "display": {"decimals": 1},
    "tiers": {
        "bands": [
            {"id": "closed", "min": 0, "label": names("Closed")},
            {"id": "open", "min": 50, "label": names("Open")},
        ]
    },
    "root": {
        "id": "index",
        "level": "index",
        "name": names("Index"),
        "aggregation": {"overLevel": "indicator"},
        "children": [
            {
                "id": "T",
                "level": "dimension",
                "name": names("Transparency"),
                "aggregation": {"weights": "equal"},
                "children": [
                    {
                        "id": "T1",
                        "level": "indicator",
                        "weight": 1,
                        "name": names("Finances"),
                        "aggregation": {"weights": "equal"},
                        "elements": [
                            {"id": "T1.01", "question": names("Accounts published?")},
                            {"id": "T1.02", "question": names("Donors listed?")},
                        ],
                    },
                    {
                        "id": "T2",
                        "level": "indicator",
                        "weight": 1,
                        "name": names("Turnout"),
                        "aggregation": {"weights": "equal"},
                        "measures": [
                            {
                                "id": "T2.m1",
                                "name": names("Share"),
                                "domain": {"min": 0, "max": 100},
                                "direction": "higherIsBetter",
                                "normalisation": {"method": "identity"},
                                "codes": "codes",
                            }
                        ],
                    },
                ],
            }
        ],
    },
}


@pytest.fixture
def spec_dict() -> Dict[str, Any]:
    return copy.deepcopy(SPEC)


@pytest.fixture
def spec() -> openness.Spec:
    return openness.Spec.from_dict(SPEC)


def assessment(*entities: Dict[str, Any]) -> Dict[str, Any]:
    """An assessment file of the test index."""
    return {
        "spec": {"id": "test-index", "version": "1.0.0"},
        "cycle": 2026,
        "entities": list(entities),
    }


def entity(id: str, *responses: Dict[str, Any]) -> Dict[str, Any]:
    return {"id": id, "name": names(id.upper()), "responses": list(responses)}
