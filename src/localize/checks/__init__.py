"""Quality checks over translated catalogs."""
