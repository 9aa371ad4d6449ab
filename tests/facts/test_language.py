"""Facts are read only from Indonesian bodies."""

from __future__ import annotations

from warta.facts.language import indonesian_share
from warta.settings import Settings

ID = ("Polisi menangkap dua orang yang diduga mencuri sepeda motor di pasar itu pada Senin "
      "malam, kata kepala kepolisian setempat kepada wartawan.")
EN = ("Police arrested two people suspected of stealing a motorcycle at the market on Monday "
      "night, the local police chief told reporters.")


def test_indonesian_body_passes_and_english_does_not() -> None:
    threshold = Settings().min_indonesian_share
    assert indonesian_share([ID]) >= threshold
    assert indonesian_share([EN]) < threshold


def test_empty_body_is_not_indonesian() -> None:
    assert indonesian_share([]) == 0.0
