// The stored canonical document and the handle (element id) of each given key: the import
// counts added, changed and unchanged from the document, and links to the node by its handle.
UNWIND $keys AS key
MATCH (n:{{LABEL}})
WHERE n.{{KEY}} = key
RETURN key, n.doc AS doc, elementId(n) AS handle
