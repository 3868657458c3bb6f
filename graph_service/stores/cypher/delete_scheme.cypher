// Delete a scheme no project articulates with.
OPTIONAL MATCH (s:Scheme {id: $id})
WITH s, s IS NOT NULL AS found, EXISTS { (:Project)-[:ARTICULATES_WITH]->(s) } AS referenced
CALL (s, found, referenced) {
  WITH s
  WHERE found AND NOT referenced
  DETACH DELETE s
}
RETURN found, referenced
