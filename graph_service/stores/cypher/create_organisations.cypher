// Create organisations the import adds (the store checked, under its import lock, that none of
// these ids is stored): no MERGE and no old link to remove, so no Eager step. Territories are
// given by handle (element id); the new handles come back for the links written after.
UNWIND $rows AS row
CREATE (o:Organisation {id: row.id, seq: row.seq, doc: row.doc})
SET o += row.props
WITH o, row
CALL (o, row) {
  UNWIND row.covers AS handle
  MATCH (t:Territory)
  WHERE elementId(t) = handle
  CREATE (o)-[:COVERS]->(t)
}
RETURN row.id AS key, elementId(o) AS handle
