// Every territory, or a territory and all those below it, in first-insertion order.
MATCH (t:Territory)
WHERE $root IS NULL OR EXISTS { (t)-[:PART_OF*0..]->(:Territory {code: $root}) }
RETURN t.doc AS doc
ORDER BY t.seq
