// Write projects (new or changed): lead, partners with their commitment, territories, schemes.
UNWIND $rows AS row
MERGE (p:Project {id: row.id})
ON CREATE SET p.seq = row.seq
SET p += row.props, p.doc = row.doc
WITH p, row
CALL (p) {
  MATCH (:Organisation)-[old:LEADS|PARTNER_IN]->(p)
  DELETE old
}
CALL (p) {
  MATCH (p)-[old:COVERS|ARTICULATES_WITH]->()
  DELETE old
}
CALL (p, row) {
  MATCH (lead:Organisation {id: row.lead})
  MERGE (lead)-[:LEADS]->(p)
}
CALL (p, row) {
  UNWIND row.partners AS partner
  MATCH (o:Organisation {id: partner.organisation})
  MERGE (o)-[r:PARTNER_IN]->(p)
  SET r += partner.props
}
CALL (p, row) {
  UNWIND row.territories AS code
  MATCH (t:Territory {code: code})
  MERGE (p)-[:COVERS]->(t)
}
CALL (p, row) {
  UNWIND row.schemes AS scheme_id
  MATCH (s:Scheme {id: scheme_id})
  MERGE (p)-[:ARTICULATES_WITH]->(s)
}
