-- attack: server file access: lo_import | expect: rejected
SELECT lo_import('/etc/passwd');
