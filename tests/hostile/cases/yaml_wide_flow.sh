# One flow sequence of a million items in front matter: the node limit is
# checked as the events arrive, so the error points at the 20 001st item
# (before: the whole list loaded first, 8 M items took 1.3 GB).
awk 'BEGIN { printf "---\ntitle: ["; for (i = 0; i < 1000000; i++) printf "a,"; print "a]\n---\nx" }' >wide.md
run wide.md -o out.pdf
expect_exit 1
expect_err 'wide.md:2:40003: error: front matter: too many YAML nodes (more than 20000)'
