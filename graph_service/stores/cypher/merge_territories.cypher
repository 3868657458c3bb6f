// Write territories (new or changed); their PART_OF links are rebuilt by link_territory_parents.
UNWIND $rows AS row
MERGE (t:Territory {code: row.code})
ON CREATE SET t.seq = row.seq
SET t += row.props, t.doc = row.doc
WITH t
CALL (t) {
  MATCH (t)-[old:PART_OF]->(:Territory)
  DELETE old
}
