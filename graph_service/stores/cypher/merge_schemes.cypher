// Write schemes (new or changed), their operator and the territories they cover.
UNWIND $rows AS row
MERGE (s:Scheme {id: row.id})
ON CREATE SET s.seq = row.seq
SET s += row.props, s.doc = row.doc
WITH s, row
CALL (s) {
  MATCH (s)-[old:COVERS]->(:Territory)
  DELETE old
}
CALL (s) {
  MATCH (:Organisation)-[old:OPERATES]->(s)
  DELETE old
}
CALL (s, row) {
  MATCH (operator:Organisation {id: row.operator})
  MERGE (operator)-[:OPERATES]->(s)
}
CALL (s, row) {
  UNWIND row.territories AS code
  MATCH (t:Territory {code: code})
  MERGE (s)-[:COVERS]->(t)
}
