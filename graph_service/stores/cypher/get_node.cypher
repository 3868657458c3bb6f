// One entity's canonical document by its key.
MATCH (n:{{LABEL}})
WHERE n.{{KEY}} = $key
RETURN n.doc AS doc
