// The stored ties of one type among the given keys, to count added, changed and unchanged.
UNWIND $keys AS key
MATCH (a:Organisation)-[r:{{TIE_TYPE}}]->(b:Organisation)
WHERE r.key = key
RETURN key, a.id AS source, b.id AS target, r.kind AS kind, r.formal AS formal,
       r.strength AS strength, r.project AS project
