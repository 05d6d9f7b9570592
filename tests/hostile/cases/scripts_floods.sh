# Other scripts in bulk, through the PDF (shaping, bidi, fallback fonts)
# and the EPUB: a 200,000-character Arabic paragraph, a table of 2,000
# rows mixing both directions, and a document of 24 scripts. Linear: the
# paragraph at four times the length costs at most six times the CPU
# (a plain build: 0.06 s, then 0.25 s; the table 0.7 s; the scripts 0.2 s).
limit=10
sanitizer_build && limit=90
rtl() {
    awk -v n="$1" 'BEGIN {
        printf "---\nlang: ar\n---\n"
        for (i = 0; i < n; i++) printf "مرحبا بالعالم "
        print "نهاية"
    }' >"$2"
}
rtl 3600 rtl1.md
rtl 14400 rtl4.md # 201,600 characters
run_within "$limit" rtl4.md -o rtl4.pdf
expect_exit 0
[ "$(pdftotext rtl4.pdf - | grep -o 'بالعالم' | wc -l)" = 14400 ] || fail "want 14,400 words 'بالعالم' in the PDF"
expect_growth 6 "50,000 → 200,000 RTL characters" rtl1.md rtl4.md {} -o growth.pdf
run_within "$limit" rtl4.md -o rtl4.epub
expect_exit 0
expect_has rtl4.epub 'dir="rtl"'

# Every cell mixes directions; the column alignments all differ.
awk 'BEGIN {
    print "| عربي | English | עברית | 中文 |"
    print "|---|:-:|--:|---|"
    for (i = 0; i < 2000; i++)
        printf "| مرحبا %d world | hello عالم %d | שלום world %d | 你好 مرحبا %d |\n", i, i, i, i
}' >table.md
run_within "$limit" table.md -o table.pdf
expect_exit 0
[ -s "$work/err" ] && fail "warnings: $(head -3 "$work/err")"
expect_has table.pdf 'hello'
[ "$(pdftotext table.pdf - | grep -o 'שלום' | wc -l)" = 2000 ] || fail "want 2,000 'שלום' in the PDF"
run_within "$limit" table.md -o table.epub
expect_exit 0

# 24 scripts, one paragraph each time, 200 times: only Canadian syllabics
# has no bundled font, said once a character (five), each at its line and
# column (Tibetan, bundled since, is read in the PDF).
awk 'BEGIN {
    s = "Bonjour le monde|مرحبا بالعالم|שלום עולם|你好世界|こんにちは世界|안녕하세요 세계|नमस्ते दुनिया|สวัสดีชาวโลก|Привет мир|Γειά σου κόσμε|হ্যালো বিশ্ব|வணக்கம் உலகம்|გამარჯობა მსოფლიო|Բարեւ աշխարհ|ሰላም ልዑል|ສະບາຍດີຊາວໂລກ|សួស្តីពិភពលោក|ᐊᐃᐅᐁᐱ|ཀུ་ཟོ་ཟང་པོ|ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ|હેલો વર્લ્ડ|ಹಲೋ ವರ್ಲ್ಡ್|ഹലോ വേൾഡ്|සුභ දවසක්|မင်္ဂလာပါ"
    n = split(s, w, "|")
    for (r = 0; r < 200; r++) {
        for (i = 1; i <= n; i++) printf "%s ", w[i]
        print "\n"
    }
}' >scripts.md
run_within "$limit" scripts.md -o scripts.pdf
expect_exit 0
[ "$(grep -c 'warning: unprintable character U+14' "$work/err")" = 5 ] ||
    fail "want the 5 syllabics said once each: $(head -3 "$work/err")"
expect_err 'scripts.md:1:211: warning: unprintable character U+140A'
expect_has scripts.pdf 'გამარჯობა'
run_within "$limit" scripts.md -o scripts.epub
expect_exit 0
[ "$(grep -vc 'U+14' "$work/err")" = 0 ] || fail "EPUB warnings: $(head -3 "$work/err")"
run check scripts.md
expect_err 'scripts.md:1:211: warning: unprintable character U+140A'

# A bare-address candidate of a whole line (1 MB less its end): linked
# when it fits a link (64 KiB), else kept as text with a warning.
awk 'BEGIN { printf "www."; for (i = 0; i < 1048000; i++) printf "a"; print ".org" }' >long.md
run_within "$limit" dump long.md
expect_exit 0
expect_err 'long.md:1:1: warning: link address of 1048008 bytes is longer than 64 KiB; the text is kept without the link'
awk 'BEGIN { printf "voir www."; for (i = 0; i < 60000; i++) printf "a"; print ".org/x)." }' >fits.md
run_within "$limit" dump fits.md
expect_exit 0
grep -q '^    link url="http://www\.a*\.org/x"$' "$work/out" || fail "the address is not linked up to its ')'"
run_within "$limit" fits.md -o fits.pdf
expect_exit 0
[ "$(pdftotext fits.pdf - | grep -o 'a*' | awk '{ s += length } END { print s }')" -ge 60000 ] ||
    fail "the long address is not printed whole"
