// The stored canonical document of each given tie key of one type.
UNWIND $keys AS key
MATCH (:Organisation)-[r:{{TIE_TYPE}}]->(:Organisation)
WHERE r.key = key
RETURN key, r.doc AS doc
