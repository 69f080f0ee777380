/*
 * cx_splitmix.h
 *		splitmix64 (Steele, Lea and Flood, 2014), the pseudo-random numbers
 *		of the project's test programs (test/unit/test_core.c,
 *		test/fuzz/fuzz.c): small, fast, and the same on every machine, so
 *		that a seed reproduces a run.
 */
#ifndef CX_SPLITMIX_H
#define CX_SPLITMIX_H

#include <stdint.h>

/* The next number of the stream whose state is *state. */
static inline uint64_t
cx_splitmix64(uint64_t *state)
{
	uint64_t	z = (*state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

#endif							/* CX_SPLITMIX_H */
