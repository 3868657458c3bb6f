// Start-up: deleting a project finds the ties it declared by scanning ties of each type; databases
// written before kept an index on `project`, which every import had to update at commit.
DROP INDEX {{TIE_TYPE}}_project IF EXISTS
