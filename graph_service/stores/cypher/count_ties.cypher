// How many ties of one kind the database holds (from the count store, no scan): none means an
// import has no stored tie of that kind to look up.
MATCH ()-[r:{{TIE_TYPE}}]->()
RETURN count(r) AS ties
