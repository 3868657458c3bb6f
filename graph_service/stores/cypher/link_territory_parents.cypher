// Link each written territory to its parent, once every territory of the import is a node.
UNWIND $rows AS row
MATCH (t:Territory {code: row.code})
MATCH (parent:Territory {code: row.parent})
MERGE (t)-[:PART_OF]->(parent)
