// Organisations, optionally on a territory (or below it), of a sector, serving a public.
MATCH (o:Organisation)
WHERE ($sector IS NULL OR o.sector = $sector)
  AND ($public IS NULL OR $public IN o.publics)
  AND ($territory IS NULL
       OR EXISTS { (o)-[:COVERS]->(:Territory)-[:PART_OF*0..]->(:Territory {code: $territory}) })
RETURN o.doc AS doc
ORDER BY o.seq
