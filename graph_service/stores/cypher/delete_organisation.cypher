// Delete an organisation no project or scheme names, with its ties.
OPTIONAL MATCH (o:Organisation {id: $id})
WITH o, o IS NOT NULL AS found,
     EXISTS { (o)-[:LEADS|PARTNER_IN]->(:Project) } OR EXISTS { (o)-[:OPERATES]->(:Scheme) } AS referenced
CALL (o, found, referenced) {
  WITH o
  WHERE found AND NOT referenced
  DETACH DELETE o
}
RETURN found, referenced
