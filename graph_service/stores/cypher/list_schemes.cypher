// Schemes, optionally those covering a territory or one below it.
MATCH (s:Scheme)
WHERE $territory IS NULL
   OR EXISTS { (s)-[:COVERS]->(:Territory)-[:PART_OF*0..]->(:Territory {code: $territory}) }
RETURN s.doc AS doc
ORDER BY s.seq
