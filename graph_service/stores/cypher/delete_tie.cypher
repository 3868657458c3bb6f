// Delete one tie: its two ends, its kind (the relationship type) and its project ($project null
// for a tie no project declares).
OPTIONAL MATCH (:Organisation {id: $source})-[r:{{TIE_TYPE}}]->(:Organisation {id: $target})
WHERE r.project = $project OR (r.project IS NULL AND $project IS NULL)
DELETE r
RETURN count(r) AS deleted
