// Opening an import, under its lock: every stored key, with the handle (element id) of the nodes
// an import may link to, and the organisations' SIRETs. The import validates its references
// against the keys, then writes each new link between nodes given by handle.
CALL () { MATCH (t:Territory) RETURN collect([t.code, elementId(t)]) AS territories }
CALL () { MATCH (o:Organisation) RETURN collect([o.id, elementId(o), o.siret]) AS organisations }
CALL () { MATCH (s:Scheme) RETURN collect([s.id, elementId(s)]) AS schemes }
CALL () { MATCH (p:Project) RETURN collect(p.id) AS projects }
RETURN territories, organisations, schemes, projects
