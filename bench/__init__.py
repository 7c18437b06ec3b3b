"""The plansite benchmark: a synthetic corpus (corpus.py) and the command that measures it (run.py)."""
