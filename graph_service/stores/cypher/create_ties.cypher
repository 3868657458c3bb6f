// Create ties of one kind the import adds (the store looked them up first, or one of their ends
// is new in this import): each row is [source handle, target handle, seq, formal, strength,
// project]. Ends by handle (element id) and rows as lists: no index seek, no Eager step.
UNWIND $rows AS row
MATCH (a:Organisation)
WHERE elementId(a) = row[0]
MATCH (b:Organisation)
WHERE elementId(b) = row[1]
CREATE (a)-[r:{{TIE_TYPE}} {seq: row[2], formal: row[3], strength: row[4], project: row[5]}]->(b)
RETURN count(r) AS created
