#include "autolink.h"

#include <glib.h>
#include <string.h>

/* The character at s[i] (U+FFFD for a bad byte); *n its length. */
static uint32_t char_at(const char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)s[i];
    *n = 1;
    if (c < 0x80)
        return c;
    size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (i + want > len)
        return 0xFFFD;
    gunichar u = g_utf8_get_char_validated(s + i, (gssize)want);
    if (u == (gunichar)-1 || u == (gunichar)-2)
        return 0xFFFD;
    *n = want;
    return u;
}

/* The character that ends at s[i - 1], or before when i is 0. */
static uint32_t char_before(const char *s, size_t len, size_t i, uint32_t before)
{
    if (i == 0)
        return before;
    size_t j = i - 1, n;
    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    uint32_t c = char_at(s, len, j, &n);
    return j + n == i ? c : 0xFFFD;
}

static bool is_space(uint32_t c) { return g_unichar_isspace(c) || c == 0x200B; }

/* c is one of the ASCII characters of set. */
static bool one_of(uint32_t c, const char *set) { return c && c < 0x80 && strchr(set, (int)c); }

/* Chinese, Japanese and Korean text has no spaces between words: its
 * characters and punctuation end an address and may come right before one
 * ('访问https://x.org。'), where GFM would run the address on to the next
 * space. */
static bool is_cjk(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* GFM: an address begins a line, or follows a space, '*', '_', '~' or '('. */
static bool may_begin_after(uint32_t c) { return is_space(c) || one_of(c, "*_~(") || is_cjk(c); }

/* A run of domain characters (letters, digits, '-', '_', '.'): where it
 * ends and where its last dots and underscore are, for every start inside
 * it (a failed www. candidate is not read again from each later one). */
typedef struct domain {
    size_t begin, end; /* the run read, [begin, end) */
    /* last dot, the one before, last '_', last letter or digit (+1; 0: none) */
    size_t dot1, dot2, underscore, alnum;
} domain;

static bool domain_char(uint32_t c)
{
    if (c < 0x80)
        return g_ascii_isalnum((int)c) || c == '-' || c == '_' || c == '.';
    return g_unichar_isalnum(c) && !is_cjk(c);
}

static void read_domain(const char *s, size_t len, size_t i, domain *d)
{
    if (i >= d->begin && i < d->end)
        return;
    *d = (domain){.begin = i, .end = i};
    size_t n;
    for (uint32_t c; d->end < len && domain_char(c = char_at(s, len, d->end, &n)); d->end += n) {
        if (c == '.') {
            d->dot2 = d->dot1;
            d->dot1 = d->end + 1;
        } else if (c == '_') {
            d->underscore = d->end + 1;
        } else if (c != '-') {
            d->alnum = d->end + 1;
        }
    }
}

/* GFM's valid domain from i: a dot, and no '_' in its last two parts;
 * and a letter or digit, which no trailing punctuation takes off. */
static bool valid_domain(const domain *d, size_t i)
{
    if (d->dot1 <= i || d->alnum <= i)
        return false;
    size_t last_two = d->dot2 > i ? d->dot2 : i;
    return d->underscore <= last_two;
}

/* The start of the decoded entity that ends at end, or end when none. */
static size_t entity_ending_at(const autolink_text *t, size_t end)
{
    size_t lo = 0, hi = t->n_entities;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->entities[2 * mid + 1] < end)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n_entities && t->entities[2 * lo + 1] == end ? t->entities[2 * lo] : end;
}

/* Where an address whose domain starts at i ends: at white space, '<' or
 * CJK text, less GFM's trailing punctuation, an unbalanced ')' and an
 * entity ('&name;', decoded or not). */
static size_t address_end(const autolink_text *t, size_t i)
{
    const char *s = t->s;
    size_t len = t->len;
    size_t end = i, n, open = 0, close = 0;
    for (uint32_t c; end < len && !is_space(c = char_at(s, len, end, &n)) && c != '<' && !is_cjk(c);
         end += n) {
        open += c == '(';
        close += c == ')';
    }
    while (end > i) {
        char c = s[end - 1];
        size_t entity = entity_ending_at(t, end);
        if (entity < end && entity > i) {
            end = entity; /* '&copy;', '&amp;': decoded, the text no longer says */
        } else if (one_of((unsigned char)c, "?!.,:*_~")) {
            end--;
        } else if (c == ')' && close > open) {
            end--;
            close--;
        } else if (c == ';') {
            size_t amp = end - 1;
            while (amp > i && g_ascii_isalnum(s[amp - 1]))
                amp--;
            if (amp == end - 1 || amp == i || s[amp - 1] != '&')
                break;
            end = amp - 1;
        } else {
            break;
        }
    }
    return end;
}

/* http://, https://, ftp:// at i: the length of the scheme, else 0. */
static size_t scheme_at(const char *s, size_t len, size_t i)
{
    static const char *const schemes[] = {"http://", "https://", "ftp://"};
    for (size_t k = 0; k < G_N_ELEMENTS(schemes); k++) {
        size_t n = strlen(schemes[k]);
        if (len - i >= n && memcmp(s + i, schemes[k], n) == 0)
            return n;
    }
    return 0;
}

static bool local_char(char c) { return g_ascii_isalnum(c) || one_of((unsigned char)c, ".+-_"); }

/* The e-mail address around the '@' at s[at] (GFM: letters, digits and
 * ".+-_" before it; letters, digits and ".-_" after it, with a dot, not
 * ending in '-' or '_'; a final '.' left out), not reaching back past from. */
static bool email_at(const char *s, size_t len, size_t from, size_t at, uint32_t before,
                     autolink *m)
{
    size_t start = at;
    while (start > from && local_char(s[start - 1]))
        start--;
    if (start == at || (start == from && from > 0))
        return false;
    /* 'émile@x.org' is no address 'mile@x.org'; 'a/b@c.org' is a path */
    uint32_t prev = char_before(s, len, start, before);
    if ((prev >= 0x80 && g_unichar_isalnum(prev)) || prev == '/' || prev == '@')
        return false;
    size_t end = at + 1;
    bool dot = false;
    while (end < len && (g_ascii_isalnum(s[end]) || one_of((unsigned char)s[end], ".-_")))
        end++;
    if (end > at + 1 && s[end - 1] == '.')
        end--;
    for (size_t i = at + 1; i < end; i++)
        dot |= s[i] == '.';
    if (!dot || s[end - 1] == '-' || s[end - 1] == '_')
        return false;
    *m = (autolink){start, end, "mailto:"};
    return true;
}

bool autolink_find(const autolink_text *t, size_t from, autolink *m)
{
    const char *s = t->s;
    size_t len = t->len;
    uint32_t before = t->before;
    domain d = {0};
    for (size_t i = from; i < len; i++) {
        char c = s[i];
        if (c == '@' && email_at(s, len, from, i, before, m))
            return true;
        if (c != 'h' && c != 'f' && c != 'w')
            continue;
        size_t scheme = scheme_at(s, len, i);
        bool www = !scheme && len - i > 4 && memcmp(s + i, "www.", 4) == 0;
        if ((!scheme && !www) || !may_begin_after(char_before(s, len, i, before)))
            continue;
        size_t host = i + (scheme ? scheme : 4);
        read_domain(s, len, host, &d);
        if (!valid_domain(&d, host))
            continue;
        size_t end = address_end(t, host);
        *m = (autolink){i, end, www ? "http://" : ""};
        return true;
    }
    return false;
}
