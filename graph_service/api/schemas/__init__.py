"""Request and response schemas, one family per entity: Base, Create, Update, Public, list."""
