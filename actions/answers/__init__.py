"""Answers, one module per kind of question; each takes a Context and a Question
and returns a Reply. Facts come from db.api, words from the catalogs, numbers only
from stored figures."""
