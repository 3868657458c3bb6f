// Delete a project with its links (the ties it declared go by delete_project_ties).
OPTIONAL MATCH (p:Project {id: $id})
WITH p, p IS NOT NULL AS found
CALL (p, found) {
  WITH p
  WHERE found
  DETACH DELETE p
}
RETURN found, false AS referenced
