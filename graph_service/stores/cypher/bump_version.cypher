// Count a committed write: the data version, which readers compare to tell that what they computed
// from the store (a call's context, a report) is stale. Run in every write transaction.
MERGE (s:Sequence {name: $name})
ON CREATE SET s.value = 0
SET s.value = s.value + 1
