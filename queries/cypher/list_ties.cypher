// Ties, optionally those touching an organisation, declared by a project.
MATCH (a:Organisation)-[r:{{TIE_TYPES}}]->(b:Organisation)
WHERE ($organisation IS NULL OR a.id = $organisation OR b.id = $organisation)
  AND ($project IS NULL OR r.project = $project)
RETURN a.id AS source, b.id AS target, type(r) AS type, r.formal AS formal,
       r.strength AS strength, r.project AS project
ORDER BY r.seq
