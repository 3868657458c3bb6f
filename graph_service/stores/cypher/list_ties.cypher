// Ties, optionally those a project declares ($project null: all of them).
MATCH (a:Organisation)-[r:{{TIE_TYPES}}]->(b:Organisation)
WHERE $project IS NULL OR r.project = $project
RETURN a.id AS source, b.id AS target, type(r) AS type, r.formal AS formal,
       r.strength AS strength, r.project AS project
ORDER BY r.seq
