// The handle (element id) of each given key, for stored nodes an import links to without
// rewriting them (a tie file naming organisations stored earlier). Handles are read and used in
// the same transaction, under the import lock; a query that links by handle also checks the label.
UNWIND $keys AS key
MATCH (n:{{LABEL}})
WHERE n.{{KEY}} = key
RETURN key, elementId(n) AS handle
