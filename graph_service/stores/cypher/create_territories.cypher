// Create territories the import adds (none of these codes is stored: checked under the import
// lock); their PART_OF links are made by link_territory_parents. The new handles come back.
UNWIND $rows AS row
CREATE (t:Territory {code: row.code, seq: row.seq, doc: row.doc})
SET t += row.props
RETURN row.code AS key, elementId(t) AS handle
