// Projects, optionally of a call, on a territory (or below it), with an organisation as lead or
// partner, aimed at a public.
MATCH (p:Project)
WHERE ($call IS NULL OR p.call = $call)
  AND ($public IS NULL OR $public IN p.publics)
  AND ($organisation IS NULL
       OR EXISTS { (:Organisation {id: $organisation})-[:LEADS|PARTNER_IN]->(p) })
  AND ($territory IS NULL
       OR EXISTS { (p)-[:COVERS]->(:Territory)-[:PART_OF*0..]->(:Territory {code: $territory}) })
RETURN p.doc AS doc
ORDER BY p.seq
