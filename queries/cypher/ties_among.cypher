// The ties whose two ends are both among the given organisations (N(P), an ecosystem).
MATCH (a:Organisation)-[r:{{TIE_TYPES}}]->(b:Organisation)
WHERE a.id IN $ids AND b.id IN $ids
RETURN r.doc AS doc
ORDER BY r.seq
