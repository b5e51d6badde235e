"""Batch runs at scale: a result cache, resumable output, a run log of every model call, cost and progress,
and OpenAI Batch API files (prepare requests, collect responses). A thin layer around ``Extractor``."""
