# 100 000 nested Quarto divs, to an EPUB.
awk 'BEGIN { for (i = 0; i < 100000; i++) print "::: {.callout-note}"; print "fond"; for (i = 0; i < 100000; i++) print ":::" }' >deep.qmd
run deep.qmd -o out.epub
expect_exit 1
expect_err 'deep.qmd:65:1: error: nesting deeper than 64 levels'
