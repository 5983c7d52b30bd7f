"""Suggestions: annotations proposed by rules and recommenders, for an annotator to accept."""
