-- Queries of one or two characters (招生, 校務) are below trigram length, so a trigram
-- index cannot serve them (issue 12). The lower-cased single characters and pairs of
-- adjacent characters of a name, as an array that a GIN index holds: `name contains q`
-- for a one- or two-character q is then `custodian_short_grams(name) @> array[lower(q)]`.
CREATE OR REPLACE FUNCTION custodian_short_grams(text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT coalesce(array_agg(DISTINCT substr(lower($1), i, n)), '{}')
    FROM generate_series(1, char_length($1)) AS i, (VALUES (1), (2)) AS v (n)
    WHERE i + n - 1 <= char_length($1)
  $$;
