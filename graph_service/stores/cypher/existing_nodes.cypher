// The stored canonical document of each given key, to count added, changed and unchanged.
UNWIND $keys AS key
MATCH (n:{{LABEL}})
WHERE n.{{KEY}} = key
RETURN key, n.doc AS doc
