-- Search within the caller's record scope. The owners a user may read (`own`: themselves; `team`: them and
-- their teammates) are passed in and applied before the best matches are taken, so a user whose scope is
-- narrower than the tenant never loses their own matches behind the tenant's. NULL means every owner.
DROP FUNCTION IF EXISTS comptoir_search(text, text, integer);--> statement-breakpoint
CREATE OR REPLACE FUNCTION comptoir_search(p_entity text, p_q text, p_limit integer, p_owners uuid[])
RETURNS TABLE(id uuid, score real)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public SET pg_trgm.word_similarity_threshold = 0.5 AS $$
DECLARE
  cfg record;
  t uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  q text := comptoir_unaccent(lower(btrim(p_q)));
BEGIN
  IF t IS NULL OR q IS NULL OR q = '' THEN RETURN; END IF;
  SELECT c.table_name, c.expr INTO cfg FROM core_search_config c WHERE c.entity = p_entity;
  IF NOT FOUND THEN RETURN; END IF;
  RETURN QUERY EXECUTE format(
    'SELECT s.id, greatest(similarity(%1$s, $2), word_similarity($2, %1$s))::real AS score FROM %2$I s '
    'WHERE s.tenant_id = $1 AND s.deleted_at IS NULL %3$s AND (%1$s LIKE $3 OR $2 <%% %1$s) '
    'ORDER BY score DESC, s.id LIMIT $4', cfg.expr, cfg.table_name,
    CASE WHEN p_owners IS NULL THEN '' ELSE 'AND s.owner_id = ANY($5)' END)
  USING t, q, '%' || replace(replace(replace(q, '\', '\\'), '%', '\%'), '_', '\_') || '%', p_limit, p_owners;
END $$;--> statement-breakpoint
ALTER FUNCTION comptoir_search(text, text, integer, uuid[]) ROWS 100;
