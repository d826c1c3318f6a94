"""Machine translation: engines, the model store, masking, the memory and filling catalogs."""
