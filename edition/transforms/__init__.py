"""Transforms: model in, model out (person resolution, checks, index collection)."""
