// SPDX-License-Identifier: GPL-2.0
/*
 * census_pool.c - the census's thread pool: a job run on every item of a
 * list by worker threads that take the next item from a shared counter.
 * census_walk.c scans the files with it and census_macro.c reads the
 * headers; neither depends on the other for it.
 */
#include <pthread.h>
#include <stddef.h>

#include "census_int.h"

struct pool {
	size_t n, next;
	void (*fn)(void *ctx, size_t i);
	void *ctx;
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	while ((i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED)) < p->n)
		p->fn(p->ctx, i);
	return NULL;
}

void census_parallel(size_t n, int jobs, void (*fn)(void *ctx, size_t i),
		     void *ctx)
{
	struct pool p = { n, 0, fn, ctx };
	pthread_t th[16];
	int i, started = 0;

	if (jobs > 16)
		jobs = 16;
	for (i = 1; i < jobs; i++)
		if (!pthread_create(&th[started], NULL, worker, &p))
			started++;
	worker(&p);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
}
