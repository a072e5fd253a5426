-- attack: an overlong UTF-8 encoding of '/' in an identifier | expect: rejected
SELECT 1 AS "À¯";
