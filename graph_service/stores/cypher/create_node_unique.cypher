// Start-up: one uniqueness constraint per node label and its key (also the index lookups use).
// {{LABEL}} and {{KEY}} come from the store's enums, never from input.
CREATE CONSTRAINT {{LABEL}}_{{KEY}}_unique IF NOT EXISTS
FOR (n:{{LABEL}}) REQUIRE n.{{KEY}} IS UNIQUE
