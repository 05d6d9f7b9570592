# A folder with nothing in it at all (under UBSan, collect used to hand
# qsort a NULL array).
mkdir issue
run issue -o out.pdf
expect_exit 1
expect_err 'issue: error: no Markdown sources (.md, .qmd) in this folder'
