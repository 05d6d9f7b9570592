/* libqpdf opened on the first call of one of its functions, not at start:
 * with libstdc++, GnuTLS (whose constructor builds its ASN.1 trees and
 * starts p11-kit), libtasn1, libgmp and the rest it pulls in, it was 3 ms
 * of the CPU of every run (an empty program linked with it: 0.5 → 3.6 ms),
 * `folio --version` and EPUBs included, which never use it. Each function
 * folio calls is defined here under its own name and forwards to
 * libqpdf's, so the callers are unchanged; the compiler checks each
 * definition against qpdf-c.h. A qpdf function called anywhere in folio
 * (or its tests) must be listed here: the link says so otherwise. */
#include <qpdf/DLL.h>
/* The forwarders stay inside folio (libfolio.so exports none of them):
 * qpdf's headers mark its functions for export, its declarations here are
 * left unmarked. */
#undef QPDF_DLL
#define QPDF_DLL
#include <qpdf/qpdf-c.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* X(return type, name, parameters, arguments); V for the void ones. */
#define QPDF_FUNCTIONS(X, V)                                                                 \
    X(qpdf_data, qpdf_init, (void), ())                                                      \
    V(qpdf_cleanup, (qpdf_data * q), (q))                                                    \
    X(char const *, qpdf_get_qpdf_version, (void), ())                                       \
    V(qpdf_silence_errors, (qpdf_data q), (q))                                               \
    X(QPDF_BOOL, qpdf_has_error, (qpdf_data q), (q))                                         \
    X(qpdf_error, qpdf_get_error, (qpdf_data q), (q))                                        \
    X(char const *, qpdf_get_error_full_text, (qpdf_data q, qpdf_error e), (q, e))           \
    V(qpdf_set_suppress_warnings, (qpdf_data q, QPDF_BOOL v), (q, v))                        \
    X(QPDF_ERROR_CODE, qpdf_read, (qpdf_data q, char const *f, char const *pw), (q, f, pw))  \
    X(QPDF_ERROR_CODE, qpdf_read_memory,                                                     \
      (qpdf_data q, char const *d, char const *b, unsigned long long n, char const *pw),     \
      (q, d, b, n, pw))                                                                      \
    X(QPDF_ERROR_CODE, qpdf_init_write, (qpdf_data q, char const *f), (q, f))                \
    X(QPDF_ERROR_CODE, qpdf_init_write_memory, (qpdf_data q), (q))                           \
    X(QPDF_ERROR_CODE, qpdf_write, (qpdf_data q), (q))                                       \
    X(size_t, qpdf_get_buffer_length, (qpdf_data q), (q))                                    \
    X(unsigned char const *, qpdf_get_buffer, (qpdf_data q), (q))                            \
    V(qpdf_set_compress_streams, (qpdf_data q, QPDF_BOOL v), (q, v))                         \
    V(qpdf_set_deterministic_ID, (qpdf_data q, QPDF_BOOL v), (q, v))                         \
    V(qpdf_set_static_ID, (qpdf_data q, QPDF_BOOL v), (q, v))                                \
    V(qpdf_set_minimum_pdf_version, (qpdf_data q, char const *v), (q, v))                    \
    V(qpdf_set_newline_before_endstream, (qpdf_data q, QPDF_BOOL v), (q, v))                 \
    V(qpdf_set_object_stream_mode, (qpdf_data q, enum qpdf_object_stream_e m), (q, m))       \
    X(int, qpdf_get_num_pages, (qpdf_data q), (q))                                           \
    X(qpdf_oh, qpdf_get_page_n, (qpdf_data q, size_t i), (q, i))                             \
    X(qpdf_oh, qpdf_get_root, (qpdf_data q), (q))                                            \
    X(qpdf_oh, qpdf_get_trailer, (qpdf_data q), (q))                                         \
    X(qpdf_oh, qpdf_get_object_by_id, (qpdf_data q, int id, int gen), (q, id, gen))          \
    X(qpdf_oh, qpdf_make_indirect_object, (qpdf_data q, qpdf_oh o), (q, o))                  \
    V(qpdf_oh_release, (qpdf_data q, qpdf_oh o), (q, o))                                     \
    X(qpdf_oh, qpdf_oh_parse, (qpdf_data q, char const *s), (q, s))                          \
    X(qpdf_oh, qpdf_oh_new_null, (qpdf_data q), (q))                                         \
    X(qpdf_oh, qpdf_oh_new_bool, (qpdf_data q, QPDF_BOOL v), (q, v))                         \
    X(qpdf_oh, qpdf_oh_new_integer, (qpdf_data q, long long v), (q, v))                      \
    X(qpdf_oh, qpdf_oh_new_name, (qpdf_data q, char const *s), (q, s))                       \
    X(qpdf_oh, qpdf_oh_new_string, (qpdf_data q, char const *s), (q, s))                     \
    X(qpdf_oh, qpdf_oh_new_unicode_string, (qpdf_data q, char const *s), (q, s))             \
    X(qpdf_oh, qpdf_oh_new_binary_string, (qpdf_data q, char const *s, size_t n), (q, s, n)) \
    X(qpdf_oh, qpdf_oh_new_array, (qpdf_data q), (q))                                        \
    X(qpdf_oh, qpdf_oh_new_dictionary, (qpdf_data q), (q))                                   \
    X(qpdf_oh, qpdf_oh_new_stream, (qpdf_data q), (q))                                       \
    X(QPDF_BOOL, qpdf_oh_is_array, (qpdf_data q, qpdf_oh o), (q, o))                         \
    X(QPDF_BOOL, qpdf_oh_is_dictionary, (qpdf_data q, qpdf_oh o), (q, o))                    \
    X(QPDF_BOOL, qpdf_oh_is_integer, (qpdf_data q, qpdf_oh o), (q, o))                       \
    X(QPDF_BOOL, qpdf_oh_is_name, (qpdf_data q, qpdf_oh o), (q, o))                          \
    X(QPDF_BOOL, qpdf_oh_is_name_and_equals, (qpdf_data q, qpdf_oh o, char const *s),        \
      (q, o, s))                                                                             \
    X(QPDF_BOOL, qpdf_oh_is_stream, (qpdf_data q, qpdf_oh o), (q, o))                        \
    X(QPDF_BOOL, qpdf_oh_is_string, (qpdf_data q, qpdf_oh o), (q, o))                        \
    X(int, qpdf_oh_get_int_value_as_int, (qpdf_data q, qpdf_oh o), (q, o))                   \
    X(double, qpdf_oh_get_numeric_value, (qpdf_data q, qpdf_oh o), (q, o))                   \
    X(char const *, qpdf_oh_get_name, (qpdf_data q, qpdf_oh o), (q, o))                      \
    X(char const *, qpdf_oh_get_utf8_value, (qpdf_data q, qpdf_oh o), (q, o))                \
    X(char const *, qpdf_oh_get_binary_string_value, (qpdf_data q, qpdf_oh o, size_t *n),    \
      (q, o, n))                                                                             \
    X(int, qpdf_oh_get_object_id, (qpdf_data q, qpdf_oh o), (q, o))                          \
    X(int, qpdf_oh_get_array_n_items, (qpdf_data q, qpdf_oh o), (q, o))                      \
    X(qpdf_oh, qpdf_oh_get_array_item, (qpdf_data q, qpdf_oh o, int n), (q, o, n))           \
    V(qpdf_oh_append_item, (qpdf_data q, qpdf_oh o, qpdf_oh item), (q, o, item))             \
    V(qpdf_oh_begin_dict_key_iter, (qpdf_data q, qpdf_oh o), (q, o))                         \
    X(QPDF_BOOL, qpdf_oh_dict_more_keys, (qpdf_data q), (q))                                 \
    X(char const *, qpdf_oh_dict_next_key, (qpdf_data q), (q))                               \
    X(QPDF_BOOL, qpdf_oh_has_key, (qpdf_data q, qpdf_oh o, char const *k), (q, o, k))        \
    X(qpdf_oh, qpdf_oh_get_key, (qpdf_data q, qpdf_oh o, char const *k), (q, o, k))          \
    V(qpdf_oh_replace_key, (qpdf_data q, qpdf_oh o, char const *k, qpdf_oh v), (q, o, k, v)) \
    V(qpdf_oh_remove_key, (qpdf_data q, qpdf_oh o, char const *k), (q, o, k))                \
    X(qpdf_oh, qpdf_oh_get_dict, (qpdf_data q, qpdf_oh o), (q, o))                           \
    V(qpdf_oh_replace_stream_data,                                                           \
      (qpdf_data q, qpdf_oh o, unsigned char const *b, size_t n, qpdf_oh filter,             \
       qpdf_oh parms),                                                                       \
      (q, o, b, n, filter, parms))

