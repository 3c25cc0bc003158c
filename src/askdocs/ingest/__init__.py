"""Files to documents to passages and dated sentences: what the indexer reads."""
