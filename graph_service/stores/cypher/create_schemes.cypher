// Create schemes the import adds (none of these ids is stored): operator and territories by
// handle (element id); the new handles come back for the projects that articulate with them.
UNWIND $rows AS row
CREATE (s:Scheme {id: row.id, seq: row.seq, doc: row.doc})
SET s += row.props
WITH s, row
CALL (s, row) {
  MATCH (operator:Organisation)
  WHERE elementId(operator) = row.operator
  CREATE (operator)-[:OPERATES]->(s)
}
CALL (s, row) {
  UNWIND row.covers AS handle
  MATCH (t:Territory)
  WHERE elementId(t) = handle
  CREATE (s)-[:COVERS]->(t)
}
RETURN row.id AS key, elementId(s) AS handle
