"""Source documents: reading, sentences, collecting messages and extracting catalogs."""
