-- attack: RESET ALL to drop the pinned settings | expect: rejected
RESET ALL;
SELECT 1;
