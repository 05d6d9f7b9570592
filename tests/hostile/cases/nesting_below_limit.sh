# 60 levels of quotes, lists and divs: under the limit, both outputs are made.
awk 'BEGIN {
    for (i = 0; i < 60; i++) printf "> "; print "fin"; print ""
    for (i = 0; i < 30; i++) { for (j = 0; j < i; j++) printf "  "; print "- niveau " i }; print ""
    for (i = 0; i < 60; i++) print "::: {.callout-tip}"; print "bas"; for (i = 0; i < 60; i++) print ":::"
}' >deep.qmd
run deep.qmd -o out.pdf
expect_exit 0
expect_has out.pdf 'fin'
expect_has out.pdf 'bas'
run deep.qmd -o out.epub
expect_exit 0
expect_has out.epub 'niveau 29'
