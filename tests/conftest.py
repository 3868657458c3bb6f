"""Shared fixtures. Area plugins (the Neo4j test instance, the browser) register below."""

pytest_plugins: list[str] = ["tests.support.neo4j", "tests.support.browser"]
