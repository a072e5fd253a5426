-- attack: server file access: listing the data directory | expect: rejected
SELECT * FROM pg_ls_dir('.');
