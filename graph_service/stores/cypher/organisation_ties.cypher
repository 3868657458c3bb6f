// The ties touching one organisation, from or to it (found by index seek and expansion, not by
// going through every tie), optionally those a project declares.
MATCH (o:Organisation {id: $organisation})
CALL (o) {
  MATCH (o)-[r:{{TIE_TYPES}}]->(b:Organisation)
  RETURN o AS a, r, b
  UNION
  MATCH (a:Organisation)-[r:{{TIE_TYPES}}]->(o)
  RETURN a, r, o AS b
}
WITH a, r, b
WHERE $project IS NULL OR r.project = $project
RETURN a.id AS source, b.id AS target, type(r) AS type, r.formal AS formal,
       r.strength AS strength, r.project AS project
ORDER BY r.seq
