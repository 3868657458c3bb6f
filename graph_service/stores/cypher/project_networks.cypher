// N(P) of several projects in one read: for each id, the project's document, its members (lead and
// partners) and the ties among them that P declares or that are known on the territory (no
// project), each found from the project node by index seek and expansion, never by a scan.
// Another application's ties are not part of N(P). One row per stored project; an id with no
// project gives no row.
UNWIND $ids AS id
MATCH (p:Project {id: id})
CALL (p) {
  MATCH (o:Organisation)-[:LEADS|PARTNER_IN]->(p)
  RETURN collect(DISTINCT o) AS members
}
CALL (members, p) {
  UNWIND members AS a
  MATCH (a)-[r:{{TIE_TYPES}}]->(b:Organisation)
  WHERE b IN members AND (r.project IS NULL OR r.project = p.id)
  WITH a, r, b
  ORDER BY r.seq
  RETURN collect({source: a.id, target: b.id, type: type(r), formal: r.formal, strength: r.strength,
                  project: r.project}) AS ties
}
RETURN p.id AS id, p.doc AS doc, [o IN members | o.doc] AS organisations, ties
