"""Names of the actors of ITU meetings in six languages, and a fast lookup of them in text.

    from plenary.gazetteer import gazetteer
    g = gazetteer()
    g.country_by_name("Fédération de Russie", "fr")   # "RUS"
    g.matcher("fr").find(text)                         # [(start, end, Entity), ...]
"""

from .catalog import Gazetteer, gazetteer
from .lookup import Matcher, compile_alternation
from .model import LANGUAGES, Country, Entity, Named

__all__ = [
    "LANGUAGES",
    "Country",
    "Entity",
    "Gazetteer",
    "Matcher",
    "Named",
    "compile_alternation",
    "gazetteer",
]
