// Delete a territory nothing refers to (no sub-territory, nothing covering it).
OPTIONAL MATCH (t:Territory {code: $code})
WITH t, t IS NOT NULL AS found, EXISTS { (t)<-[:PART_OF|COVERS]-() } AS referenced
CALL (t, found, referenced) {
  WITH t
  WHERE found AND NOT referenced
  DETACH DELETE t
}
RETURN found, referenced
