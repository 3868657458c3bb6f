// Open an import or a delete: take the write lock on the insertion counter (writes run one at a time, like
// SQLite's BEGIN IMMEDIATE) and read where it stands. New entities get the next numbers, so every
// list can be given back in first-insertion order.
MERGE (s:Sequence {name: $name})
ON CREATE SET s.value = 0
SET s.value = s.value
RETURN s.value AS value
