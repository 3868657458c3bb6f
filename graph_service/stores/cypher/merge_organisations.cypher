// Write organisations (new or changed) and rebuild the territories they cover.
UNWIND $rows AS row
MERGE (o:Organisation {id: row.id})
ON CREATE SET o.seq = row.seq
SET o += row.props, o.doc = row.doc
WITH o, row
CALL (o) {
  MATCH (o)-[old:COVERS]->(:Territory)
  DELETE old
}
CALL (o, row) {
  UNWIND row.territories AS code
  MATCH (t:Territory {code: code})
  MERGE (o)-[:COVERS]->(t)
}
