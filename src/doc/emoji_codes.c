#include "emoji_codes.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "tree.h"
#include "util/buf.h"

/* The codes most used in newsletters, as GitHub and pandoc spell them
 * (gemoji's names), sorted for bsearch. */
static const struct {
    const char *code, *emoji;
} codes[] = {
    {"+1", "👍"}, {"-1", "👎"}, {"100", "💯"}, {"alarm_clock", "⏰"}, {"arrow_down", "⬇️"},
    {"arrow_left", "⬅️"}, {"arrow_right", "➡️"}, {"arrow_up", "⬆️"}, {"art", "🎨"},
    {"bar_chart", "📊"}, {"beers", "🍻"}, {"bell", "🔔"}, {"birthday", "🎂"}, {"blush", "😊"},
    {"book", "📖"}, {"bookmark", "🔖"}, {"books", "📚"}, {"boom", "💥"}, {"bow", "🙇"},
    {"brain", "🧠"}, {"briefcase", "💼"}, {"bug", "🐛"}, {"bulb", "💡"}, {"calendar", "📆"},
    {"camera", "📷"}, {"chart_with_downwards_trend", "📉"}, {"chart_with_upwards_trend", "📈"},
    {"checkered_flag", "🏁"}, {"clap", "👏"}, {"clipboard", "📋"}, {"clock1", "🕐"},
    {"coffee", "☕"}, {"computer", "💻"}, {"confetti_ball", "🎊"}, {"construction", "🚧"},
    {"cool", "🆒"}, {"crossed_fingers", "🤞"}, {"cry", "😢"}, {"dart", "🎯"}, {"date", "📅"},
    {"email", "📧"}, {"envelope", "✉️"}, {"eyes", "👀"}, {"fire", "🔥"}, {"flag_fr", "🇫🇷"},
    {"fr", "🇫🇷"}, {"gift", "🎁"}, {"globe_with_meridians", "🌐"}, {"grin", "😁"},
    {"grinning", "😀"}, {"hammer", "🔨"}, {"handshake", "🤝"}, {"hatching_chick", "🐣"},
    {"heart", "❤️"}, {"heart_eyes", "😍"}, {"heavy_check_mark", "✔️"}, {"hourglass", "⌛"},
    {"hugs", "🤗"}, {"information_source", "ℹ️"}, {"joy", "😂"}, {"key", "🔑"}, {"label", "🏷️"},
    {"laptop", "💻"}, {"laughing", "😆"}, {"link", "🔗"}, {"lock", "🔒"}, {"loudspeaker", "📢"},
    {"mag", "🔍"}, {"mailbox", "📫"}, {"mega", "📣"}, {"memo", "📝"}, {"microphone", "🎤"},
    {"mortar_board", "🎓"}, {"muscle", "💪"}, {"new", "🆕"}, {"newspaper", "📰"}, {"no_entry", "⛔"},
    {"ok_hand", "👌"}, {"open_book", "📖"}, {"package", "📦"}, {"paperclip", "📎"},
    {"partying_face", "🥳"}, {"pencil", "📝"}, {"pencil2", "✏️"}, {"point_down", "👇"},
    {"point_left", "👈"}, {"point_right", "👉"}, {"point_up", "☝️"}, {"pray", "🙏"},
    {"pushpin", "📌"}, {"question", "❓"}, {"raised_hands", "🙌"}, {"recycle", "♻️"},
    {"robot", "🤖"}, {"rocket", "🚀"}, {"rotating_light", "🚨"}, {"see_no_evil", "🙈"},
    {"shrug", "🤷"}, {"slightly_smiling_face", "🙂"}, {"smile", "😄"}, {"smiley", "😃"},
    {"snake", "🐍"}, {"sparkles", "✨"}, {"speech_balloon", "💬"}, {"star", "⭐"}, {"star2", "🌟"},
    {"sunglasses", "😎"}, {"tada", "🎉"}, {"teacher", "🧑‍🏫"}, {"telephone", "☎️"},
    {"thinking", "🤔"}, {"thumbsdown", "👎"}, {"thumbsup", "👍"}, {"tools", "🛠️"}, {"trophy", "🏆"},
    {"tv", "📺"}, {"warning", "⚠️"}, {"wave", "👋"}, {"white_check_mark", "✅"}, {"wink", "😉"},
    {"world_map", "🗺️"}, {"wrench", "🔧"}, {"x", "❌"}, {"zap", "⚡"},
};

static int by_code(const void *key, const void *row)
{
    return strcmp(key, *(const char *const *)row);
}

static const char *emoji_of(const char *code)
{
    const char *const *row = bsearch(code, codes, G_N_ELEMENTS(codes), sizeof codes[0], by_code);
    return row ? row[1] : NULL;
}

static bool code_char(char c)
{
    return g_ascii_islower(c) || g_ascii_isdigit(c) || c == '_' || c == '+' || c == '-';
}

/* The text of s with its known :codes: replaced, or NULL when none is. */
static const char *replaced(arena *a, const char *s)
{
    buf out = {0};
    bool any = false;
    const char *from = s;
    for (const char *p = strchr(s, ':'); p; p = strchr(p + 1, ':')) {
        size_t n = 0;
        while (code_char(p[1 + n]))
            n++;
        if (!n || p[1 + n] != ':' || n > 40)
            continue;
        char code[48];
        memcpy(code, p + 1, n);
        code[n] = '\0';
        const char *e = emoji_of(code);
        if (!e)
            continue;
        buf_append(&out, from, (size_t)(p - from));
        buf_puts(&out, e);
        from = p + n + 2;
        p = from - 1;
        any = true;
    }
    const char *r = NULL;
    if (any) {
        buf_puts(&out, from);
        r = arena_strdup(a, buf_cstr(&out));
    }
    buf_free(&out);
    return r;
}

void emoji_codes_apply(folio_doc *doc)
{
    if (doc->meta.emoji != 1 && !doc->project.emoji)
        return;
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type != FN_TEXT || !strchr(n->as.literal, ':'))
            continue;
        const char *r = replaced(doc->arena, n->as.literal);
        if (r)
            n->as.literal = r;
    }
}