/* Those that hand the caller a buffer to free (b, n). */
#define QPDF_OWNED_BUFFERS(X)                                                                \
    X(QPDF_ERROR_CODE, qpdf_oh_get_stream_data,                                              \
      (qpdf_data q, qpdf_oh o, enum qpdf_stream_decode_level_e l, QPDF_BOOL *filtered,       \
       unsigned char **b, size_t *n),                                                        \
      (q, o, l, filtered, b, n))                                                             \
    X(QPDF_ERROR_CODE, qpdf_oh_get_page_content_data,                                        \
      (qpdf_data q, qpdf_oh page, unsigned char **b, size_t *n), (q, page, b, n))

#define SLOT(ret, name, params, args) __typeof__(&name) name;
#define VSLOT(name, params, args) __typeof__(&name) name;
static struct {
    QPDF_FUNCTIONS(SLOT, VSLOT)
    QPDF_OWNED_BUFFERS(SLOT)
    void (*free)(void *); /* the free of qpdf's own scope (see open_once) */
} lib;

#define NAME(ret, name, params, args) #name,
#define VNAME(name, params, args) #name,
static const char *const names[] = {QPDF_FUNCTIONS(NAME, VNAME) QPDF_OWNED_BUFFERS(NAME) "free"};

/* RTLD_DEEPBIND: libqpdf, libstdc++ and GnuTLS look their symbols up in
 * their own libraries first, as they did when qpdf was linked second; from
 * the end of the global scope each of their thousands of C++ relocations
 * first went through the ~50 libraries folio starts with (a one-paragraph
 * PDF: +1.3 ms, do_lookup_x 10 → 15% of its samples). The sanitizers'
 * runtimes refuse it (they replace malloc for everyone, qpdf's too). */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define DEEPBIND 0
