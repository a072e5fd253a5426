CREATE INDEX items_id_mod_idx ON items ((id % 1000));
