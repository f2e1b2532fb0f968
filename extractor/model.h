/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_MODEL_H
#define OPSDOC_MODEL_H

#include <stddef.h>

/*
 * The model of the kernel API that opsdoc documents. It is filled by
 * clang.c (or read back from api.json) and is all that the writers and
 * checks see. Every string is owned by the structure that holds it and is
 * freed by api_release(). Paths are relative to the kernel tree.
 */

struct param {
	char *type;		/* as spelled, e.g. "char __user *" */
	char *canonical;	/* canonical type, e.g. "char *" */
	char *name;		/* NULL when the prototype leaves it out */
};

enum member_kind {
	MEMBER_FIELD,
	MEMBER_CALLBACK,	/* pointer to function */
	MEMBER_STRUCT,		/* named member of an unnamed struct type */
	MEMBER_UNION,		/* named member of an unnamed union type */
};

struct member {
	char *name;		/* dotted path for nested members */
	enum member_kind kind;
	char *decl;		/* declaration as the header spells it */
	char *type;		/* canonical type */
	char *ret;		/* callbacks: return type as spelled */
	struct param *params;	/* callbacks only */
	size_t nr_params;
	int active;		/* 0: the configuration leaves it out */
	char *condition;	/* the #if expression it sits under, or NULL */
	char *group;		/* governing group comment, or NULL */
	char *comment;		/* leading or trailing comment, or NULL */
	char *container;	/* "struct"/"union" when nested, or NULL */
	unsigned int line;
};

struct ops_struct {
	char *name;
	int present;
	char *file;
	unsigned int line;
	unsigned int end_line;
	char *attributes;	/* after the closing brace, e.g. __randomize_layout */
	char *source;		/* the definition as in the header, through its ';' */
	struct member *members;	/* in declaration order */
	size_t nr_members;
};

struct enumerator {
	char *name;
	long long value;
	char *comment;
	unsigned int line;
};

struct enum_decl {
	char *name;
	int present;
	char *file;
	unsigned int line;
	struct enumerator *values;
	size_t nr_values;
};

enum helper_kind {
	HELPER_FUNCTION,
	HELPER_MACRO,
};

struct helper {
	char *name;
	enum helper_kind kind;
	char *file;
	unsigned int line;
	char *decl;
	char *doc;		/* the kernel-doc comment, or NULL */
	char *wraps;		/* macros: the helper function they call */
};

/* A place in the tree that uses a callback, found by libclang. */
struct caller {
	char *member;		/* "file_operations.mmap_prepare" */
	char *function;		/* the function whose body has the use */
	char *file;
	unsigned int line;
	char *via;		/* "f_op" or the wrapper called, e.g. "vfs_mmap" */
	int call;		/* 1: called there; 0: its address is read */
};

/* A function of an example driver, with its extent in the file. */
struct example_function {
	char *file;		/* relative to the examples directory */
	char *name;
	unsigned int line, end_line;
};

struct api {
	char *version;		/* "7.3.4" */
	struct ops_struct *structs;
	size_t nr_structs;
	struct enum_decl *enums;
	size_t nr_enums;
	struct helper *helpers;	/* by file, then line */
	size_t nr_helpers;
	struct caller *callers;	/* by member, file, line */
	size_t nr_callers;
	struct example_function *examples;	/* by file, then line */
	size_t nr_examples;
	unsigned int nr_diagnostics;	/* libclang warnings and errors */
};

/* What opsdoc models, in the order api.json lists nothing: keys sort. */
extern const char *const modelled_structs[];
extern const char *const modelled_enums[];
/* The first parameter type that makes a function a helper. */
#define HELPER_PARAM_STRUCT "vm_area_desc"

/* An empty array is NULL: test it before any pointer arithmetic on it. */
#define for_each_struct(api, s) \
	for ((s) = (api)->structs; \
	     (s) && (s) < (api)->structs + (api)->nr_structs; (s)++)
#define for_each_member(st, m) \
	for ((m) = (st)->members; \
	     (m) && (m) < (st)->members + (st)->nr_members; (m)++)
#define for_each_param(m, p) \
	for ((p) = (m)->params; \
	     (p) && (p) < (m)->params + (m)->nr_params; (p)++)
#define for_each_helper(api, h) \
	for ((h) = (api)->helpers; \
	     (h) && (h) < (api)->helpers + (api)->nr_helpers; (h)++)

void api_init(struct api *api);
void api_release(struct api *api);
/* Free what s holds (not s itself) and zero it. */
void ops_struct_release(struct ops_struct *s);

/* Append a zeroed entry and return it. */
struct ops_struct *api_add_struct(struct api *api, const char *name);
struct enum_decl *api_add_enum(struct api *api, const char *name);
struct helper *api_add_helper(struct api *api);
struct caller *api_add_caller(struct api *api);
struct example_function *api_add_example(struct api *api);
struct member *struct_add_member(struct ops_struct *s);
struct param *member_add_param(struct member *m);
struct enumerator *enum_add_value(struct enum_decl *e);

struct ops_struct *find_struct_by_name(const struct api *api, const char *name);
struct enum_decl *find_enum_by_name(const struct api *api, const char *name);
struct member *find_member_by_name(const struct ops_struct *s, const char *name);
struct helper *find_helper_by_name(const struct api *api, const char *name);

const char *member_kind_name(enum member_kind kind);
int member_kind_from_name(const char *name, enum member_kind *kind);
const char *helper_kind_name(enum helper_kind kind);
int helper_kind_from_name(const char *name, enum helper_kind *kind);

/* Order helpers by file, then line. */
void api_sort_helpers(struct api *api);
/* Order callers by member, file, line; drop repeats. */
void api_sort_callers(struct api *api);
void api_sort_examples(struct api *api);
struct example_function *find_example(const struct api *api, const char *file,
				      const char *name);

/* The file_operations callbacks whose callers extract --callers finds. */
extern const char *const caller_members[];

#endif