#else
#define DEEPBIND RTLD_DEEPBIND
#endif

/* libqpdf is part of folio's installation: without it no PDF can be made,
 * as no run could start when it was linked. */
static void open_once(void)
{
    _Static_assert(sizeof lib == sizeof names, "one name per function");
    void *handle = dlopen("libqpdf.so.29", RTLD_LAZY | RTLD_LOCAL | DEEPBIND); /* never closed */
    void **slots = (void **)&lib;
    for (size_t i = 0; handle && i < sizeof names / sizeof *names; i++)
        if (!(slots[i] = dlsym(handle, names[i])))
            handle = NULL;
    if (!handle) {
        fputs("folio: libqpdf.so.29 cannot be loaded\n", stderr);
        abort();
    }
}

static void open_qpdf(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, open_once);
}

/* A buffer qpdf allocated for the caller to free, moved to folio's own
 * malloc: with RTLD_DEEPBIND qpdf's malloc is the C library's even where
 * a program linking libfolio brings its own allocator. */
static QPDF_ERROR_CODE own_buffer(QPDF_ERROR_CODE status, unsigned char **b, size_t *n)
{
    if (!*b || !DEEPBIND)
        return status;
    unsigned char *copy = malloc(*n ? *n : 1);
    if (!copy)
        abort(); /* as qpdf's own allocation failing would */
    memcpy(copy, *b, *n);
    lib.free(*b);
    *b = copy;
    return status;
}

#define FORWARD(ret, name, params, args)                                                     \
    ret name params                                                                          \
    {                                                                                        \
        open_qpdf();                                                                         \
        return lib.name args;                                                                \
    }
#define VFORWARD(name, params, args)                                                         \
    void name params                                                                         \
    {                                                                                        \
        open_qpdf();                                                                         \
        lib.name args;                                                                       \
    }
#define OWNED(ret, name, params, args)                                                       \
    ret name params                                                                          \
    {                                                                                        \
        open_qpdf();                                                                         \
        *b = NULL;                                                                           \
        return own_buffer(lib.name args, b, n);                                              \
    }
QPDF_FUNCTIONS(FORWARD, VFORWARD)
QPDF_OWNED_BUFFERS(OWNED)
