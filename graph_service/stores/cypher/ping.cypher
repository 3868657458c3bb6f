// Ask the database something cheap.
RETURN 1 AS ok
