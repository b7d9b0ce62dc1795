"""plenary: parse, store, explore and analyse the summary records of intergovernmental meetings."""

__version__ = "0.1.0"
