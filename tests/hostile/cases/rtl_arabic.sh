# Right-to-left: lang: ar gives dir="rtl" on every XHTML page and a
# right-to-left page progression in the spine; an Arabic text without lang
# is guessed Arabic (before: "en", no direction anywhere).
body='هذه نشرة إخبارية عن علم البيانات. نقرأ فيها مقالات عن الإحصاء والتعلم الآلي والبرمجة.'
printf -- '---\ntitle: النشرة\nlang: ar\n---\n# مقدمة\n\n%s\n' "$body" >ar.md
run ar.md -o ar.epub
expect_exit 0
unzip -p ar.epub '*.opf' | grep -q '<spine[^>]*page-progression-direction="rtl"' || fail "no rtl page progression in the spine"
for page in $(unzip -Z1 ar.epub | grep 'xhtml$'); do
    unzip -p ar.epub "$page" | grep -q '<html[^>]* dir="rtl"' || fail "$page has no dir=\"rtl\""
done
expect_epubcheck ar.epub
printf '%s\n\n%s\n' "$body" "$body" >guess.md
run dump guess.md
expect_exit 0
grep -q '^lang ar$' "$work/out" || fail "Arabic text guessed as: $(head -1 "$work/out")"
printf 'این یک خبرنامه فارسی درباره علم داده است. گزارش‌های کوتاه و پیوندهای مفید.\n' >fa.md
run dump fa.md
grep -q '^lang fa$' "$work/out" || fail "Persian text guessed as: $(head -1 "$work/out")"
# A French text with an Arabic quotation stays French.
printf 'Le texte est en français, avec une citation : « %s » et la suite du texte en français pour la revue.\n' "مرحبا" >fr.md
run dump fr.md
grep -q '^lang ar$' "$work/out" && fail "a French text with an Arabic word was guessed Arabic"
