// The data version: how many write transactions the store has committed (0 before the first).
OPTIONAL MATCH (s:Sequence {name: $name})
RETURN coalesce(s.value, 0) AS value
