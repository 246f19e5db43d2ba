"""The office's knowledge base: articles kept as reviewable text files, and the search over them."""
