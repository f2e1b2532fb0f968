/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_MODEL_H
#define OPSDOC_MODEL_H

#include <stddef.h>

/*
 * The model of the kernel API that opsdoc documents. It is filled by
 * the libclang layer, lc_*.c (or read back from api.json), and is all
 * that the writers and checks see. Every string is owned by the structure that holds it and is
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
	char *parse_error;	/* the first error in its header, or NULL */
	unsigned int definitions;	/* in the tree's headers; 0: not counted */
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

/**
 * var modelled_structs - the structs that opsdoc models
 *
 * NULL-terminated. This order is not api.json's: its keys are sorted.
 */
extern const char *const modelled_structs[];

/**
 * is_modelled_struct() - is a struct one of modelled_structs?
 * @name: the struct's tag
 *
 * Return: 1 or 0.
 */
int is_modelled_struct(const char *name);

/**
 * var modelled_enums - the enums that opsdoc models
 *
 * NULL-terminated. This order is not api.json's: its keys are sorted.
 */
extern const char *const modelled_enums[];

/**
 * define HELPER_PARAM_STRUCT - the struct that makes a function a helper
 *
 * A function whose first parameter points to this struct is a helper.
 */
#define HELPER_PARAM_STRUCT "vm_area_desc"

/* An empty array is NULL: test it before any pointer arithmetic on it. */

/**
 * for_each_struct() - iterate over the structs of a model
 * @api: the model
 * @s: a struct ops_struct pointer, set to each struct in turn
 */
#define for_each_struct(api, s) \
	for ((s) = (api)->structs; \
	     (s) && (s) < (api)->structs + (api)->nr_structs; (s)++)

/**
 * for_each_member() - iterate over the members of a struct
 * @st: the struct ops_struct
 * @m: a struct member pointer, set to each member in declaration order
 */
#define for_each_member(st, m) \
	for ((m) = (st)->members; \
	     (m) && (m) < (st)->members + (st)->nr_members; (m)++)

/**
 * for_each_param() - iterate over the parameters of a callback
 * @m: the struct member
 * @p: a struct param pointer, set to each parameter in turn
 */
#define for_each_param(m, p) \
	for ((p) = (m)->params; \
	     (p) && (p) < (m)->params + (m)->nr_params; (p)++)

/**
 * for_each_helper() - iterate over the helpers of a model
 * @api: the model
 * @h: a struct helper pointer, set to each helper in turn
 */
#define for_each_helper(api, h) \
	for ((h) = (api)->helpers; \
	     (h) && (h) < (api)->helpers + (api)->nr_helpers; (h)++)

/**
 * api_init() - make an empty model
 * @api: the model, whose fields are all zeroed
 *
 * Whatever @api held is not freed: use api_release() on a model that may
 * hold something.
 */
void api_init(struct api *api);

/**
 * api_release() - free everything a model holds
 * @api: the model
 *
 * @api itself is not freed; it is left empty, as after api_init().
 */
void api_release(struct api *api);

/**
 * ops_struct_release() - free what a struct holds
 * @s: the struct
 *
 * Free its members and strings (not @s itself) and zero it.
 */
void ops_struct_release(struct ops_struct *s);

/**
 * api_add_struct() - append a struct to a model
 * @api: the model
 * @name: the struct's name, copied
 *
 * The entry is zeroed but for its name. The array may move: pointers to
 * earlier entries are no longer valid.
 *
 * Return: the new entry, owned by @api.
 */
struct ops_struct *api_add_struct(struct api *api, const char *name);

/**
 * api_add_enum() - append an enum to a model
 * @api: the model
 * @name: the enum's name, copied
 *
 * The entry is zeroed but for its name. The array may move: pointers to
 * earlier entries are no longer valid.
 *
 * Return: the new entry, owned by @api.
 */
struct enum_decl *api_add_enum(struct api *api, const char *name);

/**
 * api_add_helper() - append a zeroed helper to a model
 * @api: the model
 *
 * The array may move: pointers to earlier entries are no longer valid.
 *
 * Return: the new entry, owned by @api.
 */
struct helper *api_add_helper(struct api *api);

/**
 * api_add_caller() - append a zeroed caller to a model
 * @api: the model
 *
 * The array may move: pointers to earlier entries are no longer valid.
 *
 * Return: the new entry, owned by @api.
 */
struct caller *api_add_caller(struct api *api);

