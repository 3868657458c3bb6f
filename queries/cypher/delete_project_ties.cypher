// Delete the ties of one type that a project declared.
MATCH (:Organisation)-[r:{{TIE_TYPE}}]->(:Organisation)
WHERE r.project = $project
DELETE r
