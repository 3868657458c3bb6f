// Start-up: deleting a project finds the ties it declared through this index.
CREATE INDEX {{TIE_TYPE}}_project IF NOT EXISTS
FOR ()-[r:{{TIE_TYPE}}]-() ON (r.project)
