-- A search returns at most its limit, and the global search asks each entity for a handful: at 100 rows
-- the planner still preferred a hash join over a sequential scan of a table of some 10,000 rows to
-- probing its primary key for each match. Ten keeps the primary key at every table size that matters.
ALTER FUNCTION comptoir_search(text, text, integer, uuid[]) ROWS 10;
