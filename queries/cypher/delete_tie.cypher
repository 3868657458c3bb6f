// Delete one tie by its natural key; returns how many went (0 or 1).
OPTIONAL MATCH (:Organisation {id: $source})-[r:{{TIE_TYPE}} {key: $key}]->(:Organisation {id: $target})
DELETE r
RETURN count(r) AS deleted
