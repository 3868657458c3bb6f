// The organisations of the given ids, in first-insertion order.
MATCH (o:Organisation)
WHERE o.id IN $ids
RETURN o.doc AS doc
ORDER BY o.seq
