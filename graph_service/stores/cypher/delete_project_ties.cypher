// Delete the ties of one type that a project declared (a scan of that type's ties: deleting a
// project is rare, importing ties is not, and an index on `project` slows every import).
MATCH (:Organisation)-[r:{{TIE_TYPE}}]->(:Organisation)
WHERE r.project = $project
DELETE r
