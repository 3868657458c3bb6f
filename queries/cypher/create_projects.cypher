// Create projects the import adds (none of these ids is stored: checked under the import lock),
// with their lead, partners, territories and schemes: no MERGE and no old link to remove.
UNWIND $rows AS row
CREATE (p:Project {id: row.id, seq: row.seq, doc: row.doc})
SET p += row.props
WITH p, row
CALL (p, row) {
  MATCH (lead:Organisation {id: row.lead})
  CREATE (lead)-[:LEADS]->(p)
}
CALL (p, row) {
  UNWIND row.partners AS partner
  MATCH (o:Organisation {id: partner.organisation})
  CREATE (o)-[r:PARTNER_IN]->(p)
  SET r = partner.props
}
CALL (p, row) {
  UNWIND row.territories AS code
  MATCH (t:Territory {code: code})
  CREATE (p)-[:COVERS]->(t)
}
CALL (p, row) {
  UNWIND row.schemes AS scheme_id
  MATCH (s:Scheme {id: scheme_id})
  CREATE (p)-[:ARTICULATES_WITH]->(s)
}
