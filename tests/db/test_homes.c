/*
 * test_homes.c — print the /tmp homes this build's db tests use, one a line
 * (the shared "test" home, the sandbox tests' home and test_faults' own,
 * harness.h and residue.h).
 *
 * Not a test: tools/test.sh runs it after the suites to stop the private
 * clusters of exactly these homes and remove them, so that a test run leaves
 * nothing behind and never touches another build's (another checkout's)
 * homes.  The build's pgdrill path is compiled in (PGDRILL_BIN_PATH), the
 * same string meson test passes to the tests as PGDRILL_BIN.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

int
main(void)
{
	static const char *const kinds[] = {"test", "sandbox", "faults"};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		char *home = harness_home_for(kinds[i], PGDRILL_BIN_PATH);

		printf("%s\n", home);
		free(home);
	}
	return 0;
}
