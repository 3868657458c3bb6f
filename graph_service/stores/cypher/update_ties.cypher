// Update stored ties of one kind whose `formal` or `strength` changed: rows [tie handle, formal,
// strength]. Ends, kind and project identify a tie, so nothing else can differ.
UNWIND $rows AS row
MATCH ()-[r:{{TIE_TYPE}}]->()
WHERE elementId(r) = row[0]
SET r.formal = row[1], r.strength = row[2]
RETURN count(r) AS updated
