// Write ties of one kind (new or changed) between two stored organisations. Returns how many
// were written, so a tie whose ends are missing cannot vanish silently. Properties are set one by
// one: a map (`r += row.props`) would make the planner materialise every row (Eager).
UNWIND $rows AS row
MATCH (a:Organisation {id: row.source})
MATCH (b:Organisation {id: row.target})
MERGE (a)-[r:{{TIE_TYPE}} {key: row.key}]->(b)
ON CREATE SET r.seq = row.seq
SET r.kind = row.kind, r.formal = row.formal, r.strength = row.strength, r.project = row.project
RETURN count(r) AS written
