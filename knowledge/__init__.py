"""Curated knowledge about children's motor development, and the matcher that searches it."""
