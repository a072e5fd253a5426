-- attack: set_config lifting transaction_read_only inside a SELECT | expect: rejected
SELECT set_config('transaction_read_only', 'off', true), count(*) FROM items;
