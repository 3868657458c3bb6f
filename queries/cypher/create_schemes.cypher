// Create schemes the import adds (none of these ids is stored: checked under the import lock),
// with their operator and the territories they cover.
UNWIND $rows AS row
CREATE (s:Scheme {id: row.id, seq: row.seq, doc: row.doc})
SET s += row.props
WITH s, row
CALL (s, row) {
  MATCH (operator:Organisation {id: row.operator})
  CREATE (operator)-[:OPERATES]->(s)
}
CALL (s, row) {
  UNWIND row.territories AS code
  MATCH (t:Territory {code: code})
  CREATE (s)-[:COVERS]->(t)
}