/**
 * api_add_example() - append a zeroed example function to a model
 * @api: the model
 *
 * The array may move: pointers to earlier entries are no longer valid.
 *
 * Return: the new entry, owned by @api.
 */
struct example_function *api_add_example(struct api *api);

/**
 * struct_add_member() - append a zeroed member to a struct
 * @s: the struct
 *
 * The array may move: pointers to earlier members are no longer valid.
 *
 * Return: the new member, owned by @s.
 */
struct member *struct_add_member(struct ops_struct *s);

/**
 * member_add_param() - append a zeroed parameter to a callback
 * @m: the member
 *
 * The array may move: pointers to earlier parameters are no longer valid.
 *
 * Return: the new parameter, owned by @m.
 */
struct param *member_add_param(struct member *m);

/**
 * enum_add_value() - append a zeroed enumerator to an enum
 * @e: the enum
 *
 * The array may move: pointers to earlier enumerators are no longer valid.
 *
 * Return: the new enumerator, owned by @e.
 */
struct enumerator *enum_add_value(struct enum_decl *e);

/**
 * find_struct_by_name() - look a struct up in a model
 * @api: the model
 * @name: the struct's name, e.g. "file_operations"
 *
 * Return: the struct (which may be one the tree does not have: check its
 * present field), or NULL when the model has none of that name.
 */
struct ops_struct *find_struct_by_name(const struct api *api, const char *name);

/**
 * find_enum_by_name() - look an enum up in a model
 * @api: the model
 * @name: the enum's name
 *
 * Return: the enum, or NULL when the model has none of that name.
 */
struct enum_decl *find_enum_by_name(const struct api *api, const char *name);

/**
 * find_member_by_name() - look a member up in a struct
 * @s: the struct
 * @name: the member's name, a dotted path for a nested member
 *
 * Return: the member, or NULL when @s has none of that name.
 */
struct member *find_member_by_name(const struct ops_struct *s, const char *name);

/**
 * find_helper_by_name() - look a helper up in a model
 * @api: the model
 * @name: the helper's name
 *
 * Return: the first helper of that name, or NULL when there is none.
 */
struct helper *find_helper_by_name(const struct api *api, const char *name);

/**
 * member_kind_name() - the api.json name of a member kind
 * @kind: a valid enum member_kind
 *
 * Return: "field", "callback", "struct" or "union", a static string.
 */
const char *member_kind_name(enum member_kind kind);

/**
 * member_kind_from_name() - a member kind from its api.json name
 * @name: "field", "callback", "struct" or "union"
 * @kind: receives the kind
 *
 * Return: 0, or -1 when @name is none of them (then @kind is unchanged).
 */
int member_kind_from_name(const char *name, enum member_kind *kind);

/**
 * helper_kind_name() - the api.json name of a helper kind
 * @kind: a valid enum helper_kind
 *
 * Return: "function" or "macro", a static string.
 */
const char *helper_kind_name(enum helper_kind kind);

/**
 * helper_kind_from_name() - a helper kind from its api.json name
 * @name: "function" or "macro"
 * @kind: receives the kind
 *
 * Return: 0, or -1 when @name is neither (then @kind is unchanged).
 */
int helper_kind_from_name(const char *name, enum helper_kind *kind);

/**
 * api_sort_helpers() - order a model's helpers by file, then line
 * @api: the model
 *
 * Helpers at the same place are ordered by name.
 */
void api_sort_helpers(struct api *api);

/**
 * api_sort_callers() - order a model's callers and drop repeats
 * @api: the model
 *
 * Order by member, file, line, then function and via; a caller equal to
 * the one before it in all of these (call is not compared) is freed and
 * dropped.
 */
void api_sort_callers(struct api *api);

/**
 * api_sort_examples() - order a model's example functions by file, then line
 * @api: the model
 *
 * Functions at the same place are ordered by name.
 */
void api_sort_examples(struct api *api);

/**
 * find_example() - look an example function up in a model
 * @api: the model
 * @file: its file, relative to the examples directory
 * @name: the function's name
 *
 * Return: the example function, or NULL when @file has none of that name.
 */
struct example_function *find_example(const struct api *api, const char *file,
				      const char *name);

/**
 * var caller_members - the callbacks whose callers are found
 *
 * The file_operations callbacks whose callers extract --callers finds;
 * NULL-terminated.
 */
extern const char *const caller_members[];

#endif
