#include "encoding.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "util/buf.h"
#include "util/utf8.h"

/* Length of the sequence a lead byte announces, 0 for a byte that cannot
 * start one (continuation bytes, C0/C1 overlong leads, F5..FF). */
static int utf8_seq_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    return 0;
}

/* GLib decodes (one UTF-8 decoder for folio): the code point of the
 * sequence at s (at most left bytes), or UINT32_MAX when it is truncated,
 * overlong, a surrogate, beyond U+10FFFF or has a bad continuation byte. */
static uint32_t decode_one(const unsigned char *s, size_t left)
{
    gunichar cp = g_utf8_get_char_validated((const char *)s, (gssize)(left < 4 ? left : 4));
    return cp == (gunichar)-1 || cp == (gunichar)-2 ? UINT32_MAX : cp;
}

/* Reports the bad byte at s[i], the lead of a sequence of n bytes. */
static void report_bad_sequence(const unsigned char *s, size_t len, size_t i, int n,
                                const char *file, int line, int col, fdiag *d)
{
    for (int k = 1; k < n; k++) {
        if (i + (size_t)k >= len) {
            fdiag_error(d, file, line, col, "invalid UTF-8: sequence cut short by the end of file");
            return;
        }
        if ((s[i + (size_t)k] & 0xC0) != 0x80) {
            fdiag_error(d, file, line, col,
                        "invalid UTF-8: byte 0x%02X is not a continuation of 0x%02X",
                        s[i + (size_t)k], s[i]);
            return;
        }
    }
    fdiag_error(d, file, line, col, "invalid UTF-8: %s",
                s[i] == 0xED   ? "encoded surrogate"
                : s[i] >= 0xF4 ? "code point beyond U+10FFFF"
                               : "overlong encoding");
}

bool encoding_validate(const char *data, size_t len, const char *file, fdiag *d)
{
    const unsigned char *s = (const unsigned char *)data;
    int line = 1, col = 1;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c == 0) {
            fdiag_error(d, file, line, col, "invalid UTF-8: NUL byte");
            return false;
        }
        if (c < 0x80) {
            if (c == '\n') {
                line++;
                col = 0;
            }
            i++;
            col++;
            continue;
        }
        int n = utf8_seq_len(c);
        if (n == 0) {
            const char *why = c < 0xC0   ? "unexpected continuation byte"
                              : c < 0xC2 ? "overlong encoding"
                                         : "byte never used in UTF-8";
            fdiag_error(d, file, line, col, "invalid UTF-8: %s 0x%02X", why, c);
            return false;
        }
        if (decode_one(s + i, len - i) == UINT32_MAX) {
            report_bad_sequence(s, len, i, n, file, line, col, d);
            return false;
        }
        i += (size_t)n;
        col++;
    }
    return true;
}

/* Mac Roman bytes 0x80..0xFF as Unicode. */
static const uint16_t mac_roman[128] = {
    0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, /* 80 */
    0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
    0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3, /* 90 */
    0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
    0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF, /* A0 */
    0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
    0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, /* B0 */
    0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
    0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, /* C0 */
    0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
    0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA, /* D0 */
    0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
    0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, /* E0 */
    0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
    0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC, /* F0 */
    0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
};

/* Windows-1252 bytes 0x80..0x9F; 0 marks the five undefined bytes, which
 * lenient decoders pass through as the C1 controls U+0081… */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

typedef enum legacy_enc { ENC_MAC_ROMAN, ENC_CP1252, ENC_COUNT } legacy_enc;

static const char *const enc_names[ENC_COUNT] = {"Mac Roman", "Windows-1252"};

/* The byte (0x80..0xFF) that cp came from when decoded with enc, or -1. */
static int legacy_byte(legacy_enc enc, uint32_t cp)
{
    if (cp < 0x80)
        return -1;
    if (enc == ENC_MAC_ROMAN) {
        if (cp == 0x00A4) /* the currency sign DB held before Mac OS 8.5 */
            return 0xDB;
        for (int b = 0; b < 128; b++)
            if (mac_roman[b] == cp)
                return 0x80 + b;
        return -1;
    }
    if (cp <= 0xFF)
        return (int)cp; /* Latin-1 part, and C1 controls from lenient decoders */
    for (int b = 0; b < 32; b++)
        if (cp1252_high[b] == cp)
            return 0x80 + b;
    return -1;
}

/* Whether a repaired character is one a real text plausibly held. Limiting
 * repairs to Latin letters, punctuation, symbols and emoji keeps ordinary
 * text ("café…»", "«été»") from being read as mojibake. */
static bool plausible(uint32_t cp, int n)
{
    switch (n) {
    case 2: return cp >= 0xA0 && cp <= 0x17F;
    case 3: return (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0xFE00 && cp <= 0xFE0F);
    default: return cp >= 0x1F000 && cp <= 0x1FAFF;
    }
}

static bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

typedef struct mojibake_run {
    size_t start, end;  /* bytes of the broken text */
    uint32_t cp;        /* what it should have been */
    legacy_enc enc;
} mojibake_run;

/* Tries to read a mojibake run starting at data[i] with enc. */
static bool match_run(const char *data, size_t len, size_t i, legacy_enc enc, mojibake_run *run)
{
    unsigned char bytes[4];
    size_t j = i;
    int lead = legacy_byte(enc, utf8_next(data, len, &j));
    int n = lead < 0 ? 0 : utf8_seq_len((unsigned char)lead);
    if (n < 2)
        return false;
    bytes[0] = (unsigned char)lead;
    for (int k = 1; k < n; k++) {
        if (j >= len)
            return false;
        int b = legacy_byte(enc, utf8_next(data, len, &j));
        if (b < 0x80 || b > 0xBF)
            return false;
        bytes[k] = (unsigned char)b;
    }
    uint32_t cp = decode_one(bytes, (size_t)n);
    if (cp == UINT32_MAX || !plausible(cp, n))
        return false;
    /* Latin Extended-A (œ, š, ł…) comes from pairs like "≈ì" that symbol
     * tables also hold: believe it only inside a word. */
    if (n == 2 && lead >= 0xC4 && !(i > 0 && is_ascii_letter(data[i - 1])) &&
        !(j < len && is_ascii_letter(data[j])))
        return false;
    *run = (mojibake_run){i, j, cp, enc};
    return true;
}

