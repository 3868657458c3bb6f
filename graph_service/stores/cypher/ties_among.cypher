// The ties whose two ends are both among the given organisations (N(P), an ecosystem).
MATCH (a:Organisation)-[r:{{TIE_TYPES}}]->(b:Organisation)
WHERE a.id IN $ids AND b.id IN $ids
RETURN a.id AS source, b.id AS target, type(r) AS type, r.formal AS formal,
       r.strength AS strength, r.project AS project
ORDER BY r.seq
