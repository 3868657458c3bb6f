// Start-up: a tie's natural key (source|target|kind|project) is unique within its type.
CREATE CONSTRAINT {{TIE_TYPE}}_key_unique IF NOT EXISTS
FOR ()-[r:{{TIE_TYPE}}]-() REQUIRE r.key IS UNIQUE