/* Line and character column of byte offset off. */
static void position_of(const char *data, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off;) {
        if (data[i] == '\n') {
            (*line)++;
            *col = 1;
            i++;
            continue;
        }
        utf8_next(data, off, &i);
        (*col)++;
    }
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The word around a run, as found and as repaired, for the message. */
static void quote_example(const char *data, size_t len, const mojibake_run *first, buf *found,
                          buf *fixed)
{
    size_t from = first->start, to = first->end;
    while (from > 0 && first->start - from < 40 && !is_space(data[from - 1]))
        from--;
    while (from < first->start && ((unsigned char)data[from] & 0xC0) == 0x80)
        from++;
    while (to < len && to - first->end < 40 && !is_space(data[to]))
        to++;
    while (to < len && to > first->end && ((unsigned char)data[to] & 0xC0) == 0x80)
        to--;
    buf_append(found, data + from, to - from);
    for (size_t i = from; i < to;) {
        mojibake_run run;
        if ((unsigned char)data[i] >= 0x80 && match_run(data, to, i, first->enc, &run)) {
            buf_put_utf8(fixed, run.cp);
            i = run.end;
        } else {
            size_t k = i;
            utf8_next(data, to, &k);
            buf_append(fixed, data + i, k - i);
            i = k;
        }
    }
}

bool encoding_mojibake(const char *data, size_t len, bool fix, const char *file, fdiag *d,
                       char **out, size_t *out_len)
{
    buf repaired = {0};
    size_t runs = 0, copied = 0;
    mojibake_run first = {0};
    for (size_t i = 0; i < len;) {
        if ((unsigned char)data[i] < 0x80) { /* no run starts at ASCII */
            i++;
            continue;
        }
        mojibake_run run;
        bool found = false;
        for (int e = 0; e < ENC_COUNT && !found; e++)
            found = match_run(data, len, i, (legacy_enc)e, &run);
        if (!found) {
            utf8_next(data, len, &i);
            continue;
        }
        if (runs++ == 0)
            first = run;
        if (fix) {
            buf_append(&repaired, data + copied, run.start - copied);
            buf_put_utf8(&repaired, run.cp);
            copied = run.end;
        }
        i = run.end;
    }
    if (out) {
        *out = NULL;
        if (out_len)
            *out_len = 0;
    }
    if (runs == 0)
        return false;

    int line, col;
    position_of(data, first.start, &line, &col);
    buf found = {0}, fixed = {0};
    quote_example(data, len, &first, &found, &fixed);
    if (fix && out) {
        buf_append(&repaired, data + copied, len - copied);
        *out_len = repaired.len; /* never empty: it holds at least one repair */
        *out = buf_detach(&repaired);
        fdiag_warn(d, file, line, col,
                   "repaired %zu mis-encoded character%s (UTF-8 read as %s), e.g. \"%s\" → \"%s\"",
                   runs, runs == 1 ? "" : "s", enc_names[first.enc], buf_cstr(&found),
                   buf_cstr(&fixed));
    } else {
        fdiag_warn(d, file, line, col,
                   "text looks mis-encoded (UTF-8 read as %s): \"%s\" would be \"%s\"; use "
                   "--fix-encoding",
                   enc_names[first.enc], buf_cstr(&found), buf_cstr(&fixed));
    }
    buf_free(&repaired);
    buf_free(&found);
    buf_free(&fixed);
    return true;
}

size_t encoding_unix_newlines(char *s, size_t len)
{
    char *cr = memchr(s, '\r', len);
    if (!cr)
        return len;
    size_t out = (size_t)(cr - s);
    for (size_t i = out; i < len; i++) {
        if (s[i] != '\r')
            s[out++] = s[i];
        else if (i + 1 >= len || s[i + 1] != '\n')
            s[out++] = '\n'; /* a lone CR; a CR before LF just goes */
    }
    return out;
}

/* What is wrong with code point c for a reader, or NULL when nothing. */
static const char *unprintable(uint32_t c)
{
    if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F))
        return "a control character";
    if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
        return "not a character";
    if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000)
        return "a private-use character, which no bundled font draws";
    return NULL;
}

size_t encoding_strip_unprintable(char *s, size_t len, const char *file, fdiag *d)
{
    enum { SHOWN = 20 };
    size_t out = 0, removed = 0;
    int line = 1, col = 1;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x20 && b < 0x7F) { /* printable ASCII, the common case, moved as is */
            s[out++] = s[i++];
            col++;
            continue;
        }
        size_t at = i;
        uint32_t c = utf8_next(s, len, &i);
        const char *why = unprintable(c);
        if (why) {
            if (removed++ < SHOWN)
                fdiag_warn(d, file, line, col, "unprintable character U+%04X (%s); removed",
                           (unsigned)c, why);
        } else {
            memmove(s + out, s + at, i - at);
            out += i - at;
        }
        if (c == '\n')
            line++, col = 1;
        else
            col++;
    }
    if (removed > SHOWN)
        fdiag_warn(d, file, 0, 0, "%zu more unprintable characters removed", removed - SHOWN);
    if (out < len)
        s[out] = '\0';
    return out;
}
