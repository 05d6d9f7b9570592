#include "htmlblock.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Tags whose content pandoc reads as Markdown. <p> is one: a paragraph
 * holding blocks becomes a plain container in the tree. */
static const char *const containers[] = {
    "details", "summary", "div",    "center", "figure", "figcaption", "section",
    "article", "aside",   "header", "footer", "main",   "nav",        "blockquote", "p",
};

static bool is_container(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof containers / sizeof containers[0]; i++) {
        if (strlen(containers[i]) == n && strncasecmp(containers[i], name, n) == 0)
            return true;
    }
    return false;
}

size_t htmlblock_container_tag(const char *s, size_t len)
{
    if (len < 3 || s[0] != '<')
        return 0;
    size_t i = 1;
    bool end = s[i] == '/';
    i += end;
    size_t name = i;
    while (i < len && isalnum((unsigned char)s[i]))
        i++;
    if (i == name || !is_container(s + name, i - name))
        return 0;
    if (i < len && s[i] != '>' && s[i] != ' ' && s[i] != '\t' && s[i] != '/')
        return 0; /* <divider>: another tag */
    char quote = 0;
    for (; i < len; i++) {
        if (quote) {
            if (s[i] == quote)
                quote = 0;
        } else if (s[i] == '"' || s[i] == '\'') {
            quote = s[i];
        } else if (s[i] == '>') {
            return i + 1;
        } else if (s[i] == '<') {
            return 0;
        }
    }
    return 0; /* not closed on this line */
}

static size_t tick_run(const char *s, size_t len, size_t i)
{
    size_t n = 0;
    while (i + n < len && s[i + n] == '`')
        n++;
    return n;
}

size_t htmlblock_next_container(const char *s, size_t len, size_t from)
{
    for (size_t i = from; i < len; i++) {
        if (s[i] == '`') {
            /* A code span ends at the next run of as many backticks; an
             * unmatched run is literal text. */
            size_t run = tick_run(s, len, i), k = i + run;
            while (k < len) {
                size_t r = tick_run(s, len, k);
                if (r == run)
                    break;
                k += r ? r : 1;
            }
            i = (k < len ? k + run : i + run) - 1;
            continue;
        }
        if (s[i] == '<' && htmlblock_container_tag(s + i, len - i))
            return i;
    }
    return len;
}

const char *htmlblock_raw_end(const char *s, size_t len)
{
    static const struct {
        const char *start, *end;
    } raw[] = {
        {"<!--", "-->"},           {"<script", "</script>"}, {"<style", "</style>"},
        {"<pre", "</pre>"},        {"<textarea", "</textarea>"},
    };
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++) {
        size_t n = strlen(raw[i].start);
        if (len >= n && strncasecmp(s, raw[i].start, n) == 0 &&
            (n == 4 || len == n || s[n] == '>' || s[n] == ' ' || s[n] == '\t'))
            return raw[i].end;
    }
    return NULL;
}

int htmlblock_has_end(const char *s, size_t len, size_t skip, const char *end)
{
    size_t n = strlen(end);
    for (size_t i = skip; i + n <= len; i++) {
        if (strncasecmp(s + i, end, n) == 0)
            return 1;
    }
    return 0;
}
