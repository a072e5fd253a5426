-- attack: set_config('statement_timeout') inside a SELECT | expect: rejected
SELECT set_config('statement_timeout', '0', false), count(*) FROM items;
