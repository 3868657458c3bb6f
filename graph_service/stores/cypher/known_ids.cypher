// The keys already stored, for validating a partial import.
CALL () { MATCH (t:Territory) RETURN collect(t.code) AS territories }
CALL () { MATCH (o:Organisation) RETURN collect(o.id) AS organisations }
CALL () { MATCH (s:Scheme) RETURN collect(s.id) AS schemes }
CALL () { MATCH (p:Project) RETURN collect(p.id) AS projects }
CALL () { MATCH (o:Organisation) WHERE o.siret IS NOT NULL RETURN collect([o.siret, o.id]) AS sirets }
RETURN territories, organisations, schemes, projects, sirets
