// Write ties of one kind (new or changed) between two stored organisations. Returns how many
// were written, so a tie whose ends are missing cannot vanish silently.
UNWIND $rows AS row
MATCH (a:Organisation {id: row.source})
MATCH (b:Organisation {id: row.target})
MERGE (a)-[r:{{TIE_TYPE}} {key: row.key}]->(b)
ON CREATE SET r.seq = row.seq
SET r += row.props, r.doc = row.doc
RETURN count(r) AS written
