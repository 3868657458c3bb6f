// Ties, optionally those touching an organisation, declared by a project.
MATCH (a:Organisation)-[r:{{TIE_TYPES}}]->(b:Organisation)
WHERE ($organisation IS NULL OR a.id = $organisation OR b.id = $organisation)
  AND ($project IS NULL OR r.project = $project)
RETURN r.doc AS doc
ORDER BY r.seq
