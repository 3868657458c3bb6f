// Create projects the import adds (none of these ids is stored): lead, partners with their
// commitment, territories and schemes, each given by handle (element id).
UNWIND $rows AS row
CREATE (p:Project {id: row.id, seq: row.seq, doc: row.doc})
SET p += row.props
WITH p, row
CALL (p, row) {
  MATCH (lead:Organisation)
  WHERE elementId(lead) = row.lead
  CREATE (lead)-[:LEADS]->(p)
}
CALL (p, row) {
  UNWIND row.partners AS partner
  MATCH (o:Organisation)
  WHERE elementId(o) = partner.handle
  CREATE (o)-[r:PARTNER_IN]->(p)
  SET r = partner.props
}
CALL (p, row) {
  UNWIND row.covers AS handle
  MATCH (t:Territory)
  WHERE elementId(t) = handle
  CREATE (p)-[:COVERS]->(t)
}
CALL (p, row) {
  UNWIND row.articulates AS handle
  MATCH (s:Scheme)
  WHERE elementId(s) = handle
  CREATE (p)-[:ARTICULATES_WITH]->(s)
}
RETURN row.id AS key, elementId(p) AS handle
