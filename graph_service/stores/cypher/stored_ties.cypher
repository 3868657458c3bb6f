// The stored tie of one kind behind each row [source handle, target handle, project, position]:
// a tie is its two ends, its kind (the relationship type) and the project that declares it.
// Returns the row's position, the tie's handle and what an import may change.
UNWIND $rows AS row
MATCH (a:Organisation)
WHERE elementId(a) = row[0]
MATCH (b:Organisation)
WHERE elementId(b) = row[1]
MATCH (a)-[r:{{TIE_TYPE}}]->(b)
WHERE r.project = row[2] OR (r.project IS NULL AND row[2] IS NULL)
RETURN row[3] AS position, elementId(r) AS handle, r.formal AS formal, r.strength AS strength
