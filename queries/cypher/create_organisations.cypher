// Create organisations the import adds (the store checked, under its import lock, that none of
// these ids is stored): no MERGE and no old link to remove, so no Eager step.
UNWIND $rows AS row
CREATE (o:Organisation {id: row.id, seq: row.seq, doc: row.doc})
SET o += row.props
WITH o, row
UNWIND row.territories AS code
MATCH (t:Territory {code: code})
CREATE (o)-[:COVERS]->(t)
