-- The planner's default estimate for a set-returning function is 1,000 rows, which made a hash join over
-- the whole tenant look cheaper than probing the primary key for each match. Searches return far fewer.
ALTER FUNCTION comptoir_search(text, text, integer) ROWS 100;
