# A "billion laughs" YAML alias bomb in the front matter: aliases are
# never expanded, so it costs nothing; the odd values are ignored with a warning.
cat >bomb.md <<'MD'
---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
title: *i
tags: *i
authors: *i
---
Le corps.
MD
run bomb.md -o out.epub
expect_exit 0
expect_err 'bomb.md:10:4: warning: front matter: "title" should be text; ignored'
expect_lacks out.epub 'lollol'
