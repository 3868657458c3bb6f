"""Stores: the embedded SQLite default and Neo4j, behind one interface."""
