// Write ties of one kind and count them, in one pass with no read-back: each row's stored tie is
// found by its key (unique index seek); absent, it is created between its two stored
// organisations; present with another `formal` or `strength`, those are updated (source, target,
// kind and project are the key itself, so nothing else can differ); otherwise it is left alone.
// `created` lets the store refuse a tie whose ends are missing instead of losing it silently.
UNWIND $rows AS row
OPTIONAL MATCH ()-[old:{{TIE_TYPE}} {key: row.key}]->()
WITH row, old,
     CASE
       WHEN old IS NULL THEN 'added'
       WHEN old.formal = row.formal AND old.strength = row.strength THEN 'unchanged'
       ELSE 'changed'
     END AS status
CALL (row, old, status) {
  WITH row, old
  WHERE status = 'changed'
  SET old.formal = row.formal, old.strength = row.strength
}
CALL (row, status) {
  WITH row
  WHERE status = 'added'
  MATCH (a:Organisation {id: row.source})
  MATCH (b:Organisation {id: row.target})
  CREATE (a)-[r:{{TIE_TYPE}} {key: row.key, seq: row.seq, kind: row.kind, formal: row.formal,
                             strength: row.strength, project: row.project}]->(b)
  RETURN count(r) AS created
}
RETURN count(CASE status WHEN 'added' THEN 1 END) AS added,
       count(CASE status WHEN 'changed' THEN 1 END) AS changed,
       count(CASE status WHEN 'unchanged' THEN 1 END) AS unchanged,
       sum(created) AS created
