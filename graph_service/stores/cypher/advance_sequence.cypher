// Close an import: store the next free insertion number.
MATCH (s:Sequence {name: $name})
SET s.value = $value
